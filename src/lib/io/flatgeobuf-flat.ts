/**
 * FlatGeobuf polygons straight into flat typed arrays (geo/overlay/flat-layer.ts) for the
 * statistics engine, skipping GeoJSON objects. The FlatBuffers tables are read with bounds-checked
 * DataView reads of the file's bytes (no per-feature reader objects), the rings' ends go into
 * growing Uint32Arrays and the xy vectors are copied into one Float64Array — or, `inPlace`, moved
 * to the front of their own bytes: on a VM the first touch of fresh memory is what costs most
 * (about 1.5 s for the 200 MB of a 200k-polygon layer), so the layer then lives in the file's
 * already read pages.
 *
 * Optimistic by design: anything but plain Polygon/MultiPolygon features with finite coordinates —
 * a damaged feature, a point, an empty part, a NaN — makes it return null, and the caller reads
 * the file through the checked GeoJSON reader (./flatgeobuf.ts), which reports the problem exactly
 * as before. It refuses at least whatever that reader refuses: every read stays inside the
 * feature's bytes as CheckedByteBuffer's do, z/m vectors must fit, xy and ends must be aligned as
 * that reader views them in place. Features can be decoded by range, one range per worker.
 */
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { FlatFeatureLayer } from '../geo/overlay/flat-layer';
import { checkFlatGeobufHeader } from './flatgeobuf-header';
import { readFlatGeobufProperties } from './flatgeobuf-properties';

/** FlatGeobuf GeometryType codes. */
const UNKNOWN = 0;
const POLYGON = 3;
const MULTI_POLYGON = 6;

/** FlatBuffers vtable slots of the Feature and Geometry tables (flatgeobuf's feature.fbs). */
const FEATURE_GEOMETRY = 4;
const FEATURE_PROPERTIES = 6;
const GEOMETRY_ENDS = 4;
const GEOMETRY_XY = 6;
const GEOMETRY_Z = 8;
const GEOMETRY_M = 10;
const GEOMETRY_TYPE = 16;
const GEOMETRY_PARTS = 18;

/** Viewing xy bytes as doubles assumes a little-endian machine (all current ones). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export interface FlatGeobufScan {
  readonly header: HeaderMeta;
  /** Byte offset of each feature's size prefix, and one past the last feature. */
  readonly offsets: Float64Array;
}

export interface DecodeOptions {
  /**
   * Move the coordinates to the front of the range's own bytes instead of copying them into new
   * memory: the layer's coordinates are then a view of `bytes`, whose range is overwritten (only
   * when the whole range decoded; on null the bytes are untouched). For a caller that reads the
   * range once (the CLI's pool, the statistics worker).
   */
  readonly inPlace?: boolean;
  /**
   * File position of `bytes[0]`, when `bytes` holds only the range (read on its own, e.g. into a
   * reused buffer); the scan's offsets stay the file's. Its byte offset in its buffer must be
   * congruent to `base` modulo 8, so that aligned xy vectors stay aligned.
   */
  readonly base?: number;
}

/** A read outside the feature: the file is damaged (the checked reader says how). */
class OutOfFeature extends Error {}

/**
 * Finds where each feature starts from the size prefixes, fed the file's bytes a piece at a time
 * (a file read in chunks into a reused buffer never sits in fresh memory as a whole).
 */
export class FlatGeobufOffsetScanner {
  private offsets: Float64Array;
  private count = 0;
  /** File position of the next size prefix to read. */
  next: number;
  /** A prefix or a feature runs past the end of the file. */
  broken = false;

  constructor(
    private readonly header: HeaderMeta,
    layout: { readonly featuresCount: number; readonly featuresOffset: number },
    private readonly fileSize: number,
  ) {
    // The header's count sizes the array; a lying count cannot exceed what the bytes can hold.
    this.offsets = new Float64Array(Math.max(16, Math.min(layout.featuresCount, fileSize / 8) + 1));
    this.next = layout.featuresOffset;
  }

  /** True while prefixes remain to be read (from `next`). */
  get wanting(): boolean {
    return !this.broken && this.next < this.fileSize;
  }

