/**
 * Writes the user's whole database into one backup file, and reads such a file back with every
 * check done before anything is restored (see backup-format.ts for the layout).
 */
import { unzip, zip, type AsyncZippable } from 'fflate';
import { yieldToPage } from '../../yield-to-page';
import { DATABASE_VERSION, type ForestMapDatabase, type StoredImportedLayer } from '../persistence/database';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_STORES,
  BackupFileError,
  LATER_STORES,
  MANIFEST_ENTRY,
  decodeWithBinaries,
  encodeWithBinaries,
  sha256Hex,
  type BackupContents,
  type BackupManifest,
  type BackupRecords,
  type BackupStoreName,
  type ManifestEntry,
} from './backup-format';

export interface BackupProgress {
  readonly phase: 'reading' | 'compressing' | 'unpacking' | 'checking';
  /** Done out of total, in records (reading) or entries. */
  readonly done: number;
  readonly total: number;
}
export type ProgressListener = (progress: BackupProgress) => void;

const STORE_ENTRIES: Record<Exclude<BackupStoreName, 'importedLayers'>, string> = {
  plots: 'plots.json',
  reviews: 'reviews.json',
  reviewHistory: 'review-history.json',
  settings: 'settings.json',
  corridors: 'corridors.json',
};
const SMALL_STORES = ['plots', 'reviews', 'reviewHistory', 'settings', 'corridors'] as const;
const IMPORTED_PREFIX = 'imported-layers/';
const BINARY_PREFIX = 'binary/';

const padded = (index: number) => String(index).padStart(6, '0');

export interface WrittenBackup {
  readonly bytes: Uint8Array;
  readonly manifest: BackupManifest;
}

/** Reads every store the user's work lives in and packs it into a zip archive. */
export async function writeBackup(database: ForestMapDatabase, options: { now?: () => Date; onProgress?: ProgressListener } = {}): Promise<WrittenBackup> {
  const report = options.onProgress ?? (() => undefined);
  const importedKeys = await database.getAllKeys('importedLayers');
  const small = await Promise.all(SMALL_STORES.map((store) => database.count(store)));
  const total = small.reduce((sum, count) => sum + count, 0) + importedKeys.length;
  let done = 0;
  report({ phase: 'reading', done, total });

  const text = new TextEncoder();
  const files: AsyncZippable = {};
  const binaries = new Map<string, Uint8Array>();
  let binaryIndex = 0;
  const nextBinary = () => `${BINARY_PREFIX}${padded(++binaryIndex)}.bin`;
  const counts = {} as Record<BackupStoreName, number>;

  for (const store of SMALL_STORES) {
    const records = await database.getAll(store);
    counts[store] = records.length;
    files[STORE_ENTRIES[store]] = text.encode(encodeWithBinaries(records, binaries, nextBinary));
    done += records.length;
    report({ phase: 'reading', done, total });
  }
  // Imported layers one record at a time: a large layer is many chunks of typed arrays.
  counts.importedLayers = 0;
  for (const key of importedKeys) {
    const record = await database.get('importedLayers', key);
    if (record) files[`${IMPORTED_PREFIX}${padded(counts.importedLayers++)}.json`] = text.encode(encodeWithBinaries(record, binaries, nextBinary));
    done += 1;
    if (done % 20 === 0) {
      report({ phase: 'reading', done, total });
      await yieldToPage();
    }
  }
  report({ phase: 'reading', done: total, total });
  // Coordinates hardly compress; storing them keeps a large backup quick.
  for (const [path, bytes] of binaries) files[path] = [bytes, { level: 0 }];

  const entries: ManifestEntry[] = [];
  for (const [path, file] of Object.entries(files)) {
    const bytes = (Array.isArray(file) ? file[0] : file) as Uint8Array;
    entries.push({ path, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    schemaVersion: DATABASE_VERSION,
    counts,
    entries,
  };
  files[MANIFEST_ENTRY] = text.encode(JSON.stringify(manifest, null, 2));
  report({ phase: 'compressing', done: 0, total: 1 });
  const bytes = await new Promise<Uint8Array>((resolve, reject) => zip(files, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data))));
  report({ phase: 'compressing', done: 1, total: 1 });
  return { bytes, manifest };
}

