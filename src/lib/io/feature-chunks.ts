/**
 * Compact encoding of imported features — what the import worker hands the page (typed arrays
 * are transferred, not cloned) and what IndexedDB stores: geometry as typed arrays (structure
 * counts + Float64 coordinates) and properties as JSON text, in chunks of a few thousand
 * features. Storing a 200,000-polygon layer as one object graph would make IndexedDB clone
 * millions of small objects on the page's thread; typed arrays and strings are copied as
 * blocks, and chunks let encoding and decoding yield to the page between steps.
 */
import type { Feature, GeoJsonProperties, Geometry, Position } from 'geojson';

/** Features per stored chunk (the same size the import worker sends). */
export const CODEC_CHUNK = 5000;

/** A run of encoded features. */
export interface EncodedFeatureChunk {
  readonly count: number;
  /** Per geometry: type code, dimension, then part and ring counts (see encodeGeometry). */
  readonly structure: Uint32Array;
  /** All positions, `dimension` numbers each (a missing z is NaN). */
  readonly coordinates: Float64Array;
  /** JSON of [[id or null, properties], …] in feature order. */
  readonly properties: string;
}

const TYPE_CODES = {
  null: 0,
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
} as const;

/**
 * A growable number buffer, so a chunk is encoded in one pass. Always Float64: one element kind
 * keeps the hot `push` monomorphic (a class shared by two typed-array kinds ran ~3× slower).
 */
class Growable {
  length = 0;
  private data = new Float64Array(4096);
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  float64(): Float64Array {
    return this.data.slice(0, this.length);
  }
  uint32(): Uint32Array {
    return Uint32Array.from(this.data.subarray(0, this.length));
  }
}

function hasZ(positions: readonly Position[]): boolean {
  for (const position of positions) if (position.length > 2) return true;
  return false;
}

/** 3 when any position has a z, without flattening the geometry (this runs for every feature). */
function dimensionOf(geometry: Exclude<Geometry, { type: 'GeometryCollection' }>): 2 | 3 {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates.length > 2 ? 3 : 2;
    case 'LineString':
    case 'MultiPoint':
      return hasZ(geometry.coordinates) ? 3 : 2;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.some(hasZ) ? 3 : 2;
    case 'MultiPolygon':
      return geometry.coordinates.some((polygon) => polygon.some(hasZ)) ? 3 : 2;
  }
}

function encodeGeometry(geometry: Geometry | null, structure: Growable, coordinates: Growable): void {
  if (!geometry) {
    structure.push(TYPE_CODES.null);
    return;
  }
  structure.push(TYPE_CODES[geometry.type]);
  if (geometry.type === 'GeometryCollection') {
    structure.push(geometry.geometries.length);
    for (const part of geometry.geometries) encodeGeometry(part, structure, coordinates);
    return;
  }
  const dimension = dimensionOf(geometry);
  structure.push(dimension);
  const line = (positions: readonly Position[]) => {
    structure.push(positions.length);
    for (const position of positions) {
      coordinates.push(position[0]!);
      coordinates.push(position[1]!);
      if (dimension === 3) coordinates.push(position.length > 2 ? position[2]! : NaN);
    }
  };
  switch (geometry.type) {
    case 'Point':
      line([geometry.coordinates]);
      break;
    case 'LineString':
    case 'MultiPoint':
      line(geometry.coordinates);
      break;
    case 'Polygon':
    case 'MultiLineString':
      structure.push(geometry.coordinates.length);
      for (const ring of geometry.coordinates) line(ring);
      break;
    case 'MultiPolygon':
      structure.push(geometry.coordinates.length);
      for (const polygon of geometry.coordinates) {
        structure.push(polygon.length);
        for (const ring of polygon) line(ring);
      }
      break;
  }
}

/** The named attributes of a feature that has them (an empty object when it has none of them). */
function pickProperties(properties: GeoJsonProperties, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!properties) return picked;
  for (const field of fields) if (field in properties) picked[field] = properties[field];
  return picked;
}

