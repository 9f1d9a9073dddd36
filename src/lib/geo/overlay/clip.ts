/**
 * Exact area of a feature inside a zone, for features that cross zone borders: polyclip-ts
 * intersection in longitude/latitude, pieces measured in the equal-area plane with the
 * geodesic-edge correction (geodesic-plane-area.ts).
 *
 * Both polygons are first cut down with a rectangle (Sutherland–Hodgman) around the other one's
 * bounding box plus a margin; this is exact for the intersection (A ∩ B = (A ∩ R_B) ∩ (B ∩ R_A)
 * when A ⊂ R_A, B ⊂ R_B) and keeps polyclip-ts from sweeping a 700-vertex township outline for a
 * 20-vertex sub-compartment. The zero-width slivers Sutherland–Hodgman can leave run along the
 * rectangle, outside the other polygon, and drop out of the intersection. Vertices polyclip-ts
 * drops as collinear are put back (restore-vertices.ts): with geodesic edges they matter.
 */
import { intersection, type Geom } from 'polyclip-ts';
import type { GeodesicPlaneArea } from '../geodesic-plane-area';
import type { FlatGeometry } from './flat-rings';
import { restoreDroppedVertices } from './restore-vertices';

type Ring = [number, number][];
type Box = readonly [number, number, number, number];

function toRing(ring: Float64Array): Ring {
  const points: Ring = [];
  for (let index = 0; index < ring.length; index += 2) points.push([ring[index]!, ring[index + 1]!]);
  return points;
}

function clipRingToBox(ring: Float64Array, box: Box): Ring {
  let points = toRing(ring);
  const [minX, minY, maxX, maxY] = box;
  const planes: Array<[(p: [number, number]) => boolean, (a: [number, number], b: [number, number]) => [number, number]]> = [
    [(p) => p[0] >= minX, (a, b) => [minX, a[1] + ((b[1] - a[1]) * (minX - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= maxX, (a, b) => [maxX, a[1] + ((b[1] - a[1]) * (maxX - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= minY, (a, b) => [a[0] + ((b[0] - a[0]) * (minY - a[1])) / (b[1] - a[1]), minY]],
    [(p) => p[1] <= maxY, (a, b) => [a[0] + ((b[0] - a[0]) * (maxY - a[1])) / (b[1] - a[1]), maxY]],
  ];
  for (const [inside, cut] of planes) {
    if (points.length === 0) break;
    const output: Ring = [];
    for (let index = 0; index < points.length; index++) {
      const current = points[index]!;
      const previous = points[(index + points.length - 1) % points.length]!;
      const currentInside = inside(current);
      if (currentInside !== inside(previous)) output.push(cut(previous, current));
      if (currentInside) output.push(current);
    }
    points = output;
  }
  return points;
}

function ringBoxContained(ring: Float64Array, box: Box): boolean {
  for (let index = 0; index < ring.length; index += 2) {
    const x = ring[index]!;
    const y = ring[index + 1]!;
    if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) return false;
  }
  return true;
}

/** The geometry cut to a box, as polyclip input (rings wholly inside the box are kept as they are). */
function cropToBox(geometry: FlatGeometry, box: Box): Geom {
  const polygons: Ring[][] = [];
  for (const polygon of geometry.polygons) {
    const rings: Ring[] = [];
    for (let index = 0; index < polygon.rings.length; index++) {
      const ring = polygon.rings[index]!;
      const cut = ringBoxContained(ring, box) ? toRing(ring) : clipRingToBox(ring, box);
      if (cut.length < 3) {
        if (index === 0) break;
        continue;
      }
      rings.push(cut);
    }
    if (rings.length > 0) polygons.push(rings);
  }
  return polygons;
}

function expandedBox(geometry: FlatGeometry): Box {
  const margin = Math.max(geometry.maxX - geometry.minX, geometry.maxY - geometry.minY) * 0.01 + 1e-7;
  return [geometry.minX - margin, geometry.minY - margin, geometry.maxX + margin, geometry.maxY + margin];
}

/**
 * Area (m²) of feature ∩ zone, within ~1e-10 relative of GeographicLib on the same pieces.
 * polyclip-ts returns outer rings counter-clockwise and holes clockwise, so signed areas add up.
 */
export function clippedArea(feature: FlatGeometry, zone: FlatGeometry, measure: GeodesicPlaneArea): number {
  const featureInput = cropToBox(feature, expandedBox(zone));
  const zoneInput = cropToBox(zone, expandedBox(feature));
  if ((featureInput as Ring[][]).length === 0 || (zoneInput as Ring[][]).length === 0) return 0;
  const pieces = restoreDroppedVertices(intersection(featureInput, zoneInput) as Ring[][], featureInput as Ring[][], zoneInput as Ring[][]);
  let area = 0;
  for (const polygon of pieces) for (const ring of polygon) area += measure.signedRingArea(ring);
  return Math.max(0, area);
}
