/** Zip archives (zipped shapefiles, KMZ, XLSX sniffing) via fflate. */
import { unzipSync } from 'fflate';
import { fail } from './errors';
import type { ImportFile } from './types';

/** True when the bytes start with a zip local-file or empty-archive signature. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Names of the entries of a zip without inflating them (empty on a damaged archive). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (entry) => (names.push(entry.name), false) });
  } catch {
    return [];
  }
  return names;
}

/**
 * Inflates every file of a zip (folders and macOS resource forks skipped). File names are decoded
 * by fflate (UTF-8 flag or CP437), as Windows' own zip does not mark GBK names.
 * @throws ImportError 'truncated-zip' for a damaged or incomplete archive.
 */
export function unzipArchive(bytes: Uint8Array, fileName: string): ImportFile[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (entry) => !entry.name.endsWith('/') && !entry.name.includes('__MACOSX/') });
  } catch {
    fail('truncated-zip', fileName);
  }
  return Object.entries(entries).map(([name, data]) => ({ name, bytes: data }));
}
