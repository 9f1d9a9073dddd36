/**
 * One zone's boundary edges ready for the boundary-integral intersection area
 * (intersection-area.ts): endpoints in longitude/latitude, their equal-area plane terms, the
 * orientation of each edge's ring, a Flatbush over the edges, and point-in-zone by ray casting
 * through that index. Built once per zone and measuring plane, then reused for every feature.
 */
import Flatbush from 'flatbush';
import type { GeodesicPlaneArea } from '../geodesic-plane-area';
import type { FlatGeometry } from './flat-rings';

export interface ZoneEdges {
  readonly count: number;
  /** x0, y0, x1, y1 (lon/lat) per edge. */
  readonly edges: Float64Array;
  /** Plane terms of both ends per edge: x, y, sin φ, h of the start, then of the end (vertexTerms). */
  readonly terms: Float64Array;
  /** +1 when the edge runs as an outer ring counter-clockwise / a hole clockwise would, else −1. */
  readonly direction: Int8Array;
  readonly index: Flatbush;
  /** True when the point is inside the zone (even-odd; a point on the boundary may go either way). */
  contains(x: number, y: number): boolean;
}

/** Twice the signed planar area of a flat ring in its own coordinates (lon/lat here). */
export function flatRingOrientation(ring: Float64Array): number {
  const count = ring.length / 2;
  const x0 = ring[0]!;
  const y0 = ring[1]!;
  let twice = 0;
  for (let index = 1; index + 1 < count; index++) {
    twice += (ring[2 * index]! - x0) * (ring[2 * index + 3]! - y0) - (ring[2 * index + 2]! - x0) * (ring[2 * index + 1]! - y0);
  }
  return twice;
}

function buildZoneEdges(zone: FlatGeometry, measure: GeodesicPlaneArea): ZoneEdges {
  let count = 0;
  for (const polygon of zone.polygons) for (const ring of polygon.rings) count += ring.length / 2;
  const edges = new Float64Array(count * 4);
  const terms = new Float64Array(count * 8);
  const direction = new Int8Array(count);
  const index = new Flatbush(Math.max(1, count));
  const vertex = new Float64Array(4);
  let cursor = 0;
  for (const polygon of zone.polygons) {
    polygon.rings.forEach((ring, ringIndex) => {
      const vertices = ring.length / 2;
      const counterClockwise = flatRingOrientation(ring) > 0;
      const sign = counterClockwise === (ringIndex === 0) ? 1 : -1;
      const ringStart = cursor;
      for (let position = 0; position < vertices; position++) {
        const next = position + 1 === vertices ? 0 : position + 1;
        const x0 = ring[2 * position]!;
        const y0 = ring[2 * position + 1]!;
        const x1 = ring[2 * next]!;
        const y1 = ring[2 * next + 1]!;
        edges[4 * cursor] = x0;
        edges[4 * cursor + 1] = y0;
        edges[4 * cursor + 2] = x1;
        edges[4 * cursor + 3] = y1;
        measure.vertexTerms(x0, y0, vertex, 0);
        terms.set(vertex, 8 * cursor);
        direction[cursor] = sign;
        index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        cursor++;
      }
      // The end of each edge is the start of the next one.
      for (let edge = ringStart; edge < cursor; edge++) {
        const next = edge + 1 === cursor ? ringStart : edge + 1;
        terms.copyWithin(8 * edge + 4, 8 * next, 8 * next + 4);
      }
    });
  }
  if (count === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  const rayEnd = zone.maxX + 1;

  function contains(x: number, y: number): boolean {
    if (count === 0) return false;
    let inside = false;
    index.search(x, y, rayEnd, y, (edge) => {
      const ay = edges[4 * edge + 1]!;
      const by = edges[4 * edge + 3]!;
      if (ay > y !== by > y) {
        const ax = edges[4 * edge]!;
        const bx = edges[4 * edge + 2]!;
        if (x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
      return false;
    });
    return inside;
  }

  return { count, edges, terms, direction, index, contains };
}

const cache = new WeakMap<FlatGeometry, { measure: GeodesicPlaneArea; edges: ZoneEdges }>();

/** The zone's edges for this measuring plane, built on first use and cached with the zone. */
export function zoneEdges(zone: FlatGeometry, measure: GeodesicPlaneArea): ZoneEdges {
  const cached = cache.get(zone);
  if (cached && cached.measure === measure) return cached.edges;
  const edges = buildZoneEdges(zone, measure);
  cache.set(zone, { measure, edges });
  return edges;
}