/**
 * Encodes features [start, end) of a collection into one chunk; with `fields`, only those
 * attributes (what a map style reads: the other attributes' text need not be written and sent).
 */
export function encodeFeatures(features: readonly Feature[], start = 0, end = features.length, fields?: readonly string[]): EncodedFeatureChunk {
  const structure = new Growable();
  const coordinates = new Growable();
  const properties: Array<[string | number | null, unknown]> = [];
  for (let index = start; index < end; index++) {
    const feature = features[index]!;
    encodeGeometry(feature.geometry, structure, coordinates);
    properties.push([feature.id ?? null, fields ? pickProperties(feature.properties, fields) : (feature.properties ?? null)]);
  }
  return { count: end - start, structure: structure.uint32(), coordinates: coordinates.float64(), properties: JSON.stringify(properties) };
}

/** Reads positions back from a chunk: a cursor over its two arrays. */
class Reader {
  private s = 0;
  private c = 0;
  constructor(private readonly chunk: EncodedFeatureChunk) {}
  next(): number {
    return this.chunk.structure[this.s++]!;
  }
  line(dimension: number): Position[] {
    const count = this.next();
    const positions: Position[] = new Array(count);
    const values = this.chunk.coordinates;
    for (let index = 0; index < count; index++) {
      const x = values[this.c]!;
      const y = values[this.c + 1]!;
      if (dimension === 3) {
        const z = values[this.c + 2]!;
        positions[index] = Number.isNaN(z) ? [x, y] : [x, y, z];
      } else positions[index] = [x, y];
      this.c += dimension;
    }
    return positions;
  }
  lines(dimension: number): Position[][] {
    const count = this.next();
    const lines: Position[][] = new Array(count);
    for (let index = 0; index < count; index++) lines[index] = this.line(dimension);
    return lines;
  }
  geometry(): Geometry | null {
    const code = this.next();
    if (code === TYPE_CODES.null) return null;
    if (code === TYPE_CODES.GeometryCollection) {
      const count = this.next();
      const geometries: Geometry[] = [];
      for (let index = 0; index < count; index++) {
        const part = this.geometry();
        if (part) geometries.push(part);
      }
      return { type: 'GeometryCollection', geometries };
    }
    const dimension = this.next();
    switch (code) {
      case TYPE_CODES.Point:
        return { type: 'Point', coordinates: this.line(dimension)[0]! };
      case TYPE_CODES.LineString:
        return { type: 'LineString', coordinates: this.line(dimension) };
      case TYPE_CODES.MultiPoint:
        return { type: 'MultiPoint', coordinates: this.line(dimension) };
      case TYPE_CODES.Polygon:
        return { type: 'Polygon', coordinates: this.lines(dimension) };
      case TYPE_CODES.MultiLineString:
        return { type: 'MultiLineString', coordinates: this.lines(dimension) };
      case TYPE_CODES.MultiPolygon: {
        const count = this.next();
        const polygons: Position[][][] = new Array(count);
        for (let index = 0; index < count; index++) polygons[index] = this.lines(dimension);
        return { type: 'MultiPolygon', coordinates: polygons };
      }
      default:
        throw new Error(`stored imported layer is damaged: unknown geometry code ${code}`);
    }
  }
}

/** Decodes a chunk back into GeoJSON features (appended to `into` when given). */
export function decodeFeatures(chunk: EncodedFeatureChunk, into: Feature[] = []): Feature[] {
  const reader = new Reader(chunk);
  const properties = JSON.parse(chunk.properties) as Array<[string | number | null, Feature['properties']]>;
  for (let index = 0; index < chunk.count; index++) {
    const [id, attributes] = properties[index]!;
    const feature: Feature = { type: 'Feature', properties: attributes, geometry: reader.geometry() as Geometry };
    if (id !== null) feature.id = id;
    into.push(feature);
  }
  return into;
}

