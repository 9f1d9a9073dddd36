/**
 * Decides whether a feature near zone boundaries really crosses one, without clipping.
 *
 * Sub-compartments share their borders with townships exactly: vertices ON a boundary and edges
 * collinear with it are not crossings. A feature lies within one set of zones when
 *  1. none of its edges properly crosses a boundary edge (contacts within `tolerance` are touches);
 *  2. every stretch of its boundary between touch points that is not on a zone boundary lies in
 *     the same zones (tested at one midpoint per stretch — an edge between two boundary vertices
 *     may run outside a concave zone, so its midpoint is what counts);
 *  3. no stretch of zone boundary between touch points lies inside the feature (a boundary can
 *     enter through a vertex and leave through another without crossing any edge);
 *  4. no zone ring lies wholly inside the feature.
 * Anything else, or a feature whose whole boundary lies on zone boundaries, is clipped exactly.
 */
import { pointInRing, segmentBoxesApart, segmentContact, segmentDistanceSquared, segmentParameter } from '../planar';
import type { FlatGeometry } from './flat-rings';
import type { ZoneIndex } from './zone-index';

export type Placement = { readonly kind: 'within'; readonly zones: readonly number[] } | { readonly kind: 'split' };

const SPLIT: Placement = { kind: 'split' };

/** Where a point lies relative to a flat geometry: 1 inside, 0 within `tolerance` of an edge, -1 outside. */
export function pointInFlatGeometry(geometry: FlatGeometry, x: number, y: number, tolerance: number): 1 | 0 | -1 {
  let inside = false;
  const toleranceSquared = tolerance * tolerance;
  for (const polygon of geometry.polygons) {
    for (const ring of polygon.rings) {
      const count = ring.length / 2;
      for (let index = 0, previous = count - 1; index < count; previous = index++) {
        const ax = ring[2 * previous]!;
        const ay = ring[2 * previous + 1]!;
        const bx = ring[2 * index]!;
        const by = ring[2 * index + 1]!;
        if (segmentDistanceSquared(ax, ay, bx, by, x, y) <= toleranceSquared) return 0;
        if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside ? 1 : -1;
}

function sameZones(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Classifies a feature whose bounding box touches zone boundary edges.
 * @param tolerance distance (coordinate units, degrees here) under which a point counts as on a line.
 */
export function classifyNearBoundary(feature: FlatGeometry, index: ZoneIndex, tolerance: number): Placement {
  const candidates = index.edgesInBox(feature.minX - tolerance, feature.minY - tolerance, feature.maxX + tolerance, feature.maxY + tolerance);
  const edges = index.edges;
  const toleranceSquared = tolerance * tolerance;
  /** Touch parameters along each boundary edge that meets the feature. */
  const boundaryTouches = new Map<number, number[]>();
  let zones: readonly number[] | null = null;

  for (const polygon of feature.polygons) {
    for (const ring of polygon.rings) {
      const count = ring.length / 2;
      let needTest = true;
      for (let vertex = 0; vertex < count; vertex++) {
        const next = vertex + 1 === count ? 0 : vertex + 1;
        const px = ring[2 * vertex]!;
        const py = ring[2 * vertex + 1]!;
        const qx = ring[2 * next]!;
        const qy = ring[2 * next + 1]!;
        const touches: number[] = [];
        let startTouches = false;
        for (const edge of candidates) {
          const cx = edges[4 * edge]!;
          const cy = edges[4 * edge + 1]!;
          const dx = edges[4 * edge + 2]!;
          const dy = edges[4 * edge + 3]!;
          if (segmentBoxesApart(px, py, qx, qy, cx, cy, dx, dy, tolerance)) continue;
          const cOnEdge = segmentDistanceSquared(px, py, qx, qy, cx, cy) <= toleranceSquared;
          const dOnEdge = segmentDistanceSquared(px, py, qx, qy, dx, dy) <= toleranceSquared;
          const pOnBoundary = segmentDistanceSquared(cx, cy, dx, dy, px, py) <= toleranceSquared;
          const qOnBoundary = segmentDistanceSquared(cx, cy, dx, dy, qx, qy) <= toleranceSquared;
          if (!cOnEdge && !dOnEdge && !pOnBoundary && !qOnBoundary) {
            if (segmentContact(px, py, qx, qy, cx, cy, dx, dy) === 'cross') return SPLIT;
            continue;
          }
          if (cOnEdge) touches.push(segmentParameter(px, py, qx, qy, cx, cy));
          if (dOnEdge) touches.push(segmentParameter(px, py, qx, qy, dx, dy));
          if (pOnBoundary) startTouches = true;
          if (qOnBoundary) touches.push(1);
          let along = boundaryTouches.get(edge);
          if (!along) boundaryTouches.set(edge, (along = []));
          if (pOnBoundary) along.push(segmentParameter(cx, cy, dx, dy, px, py));
          if (qOnBoundary) along.push(segmentParameter(cx, cy, dx, dy, qx, qy));
          if (cOnEdge) along.push(0);
          if (dOnEdge) along.push(1);
        }
        if (startTouches) needTest = true;
        if (touches.length === 0 && !needTest) continue;
        touches.push(0, 1);
        touches.sort((a, b) => a - b);
        for (let piece = 0; piece + 1 < touches.length; piece++) {
          const t0 = touches[piece]!;
          const t1 = touches[piece + 1]!;
          if (piece > 0 && t0 < 1) needTest = true; // passed a touch point inside the edge
          if (t1 - t0 <= 0 || !needTest) continue;
          const t = (t0 + t1) / 2;
          const mx = px + t * (qx - px);
          const my = py + t * (qy - py);
          if (onAnyEdge(candidates, edges, mx, my, toleranceSquared)) continue;
          const here = index.zonesAt(mx, my);
          if (zones === null) zones = here;
          else if (!sameZones(zones, here)) return SPLIT;
          needTest = false;
        }
        if (touches[touches.length - 2] === 1) needTest = true; // the edge ends on a boundary
      }
    }
  }
  if (zones === null) return SPLIT;

  for (const [edge, along] of boundaryTouches) {
    along.push(0, 1);
    along.sort((a, b) => a - b);
    const cx = edges[4 * edge]!;
    const cy = edges[4 * edge + 1]!;
    const dx = edges[4 * edge + 2]!;
    const dy = edges[4 * edge + 3]!;
    for (let piece = 0; piece + 1 < along.length; piece++) {
      if (along[piece + 1]! - along[piece]! <= 0) continue;
      const t = (along[piece]! + along[piece + 1]!) / 2;
      if (pointInFlatGeometry(feature, cx + t * (dx - cx), cy + t * (dy - cy), tolerance) === 1) return SPLIT;
    }
  }

  for (const zone of index.zonesInBox(feature.minX, feature.minY, feature.maxX, feature.maxY)) {
    for (const polygon of index.geometries[zone]!.polygons) {
      for (const ring of polygon.rings) {
        if (ringInsideBox(ring, feature) && ringHasPointInside(ring, feature, tolerance)) return SPLIT;
      }
    }
  }
  return { kind: 'within', zones };
}

function onAnyEdge(candidates: readonly number[], edges: Float64Array, x: number, y: number, toleranceSquared: number): boolean {
  for (const edge of candidates) {
    if (segmentDistanceSquared(edges[4 * edge]!, edges[4 * edge + 1]!, edges[4 * edge + 2]!, edges[4 * edge + 3]!, x, y) <= toleranceSquared) return true;
  }
  return false;
}

function ringInsideBox(ring: Float64Array, box: FlatGeometry): boolean {
  for (let index = 0; index < ring.length; index += 2) {
    const x = ring[index]!;
    const y = ring[index + 1]!;
    if (x < box.minX || x > box.maxX || y < box.minY || y > box.maxY) return false;
  }
  return true;
}

function ringHasPointInside(ring: Float64Array, feature: FlatGeometry, tolerance: number): boolean {
  for (let index = 0; index < ring.length; index += 2) {
    const where = pointInFlatGeometry(feature, ring[index]!, ring[index + 1]!, tolerance);
    if (where !== 0) return where === 1;
  }
  return false;
}

/** Re-exported for tests of the ring helpers. */
export { pointInRing };
