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
  let loadedBytes = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loadedBytes += chunk.byteLength;
        onProgress?.(loadedBytes, totalBytes);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Uint8Array(await new Response(counted).arrayBuffer());
}
