/**
 * Where to put a polygon's label: the pole of inaccessibility (polylabel) of its largest part,
 * computed in the equal-area plane so the point is centred in metres, not in degrees.
 */
import polylabel from 'polylabel';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { YOUYANG_EQUAL_AREA_PLANE, type EqualAreaPlane } from './equal-area';

/** Label position [lon, lat] of a polygon, or null for an empty geometry. */
export function labelPoint(geometry: Polygon | MultiPolygon, plane: EqualAreaPlane = YOUYANG_EQUAL_AREA_PLANE): Position | null {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Position[][] | null = null;
  let bestArea = -1;
  for (const part of parts) {
    const outer = part[0];
    if (!outer || outer.length < 4) continue;
    const area = Math.abs(plane.signedRingArea(outer));
    if (area > bestArea) {
      bestArea = area;
      best = part;
    }
  }
  if (!best) return null;
  const projected = best.map((ring) => ring.map(([longitude, latitude]) => plane.forward(longitude!, latitude!)));
  // 10 m precision is far below label placement accuracy and keeps this fast for big townships.
  const [x, y] = polylabel(projected, 10);
  return plane.inverse(x, y);
}

/** Label points of a layer's polygon features, carrying each feature's id and properties (other geometries get none). */
export function labelPoints(collection: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const position = labelPoint(geometry);
    if (position) features.push({ type: 'Feature', id: feature.id, properties: feature.properties, geometry: { type: 'Point', coordinates: position } });
  }
  return { type: 'FeatureCollection', features };
}
