/**
 * Planar predicates on [x, y] coordinates (longitude/latitude degrees or plane metres) shared by
 * validation and the overlay engine. Plain floating point: a result within ~1e-15 relative of a
 * degenerate case (a point almost on a line) may go either way; callers that care pass a tolerance.
 */

/** Twice the signed area of triangle a-b-c: > 0 when c lies left of a→b. */
export function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** How two segments meet. */
export type SegmentContact = 'none' | 'cross' | 'touch' | 'overlap';

/**
 * Classifies segments a-b and c-d: 'cross' (interiors cross at one point), 'touch' (meet at a
 * point that is an endpoint of at least one), 'overlap' (collinear sharing positive length), 'none'.
 */
export function segmentContact(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): SegmentContact {
  const d1 = orientation(cx, cy, dx, dy, ax, ay);
  const d2 = orientation(cx, cy, dx, dy, bx, by);
  const d3 = orientation(ax, ay, bx, by, cx, cy);
  const d4 = orientation(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 'cross';
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    // Collinear: compare projections on the longer axis of a-b.
    const useX = Math.abs(bx - ax) >= Math.abs(by - ay);
    const a0 = useX ? Math.min(ax, bx) : Math.min(ay, by);
    const a1 = useX ? Math.max(ax, bx) : Math.max(ay, by);
    const c0 = useX ? Math.min(cx, dx) : Math.min(cy, dy);
    const c1 = useX ? Math.max(cx, dx) : Math.max(cy, dy);
    const overlap = Math.min(a1, c1) - Math.max(a0, c0);
    if (overlap > 0) return 'overlap';
    return overlap === 0 ? 'touch' : 'none';
  }
  if (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return 'touch';
  if (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return 'touch';
  if (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return 'touch';
  if (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return 'touch';
  return 'none';
}

/** True when p (already known collinear with a-b) lies within the segment's bounding box. */
function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}

/** Where the point of segment a-b nearest to p lies along it: 0 at a, 1 at b. */
export function segmentParameter(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/**
 * True when the bounding boxes of segments p-q and c-d lie more than `margin` apart, so no point
 * of one is within `margin` of the other: the cheap test before the contact tests.
 */
export function segmentBoxesApart(
  px: number, py: number, qx: number, qy: number,
  cx: number, cy: number, dx: number, dy: number,
  margin: number,
): boolean {
  return (
    (cx > dx ? cx : dx) < (px < qx ? px : qx) - margin ||
    (cx < dx ? cx : dx) > (px > qx ? px : qx) + margin ||
    (cy > dy ? cy : dy) < (py < qy ? py : qy) - margin ||
    (cy < dy ? cy : dy) > (py > qy ? py : qy) + margin
  );
}

/**
 * Squared distance from p to segment a-b.
 */
export function segmentDistanceSquared(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Where a point lies relative to a ring given as [x, y] positions (closed or not):
 * 1 inside, 0 on the boundary (within `tolerance`), -1 outside. Even-odd rule.
 */
export function pointInRing(x: number, y: number, ring: readonly (readonly number[])[], tolerance = 0): 1 | 0 | -1 {
  let inside = false;
  const count = ring.length;
  const toleranceSquared = tolerance * tolerance;
  for (let index = 0, previous = count - 1; index < count; previous = index++) {
    const ax = ring[previous]![0]!;
    const ay = ring[previous]![1]!;
    const bx = ring[index]![0]!;
    const by = ring[index]![1]!;
    if (segmentDistanceSquared(ax, ay, bx, by, x, y) <= toleranceSquared) return 0;
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Signed shoelace area in coordinate units² (counter-clockwise positive); closing vertex optional. */
export function planarSignedArea(ring: readonly (readonly number[])[]): number {
  const count = ring.length;
  if (count < 3) return 0;
  const x0 = ring[0]![0]!;
  const y0 = ring[0]![1]!;
  let twice = 0;
  for (let index = 1; index + 1 < count; index++) {
    const a = ring[index]!;
    const b = ring[index + 1]!;
    twice += (a[0]! - x0) * (b[1]! - y0) - (b[0]! - x0) * (a[1]! - y0);
  }
  return twice / 2;
}

/**
 * Bounding box [minX, minY, maxX, maxY] of flat coordinates (x0, y0, x1, y1, …), grown from
 * `box` when given (pass the previous result to cover several rings).
 */
export function flatBounds(coordinates: Float64Array, box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]): [number, number, number, number] {
  for (let index = 0; index < coordinates.length; index += 2) {
    const x = coordinates[index]!;
    const y = coordinates[index + 1]!;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return box;
}