function parseManifest(bytes: Uint8Array | undefined, fileName: string): BackupManifest {
  if (!bytes) throw new BackupFileError('not-a-backup', fileName, 'no manifest.json');
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as Partial<BackupManifest>;
  } catch {
    throw new BackupFileError('damaged', fileName, 'manifest.json is not valid JSON');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupFileError('not-a-backup', fileName, `format "${String(manifest.format)}"`);
  if (typeof manifest.formatVersion !== 'number' || !Number.isInteger(manifest.formatVersion) || manifest.formatVersion < 1)
    throw new BackupFileError('damaged', fileName, `format version "${String(manifest.formatVersion)}"`);
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupFileError('newer-version', fileName, `format version ${manifest.formatVersion}, this app reads up to ${BACKUP_FORMAT_VERSION}`);
  if (!Array.isArray(manifest.entries) || typeof manifest.counts !== 'object' || manifest.counts === null)
    throw new BackupFileError('damaged', fileName, 'manifest.json lacks its entry list or counts');
  // A file from before a store was added lists no count for it: it holds none of its records.
  const counts = { ...manifest.counts } as Record<BackupStoreName, number>;
  for (const store of LATER_STORES) counts[store] ??= 0;
  return { ...manifest, counts } as BackupManifest;
}

/**
 * Reads a backup file: a zip with our manifest, the format version this app reads, every entry
 * present with its recorded size and SHA-256, every record parseable.
 * @throws BackupFileError naming the file and the problem.
 */
export async function readBackup(bytes: Uint8Array, fileName: string, onProgress: ProgressListener = () => undefined): Promise<BackupContents> {
  onProgress({ phase: 'unpacking', done: 0, total: 1 });
  let archive: Record<string, Uint8Array>;
  try {
    archive = await new Promise((resolve, reject) => unzip(bytes, (error, data) => (error ? reject(error) : resolve(data))));
  } catch (error) {
    // A zip that ends early or whose data does not inflate is damaged; anything else is not a zip at all.
    const looksLikeZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    throw new BackupFileError(looksLikeZip ? 'damaged' : 'not-a-backup', fileName, looksLikeZip ? `the archive cannot be unpacked: ${(error as Error).message}` : 'not a zip archive');
  }
  onProgress({ phase: 'unpacking', done: 1, total: 1 });
  const manifest = parseManifest(archive[MANIFEST_ENTRY], fileName);

  for (const [index, entry] of manifest.entries.entries()) {
    const data = archive[entry.path];
    if (!data) throw new BackupFileError('damaged', fileName, `${entry.path} is missing`);
    if (data.byteLength !== entry.bytes || (await sha256Hex(data)) !== entry.sha256) throw new BackupFileError('damaged', fileName, `${entry.path} does not match its checksum`);
    if (index % 20 === 0) onProgress({ phase: 'checking', done: index, total: manifest.entries.length });
  }
  onProgress({ phase: 'checking', done: manifest.entries.length, total: manifest.entries.length });

  const listed = new Set(manifest.entries.map((entry) => entry.path));
  const text = new TextDecoder('utf-8', { fatal: true });
  const binary = (path: string): Uint8Array => {
    const data = listed.has(path) ? archive[path] : undefined;
    if (!data) throw new Error(`${path} is missing`);
    return data;
  };
  const parse = (path: string): unknown => {
    const data = archive[path];
    if (!data || !listed.has(path)) throw new BackupFileError('damaged', fileName, `${path} is missing`);
    try {
      return decodeWithBinaries(text.decode(data), binary);
    } catch (error) {
      throw new BackupFileError('damaged', fileName, `${path}: ${(error as Error).message}`);
    }
  };
  const list = (store: (typeof SMALL_STORES)[number]): unknown[] => {
    const path = STORE_ENTRIES[store];
    if (LATER_STORES.has(store) && !listed.has(path)) return [];
    const value = parse(path);
    if (!Array.isArray(value)) throw new BackupFileError('damaged', fileName, `${path} is not a list of records`);
    return value;
  };
  const importedLayers = manifest.entries
    .filter((entry) => entry.path.startsWith(IMPORTED_PREFIX))
    .map((entry) => parse(entry.path) as StoredImportedLayer);
  const records = {
    plots: list('plots'),
    reviews: list('reviews'),
    reviewHistory: list('reviewHistory'),
    settings: list('settings'),
    importedLayers,
    corridors: list('corridors'),
  } as unknown as BackupRecords;
  for (const store of BACKUP_STORES) {
    const found = records[store].length;
    if (found !== manifest.counts[store]) throw new BackupFileError('damaged', fileName, `${store}: ${found} records, the manifest lists ${manifest.counts[store]}`);
    for (const record of records[store]) {
      const key = store === 'reviewHistory' ? (record as { zoneId?: unknown }).zoneId : (record as { id?: unknown }).id;
      if (typeof key !== 'string') throw new BackupFileError('damaged', fileName, `${store}: a record without its id`);
    }
  }
  return { manifest, records };
}
