/**
 * A geodesic circle (all points at one ground distance from a centre) as a polygon, for the
 * viewing range of cameras and watchtowers.
 *
 * The polygon is inscribed: with n vertices its area is smaller than the true circle's by the
 * factor sin(2π/n)·n/(2π) — 0.040 % for the default 128, far below what a viewing radius is
 * known to. Vertices come from GeographicLib's direct problem, so the radius is exact on GRS80.
 */
import type { Polygon, Position } from 'geojson';
import { destination } from '../area';

export const CIRCLE_SEGMENTS = 128;

/** Counter-clockwise ring of a circle of `radiusMetres` around `center` ([lon, lat]). */
export function geodesicCircle(center: Position, radiusMetres: number, segments = CIRCLE_SEGMENTS): Polygon {
  const ring: Position[] = [];
  // Azimuths clockwise from north; walk them backwards for a counter-clockwise (GeoJSON) ring.
  for (let index = 0; index < segments; index++) ring.push(destination(center, 360 - (index * 360) / segments, radiusMetres));
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Area ratio of the inscribed n-gon to its circle (planar): how much the polygon under-reads. */
export function inscribedAreaRatio(segments = CIRCLE_SEGMENTS): number {
  return (segments / (2 * Math.PI)) * Math.sin((2 * Math.PI) / segments);
}
