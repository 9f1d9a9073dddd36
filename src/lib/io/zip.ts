/**
 * Zip archives (zipped shapefiles, KMZ, XLSX sniffing) via fflate, with zip-bomb limits: only the
 * entries a reader needs are inflated (chosen by name), their declared sizes are checked against
 * the caps before inflating, and the inflation itself is streamed and counted so an archive that
 * lies about its sizes is stopped at the cap instead of filling memory.
 */
import { Inflate, unzipSync } from 'fflate';
import { extensionOf } from './file-names';
import { fail, ImportError } from './errors';
import type { ImportFile } from './types';

/** Most bytes all inflated entries of one archive may add up to. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
/** Most inflated/compressed ratio of an archive once it inflates beyond RATIO_FLOOR_BYTES. */
export const MAX_INFLATION_RATIO = 100;
export const RATIO_FLOOR_BYTES = 32 * 1024 * 1024;
/** Most entries in one archive's directory. */
export const MAX_ENTRIES = 10_000;
/** Compressed bytes fed to the inflater at a time: bounds one step's output to ~1000 × this. */
const STREAM_CHUNK = 16 * 1024;

const MIB = 1024 * 1024;

/** True when the bytes start with a zip local-file or empty-archive signature. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** Names of the entries of a zip without inflating them (empty on a damaged archive). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        // Past the cap the listing stops (a directory can claim millions of entries).
        if (names.length >= MAX_ENTRIES) throw new RangeError('too many entries');
        names.push(entry.name);
        return false;
      },
    });
  } catch {
    return names.length >= MAX_ENTRIES ? names : [];
  }
  return names;
}

interface Entry {
  readonly name: string;
  readonly compression: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly dataOffset: number;
}

const tooLarge = (file: string, what: { zh: string; en: string }, limit: number): never =>
  fail('archive-too-large', file, { what: what.zh, whatEn: what.en, limit: `${Math.round(limit / MIB)} MB` });

/** The directory of a zip: names as fflate decodes them (UTF-8 flag or CP437), sizes and where each entry's data starts. */
function listEntries(bytes: Uint8Array, file: string): Entry[] {
  const infos: Array<{ name: string; compression: number; size: number; originalSize: number }> = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (infos.length >= MAX_ENTRIES) throw new RangeError('too many entries');
        infos.push(info);
        return false;
      },
    });
  } catch (error) {
    if (infos.length >= MAX_ENTRIES) {
      fail('archive-too-large', file, { what: `条目数超过${MAX_ENTRIES}`, whatEn: `more than ${MAX_ENTRIES} entries`, limit: String(MAX_ENTRIES) });
    }
    fail('truncated-zip', file);
  }
  // fflate walks the central directory in order; the local headers give where each entry's data starts.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd > 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let directory = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(locator + 8, true));
    if (zip64End + 56 <= bytes.length && view.getUint32(zip64End, true) === 0x06064b50) directory = Number(view.getBigUint64(zip64End + 48, true));
  }
  const entries: Entry[] = [];
  for (const info of infos) {
    if (directory + 46 > bytes.length || view.getUint32(directory, true) !== 0x02014b50) fail('truncated-zip', file);
    const nameLength = view.getUint16(directory + 28, true);
    const extraLength = view.getUint16(directory + 30, true);
    const commentLength = view.getUint16(directory + 32, true);
    let localHeader = view.getUint32(directory + 42, true);
    if (localHeader === 0xffffffff) localHeader = zip64LocalOffset(view, directory, nameLength, extraLength);
    directory += 46 + nameLength + extraLength + commentLength;
    if (localHeader + 30 > bytes.length || view.getUint32(localHeader, true) !== 0x04034b50) fail('truncated-zip', file);
    const dataOffset = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
    if (dataOffset + info.size > bytes.length) fail('truncated-zip', file);
    entries.push({ name: info.name, compression: info.compression, compressedSize: info.size, declaredSize: info.originalSize, dataOffset });
  }
  return entries;
}

/** The local header offset from a central entry's zip64 extra field (after the sizes that are also 0xFFFFFFFF). */
function zip64LocalOffset(view: DataView, directory: number, nameLength: number, extraLength: number): number {
  let field = directory + 46 + nameLength;
  // A damaged entry's extra field may claim to run past the file: read only what is there.
  const end = Math.min(field + extraLength, view.byteLength);
  while (field + 4 <= end) {
    const id = view.getUint16(field, true);
    const size = view.getUint16(field + 2, true);
    if (id === 0x0001) {
      let at = field + 4;
      if (view.getUint32(directory + 24, true) === 0xffffffff) at += 8;
      if (view.getUint32(directory + 20, true) === 0xffffffff) at += 8;
      // No offset in the field: the caller then finds no local header and says the zip is truncated.
      return at + 8 <= Math.min(field + 4 + size, end) ? Number(view.getBigUint64(at, true)) : 0xffffffff;
    }
    field += 4 + size;
  }
  return 0xffffffff;
}

