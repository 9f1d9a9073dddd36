/**
 * Polygon boolean operations for the app: polyclip-ts (Martinez–Rueda sweep with robust
 * predicates), in one place so that every caller uses the same engine. Turf's `intersect`,
 * `union` and `difference` wrap an older copy of the same algorithm (polygon-clipping) per
 * feature pair; polyclip-ts takes many polygons in one sweep and is exact where Turf's copy
 * throws on near-coincident edges. Areas of results are ellipsoidal (area.ts), never Turf's.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export { difference, intersection, union, xor, type Geom } from 'polyclip-ts';

/** Polygon parts as one geometry: null when there is none, a Polygon for one, else a MultiPolygon. */
export function polygonalGeometry(parts: Position[][][]): Polygon | MultiPolygon | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return { type: 'Polygon', coordinates: parts[0]! };
  return { type: 'MultiPolygon', coordinates: parts };
}

/** Polygon parts as a MultiPolygon (null when there is none), for consumers that take only that type. */
export function multiPolygonOrNull(parts: Position[][][]): MultiPolygon | null {
  return parts.length === 0 ? null : { type: 'MultiPolygon', coordinates: parts };
}
