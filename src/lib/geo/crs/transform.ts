/**
 * Coordinate transformation between registry CRSs, for single positions and whole GeoJSON objects.
 *
 * proj4 does the projections; gcoord does the GCJ-02/BD-09 offsets (its inverse is iterative and
 * round-trips to well under 1 m). Everything pivots through WGS84; CGCS2000 is treated as WGS84
 * (they differ by centimetres), Xian 1980/Beijing 1954 as explained in definitions.ts.
 */
import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { GeoJSON, Geometry, Position } from 'geojson';
import type { CrsDefinition } from './definitions';
import { getCrs, WGS84_CODE } from './registry';

/** Maps one [x, y] position (extra ordinates are kept). */
export type PositionTransform = (position: Position) => Position;

type Pair = [number, number];
type PairTransform = (x: number, y: number) => Pair;

const GCOORD_SYSTEM = { 'GCJ-02': gcoord.GCJ02, 'BD-09': gcoord.BD09 } as const;

function toWgs84(definition: CrsDefinition): PairTransform | null {
  if (definition.kind === 'offset-geographic') {
    const system = GCOORD_SYSTEM[definition.datum as keyof typeof GCOORD_SYSTEM];
    return (x, y) => gcoord.transform([x, y], system, gcoord.WGS84) as Pair;
  }
  if (definition.kind === 'geographic') return null;
  const converter = proj4(definition.code, WGS84_CODE);
  return (x, y) => converter.forward([x, y]) as Pair;
}

function fromWgs84(definition: CrsDefinition): PairTransform | null {
  if (definition.kind === 'offset-geographic') {
    const system = GCOORD_SYSTEM[definition.datum as keyof typeof GCOORD_SYSTEM];
    return (x, y) => gcoord.transform([x, y], gcoord.WGS84, system) as Pair;
  }
  if (definition.kind === 'geographic') return null;
  const converter = proj4(WGS84_CODE, definition.code);
  return (x, y) => converter.forward([x, y]) as Pair;
}

/**
 * A function converting positions from one CRS to another.
 * @param options.swapInput input positions are [northing, easting] / [lat, lon] (EPSG axis order).
 * @throws UnknownCrsError for a code not in the registry.
 *
 * @example
 * createTransform('EPSG:4326', 'EPSG:4545')([108.77, 28.84]) // = [575144.43, 3191779.38] (to 1 cm)
 */
export function createTransform(from: string, to: string, options: { swapInput?: boolean } = {}): PositionTransform {
  const source = getCrs(from);
  const target = getCrs(to);
  const swap = options.swapInput === true;
  const forward = source.code === target.code ? null : toWgs84(source);
  const backward = source.code === target.code ? null : fromWgs84(target);
  return (position) => {
    let x = swap ? position[1]! : position[0]!;
    let y = swap ? position[0]! : position[1]!;
    if (forward) [x, y] = forward(x, y);
    if (backward) [x, y] = backward(x, y);
    return position.length > 2 ? [x, y, ...position.slice(2)] : [x, y];
  };
}

function mapGeometry(geometry: Geometry | null, transform: PositionTransform): Geometry | null {
  if (!geometry) return geometry;
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: transform(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(transform) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((ring) => ring.map(transform)) } as Geometry;
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(transform))),
      };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((part) => mapGeometry(part, transform)!) };
  }
}

/**
 * Applies a position transform to any GeoJSON object, returning a new object: properties, ids and
 * foreign members are kept; `bbox` (now stale) and the legacy `crs` member are dropped.
 */
export function mapGeoJsonPositions<T extends GeoJSON>(object: T, transform: PositionTransform): T {
  const { bbox: _bbox, ...rest } = object as T & { crs?: unknown };
  delete (rest as { crs?: unknown }).crs;
  switch (object.type) {
    case 'FeatureCollection':
      return { ...rest, features: object.features.map((feature) => mapGeoJsonPositions(feature, transform)) } as T;
    case 'Feature':
      return { ...rest, geometry: mapGeometry(object.geometry, transform) } as T;
    default:
      return mapGeometry(object as Geometry, transform) as T;
  }
}

/**
 * Reprojects a whole GeoJSON object (any geometry type) between registry CRSs.
 *
 * @example
 * reprojectGeoJson(featureIn4545, 'EPSG:4545', 'EPSG:4326') // same feature in lon/lat, properties kept
 */
export function reprojectGeoJson<T extends GeoJSON>(object: T, from: string, to: string, options: { swapInput?: boolean } = {}): T {
  return mapGeoJsonPositions(object, createTransform(from, to, options));
}
