/**
 * Polygons as flat typed arrays (x0, y0, x1, y1, … per ring, not closed) with their bounding
 * box: the working form of features and zones in the overlay engine.
 */
import type { Position } from 'geojson';
import type { GeodesicPlaneArea } from '../geodesic-plane-area';
import { flatBounds } from '../planar';
import type { PolygonRings } from '../polygons';

export interface FlatPolygon {
  /** Outer ring first, then holes; each without the closing vertex. */
  readonly rings: Float64Array[];
}

export interface FlatGeometry {
  readonly polygons: FlatPolygon[];
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

function flattenRing(ring: readonly Position[]): Float64Array {
  let count = ring.length;
  if (count > 1 && ring[0]![0] === ring[count - 1]![0] && ring[0]![1] === ring[count - 1]![1]) count--;
  const flat = new Float64Array(count * 2);
  for (let index = 0; index < count; index++) {
    flat[2 * index] = ring[index]![0]!;
    flat[2 * index + 1] = ring[index]![1]!;
  }
  return flat;
}

/** Flattens polygons (assumed valid: finite coordinates, ≥ 3 vertices per ring). */
export function flattenPolygons(parts: readonly PolygonRings[]): FlatGeometry {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = parts.map((rings) => ({
    rings: rings.map((ring, ringIndex) => {
      const flat = flattenRing(ring);
      if (ringIndex === 0) flatBounds(flat, box);
      return flat;
    }),
  }));
  return { polygons, minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] };
}

/**
 * Ellipsoidal area (m², geodesic edges) of flat polygons: |outer| − Σ|holes| per polygon, by the
 * corrected equal-area plane (see geodesic-plane-area.ts: ~1e-10 relative of GeographicLib).
 */
export function flatGeometryArea(geometry: FlatGeometry, measure: GeodesicPlaneArea): number {
  let area = 0;
  for (const polygon of geometry.polygons) {
    polygon.rings.forEach((ring, index) => {
      const ringArea = Math.abs(measure.signedFlatRingArea(ring));
      area += index === 0 ? ringArea : -ringArea;
    });
  }
  return Math.max(0, area);
}

/** Flat geometry from rings already cleaned by validation (part, ring order; outer ring first). */
export function fromCheckedRings(rings: ReadonlyArray<{ readonly part: number; readonly ring: number; readonly coordinates: Float64Array }>): FlatGeometry {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons: FlatPolygon[] = [];
  let currentPart = -1;
  let current: Float64Array[] = [];
  for (const ring of rings) {
    if (ring.part !== currentPart) {
      current = [];
      polygons.push({ rings: current });
      currentPart = ring.part;
    }
    if (ring.ring === 0) flatBounds(ring.coordinates, box);
    current.push(ring.coordinates);
  }
  return { polygons, minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] };
}