  /** Reads the prefixes that `chunk` (the file's bytes from `position`) holds. */
  feed(chunk: Uint8Array, position: number): void {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const chunkEnd = position + chunk.length;
    let offset = this.next;
    while (offset < this.fileSize && offset >= position && offset + 4 <= chunkEnd) {
      const end = offset + 4 + view.getUint32(offset - position, true);
      if (end > this.fileSize) {
        this.broken = true;
        return;
      }
      if (this.count + 1 >= this.offsets.length) this.offsets = grown(this.offsets, this.count + 2);
      this.offsets[this.count++] = offset;
      offset = end;
    }
    if (offset < this.fileSize && offset + 4 > this.fileSize) this.broken = true;
    this.next = offset;
  }

  /** The scan, or null when the framing is not clean or there are no features. */
  finish(): FlatGeobufScan | null {
    if (this.broken || this.next !== this.fileSize || this.count === 0) return null;
    this.offsets[this.count] = this.next;
    return { header: this.header, offsets: this.offsets.slice(0, this.count + 1) };
  }
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
  const scanner = new FlatGeobufOffsetScanner(layout.header, layout, bytes.length);
  scanner.feed(bytes, 0);
  return scanner.finish();
}

function grown<T extends Float64Array | Uint32Array>(array: T, needed: number): T {
  const larger = new (array.constructor as new (length: number) => T)(Math.max(needed, 2 * array.length));
  larger.set(array);
  return larger;
}

/**
 * Bounds-checked FlatBuffers reads within one feature [low, high) of the file, as
 * CheckedByteBuffer does on the feature's own bytes (positions here are the file's).
 */
class FeatureReader {
  low = 0;
  high = 0;
  constructor(private readonly view: DataView) {}

  private check(position: number, size: number): void {
    if (!(position >= this.low && position + size <= this.high)) throw new OutOfFeature();
  }
  int32(position: number): number {
    this.check(position, 4);
    return this.view.getInt32(position, true);
  }
  uint32(position: number): number {
    this.check(position, 4);
    return this.view.getUint32(position, true);
  }
  private int16(position: number): number {
    this.check(position, 2);
    return this.view.getInt16(position, true);
  }
  uint8(position: number): number {
    this.check(position, 1);
    return this.view.getUint8(position);
  }
  /** A field's offset within its table, 0 when absent (ByteBuffer.__offset). */
  field(table: number, slot: number): number {
    const vtable = table - this.int32(table);
    return slot < this.int16(vtable) ? this.int16(vtable + slot) : 0;
  }
  /** The table a field or vector element refers to (ByteBuffer.__indirect). */
  indirect(position: number): number {
    return position + this.int32(position);
  }
  /** A vector's first element (ByteBuffer.__vector). */
  vector(position: number): number {
    return position + this.int32(position) + 4;
  }
  /** A vector's length, refused when its elements (a byte each at least) end past the feature. */
  vectorLength(position: number): number {
    const start = position + this.int32(position);
    const length = this.int32(start);
    if (length < 0 || start + 4 + length > this.high) throw new OutOfFeature();
    return length;
  }
  /** The root table of the size-prefixed feature starting at `low`. */
  root(): number {
    return this.indirect(this.low + 4);
  }
}

/** The decoded structure of a range before its coordinates are placed. */
class Structure {
  vertices = 0;
  rings = 0;
  ringStart: Uint32Array;
  ringPart: Uint32Array;
  ringInPart: Uint32Array;
  /** Per polygon: first double of its xy in the file (as a Float64Array index) and its doubles. */
  polygons = 0;
  xy: Float64Array;

  /** Sized for one single-ring polygon per feature, grown when there are more. */
  constructor(
    private readonly reader: FeatureReader,
    private readonly doubles: Float64Array,
    private readonly byteOffset: number,
    features: number,
  ) {
    this.ringStart = new Uint32Array(features + 2);
    this.ringPart = new Uint32Array(features + 1);
    this.ringInPart = new Uint32Array(features + 1);
    this.xy = new Float64Array(2 * features + 2);
  }

