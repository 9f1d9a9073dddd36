/**
 * Downloads a file's bytes, reporting progress as they arrive (the layer loader's bar).
 */

/**
 * @param fileName names the file in the error for an HTTP failure.
 * @param onProgress receives bytes loaded so far and the Content-Length (0 when the server sends none).
 * @throws Error "<fileName>: HTTP <status> <text>" when the server answers with an error.
 */
export async function fetchBytes(url: string, fileName: string, onProgress?: (loadedBytes: number, totalBytes: number) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${fileName}: HTTP ${response.status} ${response.statusText}`);
  const totalBytes = Number(response.headers.get('content-length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loadedBytes += value.byteLength;
    onProgress?.(loadedBytes, totalBytes);
  }
  const bytes = new Uint8Array(loadedBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
