/**
 * FlatGeobuf polygons straight into flat typed arrays (geo/overlay/flat-layer.ts) for the
 * statistics engine, skipping GeoJSON objects: each feature's xy vector is copied as bytes into
 * one Float64Array. Optimistic by design: anything but plain Polygon/MultiPolygon features with
 * finite coordinates — a damaged feature, a point, an empty part, a NaN — makes it return null, and
 * the caller reads the file through the checked GeoJSON reader (./flatgeobuf.ts), which reports
 * the problem exactly as before. Features can be decoded by range, one range per worker.
 */
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import type { Geometry as FgbGeometry } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry.js';
import { parseProperties } from 'flatgeobuf/lib/mjs/generic/feature.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { FlatFeatureLayer } from '../geo/overlay/flat-layer';
import { CheckedByteBuffer } from './checked-byte-buffer';
import { checkFlatGeobufHeader } from './flatgeobuf-header';

/** FlatGeobuf GeometryType codes. */
const UNKNOWN = 0;
const POLYGON = 3;
const MULTI_POLYGON = 6;

/** The copy of xy bytes into a Float64Array assumes a little-endian machine (all current ones). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export interface FlatGeobufScan {
  readonly header: HeaderMeta;
  /** Byte offset of each feature's size prefix, and one past the last feature. */
  readonly offsets: Float64Array;
}

/**
 * The header and where each feature starts, or null when the framing is not clean (damaged
 * header, a feature cut off, no features): the GeoJSON reader then reports it.
 */
export function scanFlatGeobuf(bytes: Uint8Array, fileName: string): FlatGeobufScan | null {
  let layout;
  try {
    layout = checkFlatGeobufHeader(bytes, fileName);
  } catch {
    return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  let offset = layout.featuresOffset;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) return null;
    const end = offset + 4 + view.getUint32(offset, true);
    if (end > bytes.length) return null;
    offsets.push(offset);
    offset = end;
  }
  if (offsets.length === 0) return null;
  offsets.push(offset);
  return { header: layout.header, offsets: Float64Array.from(offsets) };
}

/** Ring ends (vertex counts) of a polygon geometry; [vertices] when it has none. */
function ringEnds(geometry: FgbGeometry, vertices: number): number[] | null {
  const count = geometry.endsLength();
  if (count === 0) return [vertices];
  const ends: number[] = [];
  let previous = 0;
  for (let index = 0; index < count; index++) {
    const end = geometry.ends(index) ?? 0;
    if (end <= previous || end > vertices) return null;
    ends.push(end);
    previous = end;
  }
  return ends[ends.length - 1] === vertices ? ends : null;
}

class FlatBuilder {
  readonly coordinates: Float64Array;
  private readonly coordinateBytes: Uint8Array;
  vertices = 0;
  ringStart: number[] = [0];
  ringPart: number[] = [];
  ringInPart: number[] = [];

  constructor(capacityDoubles: number) {
    this.coordinates = new Float64Array(capacityDoubles);
    this.coordinateBytes = new Uint8Array(this.coordinates.buffer);
  }

  /** Appends one polygon's rings; false when the geometry is not a clean polygon. */
  polygon(geometry: FgbGeometry, bytes: Uint8Array, part: number): boolean {
    const bb = geometry.bb!;
    const field = bb.__offset(geometry.bb_pos, 6);
    if (!field) return false;
    const doubles = bb.__vector_len(geometry.bb_pos + field);
    const start = bb.__vector(geometry.bb_pos + field);
    if (doubles < 2 || doubles % 2 !== 0 || start + 8 * doubles > bytes.length || 2 * this.vertices + doubles > this.coordinates.length) return false;
    // Not used here, but the checked reader reads z and m, and views xy and ends in place (aligned):
    // a file it refuses must not pass here.
    geometry.zLength();
    geometry.mLength();
    if ((bytes.byteOffset + start) % 8 !== 0) return false;
    const endsField = bb.__offset(geometry.bb_pos, 4);
    if (endsField && (bytes.byteOffset + bb.__vector(geometry.bb_pos + endsField)) % 4 !== 0) return false;
    const vertices = doubles / 2;
    const ends = ringEnds(geometry, vertices);
    if (!ends) return false;
    this.coordinateBytes.set(bytes.subarray(start, start + 8 * doubles), 16 * this.vertices);
    const coordinates = this.coordinates;
    for (let index = 2 * this.vertices, last = index + doubles; index < last; index++) {
      if (!Number.isFinite(coordinates[index]!)) return false;
    }
    ends.forEach((end, ring) => {
      this.ringStart.push(this.vertices + end);
      this.ringPart.push(part);
      this.ringInPart.push(ring);
    });
    this.vertices += vertices;
    return true;
  }
}

/**
 * Decodes features [from, to) of a scanned file into a flat layer, or null when one of them is
 * not a plain polygon (see the module comment).
 */
export function decodeFlatFeatures(bytes: Uint8Array, scan: FlatGeobufScan, from = 0, to = scan.offsets.length - 1): FlatFeatureLayer | null {
  if (!LITTLE_ENDIAN) return null;
  const { header, offsets } = scan;
  // The features' bytes bound the doubles they hold.
  const builder = new FlatBuilder(Math.ceil((offsets[to]! - offsets[from]!) / 8));
  const featureRing = new Uint32Array(to - from + 1);
  const multi = new Uint8Array(to - from);
  const properties: (Record<string, unknown> | null)[] = [];
  try {
    for (let feature = from; feature < to; feature++) {
      const featureBytes = bytes.subarray(offsets[feature]!, offsets[feature + 1]!);
      const decoded = FgbFeature.getSizePrefixedRootAsFeature(new CheckedByteBuffer(featureBytes));
      const geometry = decoded.geometry();
      if (!geometry) return null;
      const type = header.geometryType === UNKNOWN ? geometry.type() : header.geometryType;
      if (type === POLYGON) {
        if (!builder.polygon(geometry, featureBytes, 0)) return null;
      } else if (type === MULTI_POLYGON) {
        const parts = geometry.partsLength();
        if (parts === 0) return null;
        for (let part = 0; part < parts; part++) {
          const polygon = geometry.parts(part);
          if (!polygon || !builder.polygon(polygon, featureBytes, part)) return null;
        }
        multi[feature - from] = 1;
      } else return null;
      featureRing[feature - from + 1] = builder.ringPart.length;
      properties.push(parseProperties(decoded, header.columns) as Record<string, unknown>);
    }
  } catch {
    // A field pointing outside its feature, an unknown column: the checked reader explains it.
    return null;
  }
  return {
    kind: 'flat',
    count: to - from,
    first: from,
    coordinates: builder.coordinates.subarray(0, 2 * builder.vertices),
    ringStart: Uint32Array.from(builder.ringStart),
    ringPart: Uint32Array.from(builder.ringPart),
    ringInPart: Uint32Array.from(builder.ringInPart),
    featureRing,
    multi,
    properties,
  };
}