  /** Adds one polygon geometry table's rings; false when it is not a clean polygon. */
  polygon(geometry: number, part: number): boolean {
    const reader = this.reader;
    const xyField = reader.field(geometry, GEOMETRY_XY);
    if (!xyField) return false;
    const doubles = reader.vectorLength(geometry + xyField);
    const start = reader.vector(geometry + xyField);
    if (doubles < 2 || doubles % 2 !== 0 || start + 8 * doubles > reader.high) return false;
    // Not used here, but the checked reader reads z and m and views xy and ends in place (aligned):
    // a file it refuses must not pass here.
    const zField = reader.field(geometry, GEOMETRY_Z);
    if (zField) reader.vectorLength(geometry + zField);
    const mField = reader.field(geometry, GEOMETRY_M);
    if (mField) reader.vectorLength(geometry + mField);
    if ((this.byteOffset + start) % 8 !== 0) return false;
    const endsField = reader.field(geometry, GEOMETRY_ENDS);
    if (endsField && (this.byteOffset + reader.vector(geometry + endsField)) % 4 !== 0) return false;
    const vertices = doubles / 2;
    const ringCount = endsField ? reader.vectorLength(geometry + endsField) : 0;
    if (this.rings + Math.max(1, ringCount) + 1 > this.ringStart.length) {
      const needed = this.rings + Math.max(1, ringCount) + 1;
      this.ringStart = grown(this.ringStart, needed);
      this.ringPart = grown(this.ringPart, needed);
      this.ringInPart = grown(this.ringInPart, needed);
    }
    if (ringCount === 0) {
      this.addRing(vertices, part, 0);
    } else {
      const ends = reader.vector(geometry + endsField);
      let previous = 0;
      for (let ring = 0; ring < ringCount; ring++) {
        const end = reader.uint32(ends + 4 * ring);
        if (end <= previous || end > vertices) return false;
        this.addRing(end, part, ring);
        previous = end;
      }
      if (previous !== vertices) return false;
    }
    const first = (this.byteOffset + start) / 8;
    const coordinates = this.doubles;
    for (let index = first, last = first + doubles; index < last; index++) {
      const value = coordinates[index]!;
      // Infinity − Infinity and NaN − NaN are NaN: one test for both.
      if (value - value !== 0) return false;
    }
    if (2 * this.polygons + 2 > this.xy.length) this.xy = grown(this.xy, 2 * this.polygons + 2);
    this.xy[2 * this.polygons] = first;
    this.xy[2 * this.polygons + 1] = doubles;
    this.polygons++;
    this.vertices += vertices;
    return true;
  }

  private addRing(end: number, part: number, ring: number): void {
    this.ringStart[this.rings + 1] = this.vertices + end;
    this.ringPart[this.rings] = part;
    this.ringInPart[this.rings] = ring;
    this.rings++;
  }
}

/**
 * Decodes features [from, to) of a scanned file into a flat layer, or null when one of them is
 * not a plain polygon (see the module comment).
 */
export function decodeFlatFeatures(
  bytes: Uint8Array,
  scan: FlatGeobufScan,
  from = 0,
  to = scan.offsets.length - 1,
  options: DecodeOptions = {},
): FlatFeatureLayer | null {
  if (!LITTLE_ENDIAN) return null;
  const { header, offsets } = scan;
  const base = options.base ?? 0;
  const buffer = bytes.buffer;
  // Every double of the underlying buffer, so that an aligned xy vector is a range of it.
  const fileDoubles = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
  const reader = new FeatureReader(new DataView(buffer, bytes.byteOffset, bytes.byteLength));
  const structure = new Structure(reader, fileDoubles, bytes.byteOffset, to - from);
  const columns = header.columns && header.columns.length > 0 ? header.columns : null;
  const bufferView = new DataView(buffer);
  const bufferBytes = new Uint8Array(buffer);
  const featureRing = new Uint32Array(to - from + 1);
  const featurePolygon = new Uint32Array(to - from + 1);
  const multi = new Uint8Array(to - from);
  const properties: (Record<string, unknown> | null)[] = [];
  try {
    for (let feature = from; feature < to; feature++) {
      reader.low = offsets[feature]! - base;
      reader.high = offsets[feature + 1]! - base;
      const table = reader.root();
      const geometryField = reader.field(table, FEATURE_GEOMETRY);
      if (!geometryField) return null;
      const geometry = reader.indirect(table + geometryField);
      let type = header.geometryType;
      if (type === UNKNOWN) {
        const typeField = reader.field(geometry, GEOMETRY_TYPE);
        type = typeField ? reader.uint8(geometry + typeField) : UNKNOWN;
      }
      if (type === POLYGON) {
        if (!structure.polygon(geometry, 0)) return null;
      } else if (type === MULTI_POLYGON) {
        const partsField = reader.field(geometry, GEOMETRY_PARTS);
        const parts = partsField ? reader.vectorLength(geometry + partsField) : 0;
        if (parts === 0) return null;
        const first = reader.vector(geometry + partsField);
        for (let part = 0; part < parts; part++) {
          if (!structure.polygon(reader.indirect(first + 4 * part), part)) return null;
        }
        multi[feature - from] = 1;
      } else return null;
      featureRing[feature - from + 1] = structure.rings;
      featurePolygon[feature - from + 1] = structure.polygons;
      // As flatgeobuf's parseProperties: without columns the properties vector is not even looked at.
      const propertiesField = columns ? reader.field(table, FEATURE_PROPERTIES) : 0;
      if (!propertiesField) properties.push({});
      else {
        const start = bytes.byteOffset + reader.vector(table + propertiesField);
        properties.push(readFlatGeobufProperties(bufferView, bufferBytes, start, reader.vectorLength(table + propertiesField), columns!));
      }
    }
  } catch {
    // A field pointing outside its feature, an unknown column: the checked reader explains it.
    return null;
  }
  return {
    kind: 'flat',
    count: to - from,
    first: from,
    coordinates: options.inPlace === true ? moveCoordinates(structure, featurePolygon, fileDoubles, bytes.byteOffset + offsets[from]! - base) : copyCoordinates(structure, fileDoubles),
    ringStart: structure.ringStart.slice(0, structure.rings + 1),
    ringPart: structure.ringPart.slice(0, structure.rings),
    ringInPart: structure.ringInPart.slice(0, structure.rings),
    featureRing,
    multi,
    properties,
  };
}

