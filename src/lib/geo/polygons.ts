/**
 * Polygon parts of any GeoJSON geometry, the common input of validation, repair and overlay.
 */
import type { Geometry, Position } from 'geojson';

/** One polygon as rings (outer ring first, then holes). */
export type PolygonRings = Position[][];

/**
 * The polygons of a geometry: a Polygon gives one, a MultiPolygon its parts, a
 * GeometryCollection the polygons of its members; points, lines and null give none.
 */
export function polygonParts(geometry: Geometry | null | undefined): PolygonRings[] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(polygonParts);
    default:
      return [];
  }
}

/** True for Polygon, MultiPolygon, or a GeometryCollection holding at least one polygon. */
export function isPolygonal(geometry: Geometry | null | undefined): boolean {
  return polygonParts(geometry).length > 0;
}
