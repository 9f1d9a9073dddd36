/**
 * The CLI's fast way in for a FlatGeobuf layer: the file read once into shared memory (workers
 * decode their ranges from the same bytes), its features located, and its CRS resolved exactly as
 * the io layer would (from the first features: detection looks at the first 5000 positions only).
 * Returns null for anything else — another format, a damaged file, a CRS it cannot name — and the
 * caller reads the file through readLayer, which explains the problem.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { findCrs } from '../lib/geo/crs/registry';
import { flatFeatureGeometry } from '../lib/geo/overlay/flat-layer';
import { resolveCrs } from '../lib/io/crs-resolve';
import { isFlatGeobuf } from '../lib/io/flatgeobuf';
import { decodeFlatFeatures, scanFlatGeobuf, type FlatGeobufScan } from '../lib/io/flatgeobuf-flat';
import { declaredCrsOf } from '../lib/io/formats/flatgeobuf';
import type { FlatPartCrs } from '../lib/statistics/flat-part';

/** Positions CRS detection reads (detect.ts summarises the first 5000). */
const SAMPLE_POSITIONS = 5000;

export interface FlatLayerFile {
  readonly bytes: Uint8Array;
  readonly file: string;
  readonly scan: FlatGeobufScan;
  /** Null when the file is in longitude/latitude already. */
  readonly crs: FlatPartCrs | null;
  readonly notes: readonly string[];
}

/** The whole file in a SharedArrayBuffer (one copy, seen by every worker). */
async function readShared(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return bytes.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/** Reads a FlatGeobuf layer for the worker pool, or null (see the module comment). */
export async function readFlatLayer(path: string, label: string, crsOption: string | undefined, locale: 'zh' | 'en'): Promise<FlatLayerFile | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readShared(path);
  } catch {
    return null;
  }
  const file = basename(path);
  if (!isFlatGeobuf(bytes)) return null;
  const scan = scanFlatGeobuf(bytes, file);
  if (!scan) return null;
  // The first features holding enough positions (a feature has at least one).
  const features = scan.offsets.length - 1;
  let sample = decodeFlatFeatures(bytes, scan, 0, Math.min(200, features));
  if (sample && sample.coordinates.length < 2 * SAMPLE_POSITIONS && sample.count < features) sample = decodeFlatFeatures(bytes, scan, 0, Math.min(SAMPLE_POSITIONS, features));
  if (!sample) return null;
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: Array.from({ length: sample.count }, (_, feature) => ({ type: 'Feature', properties: null, geometry: flatFeatureGeometry(sample, feature) })),
  };
  let report;
  try {
    ({ report } = resolveCrs(collection, declaredCrsOf(scan.header), crsOption ? { crs: crsOption } : {}, file, []));
  } catch {
    return null;
  }
  const definition = report.code ? findCrs(report.code) : undefined;
  if (!definition) return null;
  const crs = definition.kind === 'geographic' && !report.swapped ? null : { code: definition.code, swapped: report.swapped };
  return { bytes, file, scan, crs, notes: [`${label}: ${report.code} — ${report.reason[locale]}`] };
}
