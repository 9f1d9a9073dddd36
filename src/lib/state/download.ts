/// <reference lib="dom" />
/**
 * Saves bytes or text as a file through the browser's download (no server involved), and names
 * exports with the date so a month's files do not overwrite each other.
 */

/** Triggers a download of `content` as `fileName`. */
export function downloadFile(fileName: string, content: Uint8Array | string, mimeType: string): void {
  const part: BlobPart = typeof content === 'string' ? content : (content.slice().buffer as ArrayBuffer);
  const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "酉阳乡镇统计_2026-11-29.csv": a base name, today's local date and an extension. */
export function datedFileName(baseName: string, extension: string, date: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${baseName}_${day}.${extension.replace(/^\./, '')}`;
}

export const MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  zip: 'application/zip',
  json: 'application/json',
} as const;
