/**
 * The backup file ("备份我的全部数据"): a zip archive holding
 *
 * - `manifest.json`: `format` = BACKUP_FORMAT, `formatVersion` (this file: 1), when it was made,
 *   the database schema version it came from, record counts, and for every other entry its
 *   size and SHA-256 (so a damaged file is recognised before anything is restored);
 * - `plots.json`, `reviews.json`, `review-history.json`, `settings.json`, `corridors.json`: every
 *   record of that store as stored (revision, times, soft-deleted plots and corridors included: a
 *   deletion stays undoable). `corridors.json` came later within version 1: a file without it
 *   (and without `corridors` in its counts) holds no corridors;
 * - `imported-layers/NNNNNN.json`: one record of an imported layer each (its details, or a chunk
 *   of its features), typed arrays replaced by `{"$typedArray": "Float64Array", "entry": "binary/NNNNNN.bin"}`;
 * - `binary/NNNNNN.bin`: those typed arrays' bytes (little-endian, as every supported browser).
 *
 * Readers refuse a newer `formatVersion` rather than guess; a new version adds a reader step.
 */
import type { StoredCorridor, StoredImportedLayer, StoredPlot, StoredReviewHistoryEntry, StoredSetting, StoredZoneReview } from '../persistence/database';

export const BACKUP_FORMAT = 'youyang-forest-map-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

export interface BackupRecords {
  readonly plots: readonly StoredPlot[];
  readonly reviews: readonly StoredZoneReview[];
  readonly reviewHistory: readonly StoredReviewHistoryEntry[];
  readonly settings: readonly StoredSetting[];
  /** Details records and feature-chunk records of every imported layer. */
  readonly importedLayers: readonly StoredImportedLayer[];
  /** Saved river corridors (the corridor tool). */
  readonly corridors: readonly StoredCorridor[];
}

export type BackupStoreName = keyof BackupRecords;
export const BACKUP_STORES: readonly BackupStoreName[] = ['plots', 'reviews', 'reviewHistory', 'settings', 'importedLayers', 'corridors'];
/** Stores added to format version 1 after it shipped: an older file simply has none of their records. */
export const LATER_STORES: ReadonlySet<BackupStoreName> = new Set(['corridors']);

export interface ManifestEntry {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly createdAt: string;
  readonly schemaVersion: number;
  readonly counts: Readonly<Record<BackupStoreName, number>>;
  readonly entries: readonly ManifestEntry[];
}

export interface BackupContents {
  readonly manifest: BackupManifest;
  readonly records: BackupRecords;
}

export { BackupFileError, type BackupProblem } from './backup-file-error';

type TypedArrayName = 'Float64Array' | 'Float32Array' | 'Uint32Array' | 'Int32Array' | 'Uint16Array' | 'Int16Array' | 'Uint8Array' | 'Int8Array';
const TYPED_ARRAYS: Record<TypedArrayName, { new (buffer: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT: number }> = {
  Float64Array,
  Float32Array,
  Uint32Array,
  Int32Array,
  Uint16Array,
  Int16Array,
  Uint8Array,
  Int8Array,
};

interface BinaryReference {
  readonly $typedArray: TypedArrayName;
  readonly entry: string;
}

function isBinaryReference(value: unknown): value is BinaryReference {
  return typeof value === 'object' && value !== null && '$typedArray' in value && 'entry' in value;
}

/** JSON text of `value` with its typed arrays moved out to binary entries (named by `nextPath`). */
export function encodeWithBinaries(value: unknown, binaries: Map<string, Uint8Array>, nextPath: () => string): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (!ArrayBuffer.isView(item) || item instanceof DataView) return item;
    const name = item.constructor.name as TypedArrayName;
    if (!(name in TYPED_ARRAYS)) throw new Error(`cannot back up a ${name}`);
    const path = nextPath();
    binaries.set(path, new Uint8Array(item.buffer, item.byteOffset, item.byteLength));
    return { $typedArray: name, entry: path } satisfies BinaryReference;
  });
}

/** Parses JSON written by encodeWithBinaries, putting the typed arrays back. */
export function decodeWithBinaries(text: string, binary: (path: string) => Uint8Array): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (!isBinaryReference(item)) return item;
    const Type = TYPED_ARRAYS[item.$typedArray];
    if (!Type) throw new Error(`unknown array type ${String(item.$typedArray)}`);
    const bytes = binary(item.entry);
    if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw new Error(`${item.entry} has a partial ${item.$typedArray}`);
    // A copy: aligned for the type, and not a view into the whole unzipped archive.
    return new Type(bytes.slice().buffer);
  });
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Record equality for restore: key order ignored, typed arrays compared by value. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor || a.byteLength !== b.byteLength) return false;
    const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const right = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