/** Inflates one entry, counting bytes; stops at `limit` (the entry's declared size or what is left of the cap). */
function inflateEntry(bytes: Uint8Array, entry: Entry, limit: number, onTooLarge: () => never, file: string, keep = true): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.compression === 0) {
    if (data.length > limit) onTooLarge();
    return data.slice();
  }
  if (entry.compression !== 8) fail('damaged-file', file, { format: 'ZIP', detail: `unsupported compression method ${entry.compression} for ${entry.name}`, detailZh: `${entry.name}使用了不支持的压缩方式${entry.compression}` });
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) onTooLarge();
    if (keep) chunks.push(chunk);
  });
  try {
    for (let start = 0; start < data.length; start += STREAM_CHUNK) inflater.push(data.subarray(start, start + STREAM_CHUNK), start + STREAM_CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    fail('truncated-zip', file);
  }
  if (!keep) return new Uint8Array(0);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Inflates the entries of a zip whose extension is in `extensions` (lower case, no dot; folders and
 * macOS resource forks skipped), within the caps.
 * @throws ImportError 'truncated-zip' (damaged archive) or 'archive-too-large' (zip bomb).
 */
export function inflateArchive(bytes: Uint8Array, file: string, extensions: readonly string[] | 'all', keep = true): ImportFile[] {
  const wanted = listEntries(bytes, file).filter(
    (entry) => !entry.name.endsWith('/') && !entry.name.includes('__MACOSX/') && (extensions === 'all' || extensions.includes(extensionOf(entry.name))),
  );
  const declared = wanted.reduce((sum, entry) => sum + entry.declaredSize, 0);
  const check = (size: number, when: { zh: string; en: string }) => {
    if (size > MAX_INFLATED_BYTES) tooLarge(file, { zh: `${when.zh}${Math.round(size / MIB)} MB`, en: `${when.en} ${Math.round(size / MIB)} MB` }, MAX_INFLATED_BYTES);
    if (size > RATIO_FLOOR_BYTES && size > bytes.length * MAX_INFLATION_RATIO) {
      fail('archive-too-large', file, {
        what: `${when.zh}${Math.round(size / MIB)} MB，为压缩包的${Math.round(size / bytes.length)}倍`,
        whatEn: `${when.en} ${Math.round(size / MIB)} MB, ${Math.round(size / bytes.length)} times the archive`,
        limit: `${MAX_INFLATION_RATIO}×`,
      });
    }
  };
  check(declared, { zh: '声明的解压大小', en: 'declared inflated size' });
  // The cap on what may really come out: the declared total may be a lie.
  const allowed = Math.min(MAX_INFLATED_BYTES, Math.max(RATIO_FLOOR_BYTES, bytes.length * MAX_INFLATION_RATIO));
  let used = 0;
  const out: ImportFile[] = [];
  for (const entry of wanted) {
    const limit = Math.min(entry.declaredSize, allowed - used);
    const onTooLarge = (): never =>
      entry.declaredSize < allowed - used
        ? fail('archive-too-large', file, {
            what: `${entry.name}实际解压大小超过声明的${entry.declaredSize}字节`,
            whatEn: `${entry.name} inflates beyond its declared ${entry.declaredSize} bytes`,
            limit: `${entry.declaredSize} B`,
          })
        : tooLarge(file, { zh: '实际解压大小', en: 'actual inflated size' }, allowed);
    const before = used;
    const inflated = inflateEntry(bytes, entry, limit, (): never => onTooLarge(), file, keep);
    used = before + (keep ? inflated.length : Math.min(entry.declaredSize, limit));
    out.push({ name: entry.name, bytes: inflated });
  }
  return out;
}

/** Extensions inflated from a general archive: GIS data and shapefile parts (not images, PDFs, indexes). */
export const ARCHIVE_DATA_EXTENSIONS = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'geojson', 'json', 'geojsonl', 'geojsons', 'geojsonseq', 'ndjson', 'jsonl', 'fgb', 'kml', 'kmz', 'gpx', 'csv', 'tsv', 'txt', 'xlsx', 'xls', 'zip'];

/**
 * Inflates the GIS entries of a zip within the caps (see inflateArchive).
 * @throws ImportError 'truncated-zip' for a damaged or incomplete archive, 'archive-too-large' for a zip bomb.
 */
export function unzipArchive(bytes: Uint8Array, fileName: string, extensions: readonly string[] = ARCHIVE_DATA_EXTENSIONS): ImportFile[] {
  return inflateArchive(bytes, fileName, extensions);
}

/**
 * Checks that a whole archive (e.g. an XLSX that ExcelJS will inflate itself) stays within the caps,
 * inflating it once without keeping the output.
 * @throws ImportError 'truncated-zip' or 'archive-too-large'.
 */
export function measureArchive(bytes: Uint8Array, fileName: string): void {
  inflateArchive(bytes, fileName, 'all', false);
}