/** The polygons' xy one after another, in a new array. */
function copyCoordinates(structure: Structure, fileDoubles: Float64Array): Float64Array {
  const coordinates = new Float64Array(2 * structure.vertices);
  const xy = structure.xy;
  let at = 0;
  for (let polygon = 0; polygon < structure.polygons; polygon++) {
    const first = xy[2 * polygon]!;
    const doubles = xy[2 * polygon + 1]!;
    for (let index = first, last = first + doubles; index < last; index++) coordinates[at++] = fileDoubles[index]!;
  }
  return coordinates;
}

/**
 * The polygons' xy one after another, moved down within the range's bytes (which start at byte
 * `rangeStart` of the buffer). Every feature's doubles land at or before the start of its own
 * bytes, so moving never reaches a later feature. Within a feature, FlatBuffers writers store a
 * multipolygon's later parts first (lower): a feature whose parts are not in increasing order is
 * staged through a scratch copy, else its first part could overwrite the others.
 */
function moveCoordinates(structure: Structure, featurePolygon: Uint32Array, fileDoubles: Float64Array, rangeStart: number): Float64Array {
  const xy = structure.xy;
  const start = Math.ceil(rangeStart / 8);
  let scratch = new Float64Array(0);
  let at = start;
  for (let feature = 0; feature + 1 < featurePolygon.length; feature++) {
    const firstPolygon = featurePolygon[feature]!;
    const endPolygon = featurePolygon[feature + 1]!;
    let increasing = true;
    let doubles = 0;
    for (let polygon = firstPolygon; polygon < endPolygon; polygon++) {
      if (polygon > firstPolygon && xy[2 * polygon]! < xy[2 * polygon - 2]!) increasing = false;
      doubles += xy[2 * polygon + 1]!;
    }
    if (increasing) {
      for (let polygon = firstPolygon; polygon < endPolygon; polygon++) {
        const first = xy[2 * polygon]!;
        const count = xy[2 * polygon + 1]!;
        if (first !== at) fileDoubles.copyWithin(at, first, first + count);
        at += count;
      }
      continue;
    }
    if (scratch.length < doubles) scratch = new Float64Array(Math.max(doubles, 2 * scratch.length));
    let staged = 0;
    for (let polygon = firstPolygon; polygon < endPolygon; polygon++) {
      const first = xy[2 * polygon]!;
      const count = xy[2 * polygon + 1]!;
      scratch.set(fileDoubles.subarray(first, first + count), staged);
      staged += count;
    }
    fileDoubles.set(scratch.subarray(0, doubles), at);
    at += doubles;
  }
  return fileDoubles.subarray(start, at);
}
