/**
 * The CLI's fast way in for a FlatGeobuf layer: the file is scanned in pieces through one reused
 * buffer (its features located, never held whole: each thread of the pool later reads its own
 * range the same way), and its CRS resolved exactly as the io layer would (from the first
 * features: detection looks at the first 5000 positions only). Returns null for anything else —
 * another format, a damaged file, a CRS it cannot name — and the caller reads the file through
 * readLayer, which explains the problem.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { findCrs } from '../lib/geo/crs/registry';
import { flatFeatureGeometry, type FlatFeatureLayer } from '../lib/geo/overlay/flat-layer';
import { resolveCrs } from '../lib/io/crs-resolve';
import { checkFlatGeobufHeader, FLATGEOBUF_MAGIC_LENGTH } from '../lib/io/flatgeobuf-header';
import { decodeFlatFeatures, FlatGeobufOffsetScanner, type FlatGeobufScan } from '../lib/io/flatgeobuf-flat';
import { declaredCrsOf } from '../lib/io/formats/flatgeobuf';
import { reprojectFlat, type FlatPartCrs } from '../lib/statistics/flat-part';
import { FileRangeReader } from './file-range-reader';

/** Positions CRS detection reads (detect.ts summarises the first 5000). */
const SAMPLE_POSITIONS = 5000;
/** Bytes read at a time while locating the features. */
const SCAN_CHUNK = 8 << 20;

export interface FlatLayerFile {
  readonly path: string;
  readonly file: string;
  readonly scan: FlatGeobufScan;
  /** Null when the file is in longitude/latitude already. */
  readonly crs: FlatPartCrs | null;
  readonly notes: readonly string[];
}

/** The header and every feature's offset, read in pieces; null when the framing is not clean. */
function scanFile(reader: FileRangeReader, size: number, file: string): FlatGeobufScan | null {
  const prefix = FLATGEOBUF_MAGIC_LENGTH + 4;
  if (size < prefix) return null;
  const start = reader.read(0, prefix);
  const headerEnd = prefix + new DataView(start.buffer, start.byteOffset, prefix).getUint32(FLATGEOBUF_MAGIC_LENGTH, true);
  if (headerEnd > size) return null;
  let layout;
  try {
    layout = checkFlatGeobufHeader(reader.read(0, headerEnd), file, size);
  } catch {
    return null;
  }
  const scanner = new FlatGeobufOffsetScanner(layout.header, layout, size);
  while (scanner.wanting) {
    const position = scanner.next;
    scanner.feed(reader.read(position, Math.min(SCAN_CHUNK, size - position)), position);
  }
  return scanner.finish();
}

/** Features [0, count) decoded into new memory (the reader's buffer is reused afterwards). */
function decodeFirst(reader: FileRangeReader, scan: FlatGeobufScan, count: number) {
  const base = scan.offsets[0]!;
  return decodeFlatFeatures(reader.read(base, scan.offsets[count]! - base), scan, 0, count, { base });
}

/**
 * Scans the file, decodes its first features (all of them when `whole`) and resolves its CRS from
 * them; null when the fast reader leaves the file to readLayer.
 */
async function readFlat(
  path: string,
  label: string,
  crsOption: string | undefined,
  locale: 'zh' | 'en',
  whole: boolean,
): Promise<{ layer: FlatLayerFile; decoded: FlatFeatureLayer } | null> {
  let reader: FileRangeReader;
  let size: number;
  try {
    size = statSync(path).size;
    reader = new FileRangeReader(path);
  } catch {
    return null;
  }
  const file = basename(path);
  let scan: FlatGeobufScan | null;
  let decoded;
  try {
    scan = scanFile(reader, size, file);
    if (!scan) return null;
    const features = scan.offsets.length - 1;
    // Else the first features holding enough positions for detection (a feature has at least one).
    decoded = decodeFirst(reader, scan, whole ? features : Math.min(200, features));
    if (!whole && decoded && decoded.coordinates.length < 2 * SAMPLE_POSITIONS && decoded.count < features) decoded = decodeFirst(reader, scan, Math.min(SAMPLE_POSITIONS, features));
  } catch {
    return null;
  } finally {
    reader.close();
  }
  if (!decoded) return null;
  const sample = decoded;
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
  return { layer: { path, file, scan, crs, notes: [`${label}: ${report.code} — ${report.reason[locale]}`] }, decoded };
}

/** Reads a FlatGeobuf layer for the worker pool, or null (see the module comment). */
export async function readFlatLayer(path: string, label: string, crsOption: string | undefined, locale: 'zh' | 'en'): Promise<FlatLayerFile | null> {
  return (await readFlat(path, label, crsOption, locale, false))?.layer ?? null;
}

/**
 * A whole FlatGeobuf layer as GeoJSON in longitude/latitude (the zones: a few dozen polygons)
 * without loading the io layer's readers, or null when the fast reader leaves it to readLayer.
 */
export async function readFlatCollection(path: string, label: string, crsOption: string | undefined, locale: 'zh' | 'en'): Promise<{ collection: FeatureCollection; notes: readonly string[] } | null> {
  const read = await readFlat(path, label, crsOption, locale, true);
  if (!read) return null;
  const { layer, decoded } = read;
  if (layer.crs && !reprojectFlat(decoded, layer.crs)) return null;
  const properties = decoded.properties;
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: Array.from({ length: decoded.count }, (_, feature) => ({ type: 'Feature', properties: properties[feature] ?? null, geometry: flatFeatureGeometry(decoded, feature) })),
  };
  return { collection, notes: layer.notes };
}
