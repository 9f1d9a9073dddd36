/**
 * Ellipsoidal area and perimeter (GRS80) with GeographicLib — the figures every user sees.
 *
 * Geodesic edges, any ring orientation, holes subtracted, MultiPolygon parts added. This is the
 * convention of China's land surveys and of PostGIS `geography`; `@turf/area` (a sphere) reads
 * about 0.14 % high at Youyang's latitude and must never feed a reported figure.
 *
 * @example
 * // a 0.01° × 0.01° square at 28.8°N
 * polygonAreaSquareMetres([[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.81], [108.8, 28.8]]])
 * // ≈ 1,088,9xx m² (see tests for the exact GeographicLib value)
 */
import * as geographiclibNamespace from 'geographiclib-geodesic';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { GRS80 } from './ellipsoid';

// Node's native ESM (tsx, the CLI) exposes this CommonJS package only as `default`; bundlers and
// Vitest also expose its named exports. Take whichever holds `Geodesic`.
const geographiclib =
  (geographiclibNamespace as unknown as { default?: typeof geographiclibNamespace }).default ?? geographiclibNamespace;
const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.semiMajorAxis, GRS80.flattening);

/** Area (m², positive) and perimeter (m) of one ring; a closing vertex equal to the first is ignored. */
export function ringAreaAndPerimeter(ring: readonly Position[]): { area: number; perimeter: number } {
  const polygon = geodesic.Polygon(false);
  const count = ringVertexCount(ring);
  for (let index = 0; index < count; index++) {
    const position = ring[index]!;
    polygon.AddPoint(position[1]!, position[0]!);
  }
  if (count < 3) {
    const line = polygon.Compute(false, true);
    return { area: 0, perimeter: line.perimeter };
  }
  // sign=true returns a signed area; its magnitude is the ring's area whatever the orientation.
  const result = polygon.Compute(false, true);
  return { area: Math.abs(result.area ?? 0), perimeter: result.perimeter };
}

/** Number of distinct vertices of a ring (drops the closing vertex when it repeats the first). */
export function ringVertexCount(ring: readonly Position[]): number {
  const length = ring.length;
  if (length > 1) {
    const first = ring[0]!;
    const last = ring[length - 1]!;
    if (first[0] === last[0] && first[1] === last[1]) return length - 1;
  }
  return length;
}

/** Ellipsoidal area in m² of a Polygon given as rings (outer ring first, then holes). */
export function polygonAreaSquareMetres(rings: readonly (readonly Position[])[]): number {
  let area = 0;
  for (let index = 0; index < rings.length; index++) {
    const ringArea = ringAreaAndPerimeter(rings[index]!).area;
    area += index === 0 ? ringArea : -ringArea;
  }
  return Math.max(0, area);
}

/** Ellipsoidal perimeter in metres of a Polygon (outer ring plus holes, as GIS tools report it). */
export function polygonPerimeterMetres(rings: readonly (readonly Position[])[]): number {
  let perimeter = 0;
  for (const ring of rings) perimeter += ringAreaAndPerimeter(ring).perimeter;
  return perimeter;
}

/** Ellipsoidal area in m² of any geometry; points and lines have none. */
export function geometryAreaSquareMetres(geometry: Geometry | null): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'Polygon':
      return polygonAreaSquareMetres(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, polygon) => sum + polygonAreaSquareMetres(polygon), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, part) => sum + geometryAreaSquareMetres(part), 0);
    default:
      return 0;
  }
}

/** Ellipsoidal perimeter in metres of polygonal geometry (sum of all rings). */
export function geometryPerimeterMetres(geometry: Polygon | MultiPolygon): number {
  if (geometry.type === 'Polygon') return polygonPerimeterMetres(geometry.coordinates);
  return geometry.coordinates.reduce((sum, polygon) => sum + polygonPerimeterMetres(polygon), 0);
}

/** Geodesic length in metres of a line through the given positions. */
export function lineLengthMetres(positions: readonly Position[]): number {
  const line = geodesic.Polygon(true);
  for (const position of positions) line.AddPoint(position[1]!, position[0]!);
  return line.Compute(false, true).perimeter;
}

/** Geodesic distance in metres between two positions. */
export function distanceMetres(from: Position, to: Position): number {
  const result = geodesic.Inverse(from[1]!, from[0]!, to[1]!, to[0]!) as { s12?: number };
  return result.s12 ?? 0;
}

/** The position reached from `from` going `distance` metres at `azimuthDegrees` (clockwise from north). */
export function destination(from: Position, azimuthDegrees: number, distance: number): Position {
  const result = geodesic.Direct(from[1]!, from[0]!, azimuthDegrees, distance) as { lat2?: number; lon2?: number };
  return [result.lon2 ?? NaN, result.lat2 ?? NaN];
}
