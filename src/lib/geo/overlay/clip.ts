/**
 * Exact area of a feature inside a zone, for features that cross zone borders: the boundary
 * integral of intersection-area.ts (no clipped polygon is built) over the zone's cached edges,
 * measured in the equal-area plane with the geodesic-edge correction (geodesic-plane-area.ts).
 * Agrees with polyclip-ts × GeographicLib on the same pieces to ~1e-10 relative.
 */
import type { GeodesicPlaneArea } from '../geodesic-plane-area';
import type { FlatGeometry } from './flat-rings';
import { intersectionArea } from './intersection-area';
import { zoneEdges } from './zone-edges';

/** Area (m²) of feature ∩ zone; `featureArea` (same measure) saves work for features inside the zone. */
export function clippedArea(feature: FlatGeometry, zone: FlatGeometry, measure: GeodesicPlaneArea, featureArea?: number): number {
  return intersectionArea(feature, zoneEdges(zone, measure), measure, featureArea);
}
