/**
 * Bounding boxes: the project's one box type and the functions that make and compare boxes.
 * Boxes of geometries are Turf's `bbox`, recomputed from the coordinates (a stale `bbox` member
 * in a file is never trusted). The overlay engine's hot loops over flat typed arrays keep their
 * own min/max (`flatBounds` in planar.ts): Turf walks GeoJSON positions, which those loops no
 * longer hold.
 */
import { bbox } from '@turf/turf';
import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] (or [minX, minY, maxX, maxY] in projected metres): a 2-D GeoJSON `BBox`. */
export type BoundingBox = [west: number, south: number, east: number, north: number];

/** A box that contains nothing (grows with `extendBoundingBox`). */
export function emptyBoundingBox(): BoundingBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

/** Grows `box` to contain `position` (for points that arrive one at a time, not as a geometry). */
export function extendBoundingBox(box: BoundingBox, position: Position): void {
  const [x, y] = position as [number, number];
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

/** Bounding box of one or more geometries; null when there is no coordinate at all. */
export function boundingBoxOf(geometries: Iterable<Geometry | null>): BoundingBox | null {
  const box = emptyBoundingBox();
  for (const geometry of geometries) {
    if (!geometry) continue;
    const [west, south, east, north] = bbox(geometry, { recompute: true });
    extendBoundingBox(box, [west, south]);
    extendBoundingBox(box, [east, north]);
  }
  return Number.isFinite(box[0]) ? box : null;
}

/** True when two boxes share at least a point (edges touching count). */
export function boundingBoxesOverlap(a: BoundingBox, b: BoundingBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
