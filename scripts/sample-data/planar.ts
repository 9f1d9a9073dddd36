/**
 * Plane geometry in equal-area metres that only the sample data needs: centroids, interior
 * points, the canonical half-plane clip used to cut Voronoi cells along township bisectors,
 * distances to polylines. Areas, point-in-ring and boxes come from src/lib/geo (planar.ts,
 * bounds.ts), as the app uses them.
 *
 * Rings are open (no repeated closing vertex) arrays of [x, y].
 */
import { boundingBoxOf } from '../../src/lib/geo/bounds';
import { planarSignedArea } from '../../src/lib/geo/planar';

export type XY = [number, number];
export type Ring = XY[];

/** Area-weighted centroid of an open ring (falls back to the vertex mean for degenerate rings). */
export function centroid(ring: readonly XY[]): XY {
  const count = ring.length;
  const [x0, y0] = ring[0]!;
  let sx = 0;
  let sy = 0;
  let twice = 0;
  for (let index = 1; index < count - 1; index++) {
    const ax = ring[index]![0] - x0;
    const ay = ring[index]![1] - y0;
    const bx = ring[index + 1]![0] - x0;
    const by = ring[index + 1]![1] - y0;
    const cross = ax * by - bx * ay;
    twice += cross;
    sx += (ax + bx) * cross;
    sy += (ay + by) * cross;
  }
  if (Math.abs(twice) < 1e-12) {
    let mx = 0;
    let my = 0;
    for (const [x, y] of ring) {
      mx += x;
      my += y;
    }
    return [mx / count, my / count];
  }
  return [x0 + sx / (3 * twice), y0 + sy / (3 * twice)];
}

/**
 * A point strictly inside a simple ring: the middle of the widest span of the horizontal line
 * through the centroid (works for concave pieces whose centroid falls outside).
 */
export function interiorPoint(ring: readonly XY[]): XY {
  const [, cy] = centroid(ring);
  const [, south, , north] = boundingBoxOf([{ type: 'LineString', coordinates: ring as XY[] }])!;
  // Nudge off vertex heights so the scanline never passes exactly through a vertex.
  let y = cy;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (!ring.some((vertex) => vertex[1] === y)) break;
    y += (north - south) * 1e-7;
  }
  const crossings: number[] = [];
  const count = ring.length;
  for (let index = 0, previous = count - 1; index < count; previous = index++) {
    const [xi, yi] = ring[index]!;
    const [xj, yj] = ring[previous]!;
    if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  crossings.sort((a, b) => a - b);
  let best: XY = centroid(ring);
  let widest = -1;
  for (let index = 0; index + 1 < crossings.length; index += 2) {
    const width = crossings[index + 1]! - crossings[index]!;
    if (width > widest) {
      widest = width;
      best = [(crossings[index]! + crossings[index + 1]!) / 2, y];
    }
  }
  return best;
}

/** Lexicographic order of two points: used to compute shared cut points identically from both sides. */
function before(a: XY, b: XY): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/**
 * A linear function g(p) = ax·x + ay·y + c whose zero line cuts rings. Cut points on a segment are
 * computed from the segment's endpoints in lexicographic order, so two cells sharing an edge get
 * bit-identical cut points.
 */
export interface CutLine {
  readonly ax: number;
  readonly ay: number;
  readonly c: number;
}

export function evaluateCut(line: CutLine, point: XY): number {
  return line.ax * point[0] + line.ay * point[1] + line.c;
}

export function cutPoint(line: CutLine, a: XY, b: XY): XY {
  const [first, second] = before(a, b) ? [a, b] : [b, a];
  const g1 = evaluateCut(line, first);
  const g2 = evaluateCut(line, second);
  const t = g1 / (g1 - g2);
  return [first[0] + t * (second[0] - first[0]), first[1] + t * (second[1] - first[1])];
}

/**
 * Sutherland–Hodgman clip of a convex ring to the side where sign·g(p) ≤ 0. Returns the clipped
 * ring (possibly empty).
 */
export function clipHalfPlane(ring: readonly XY[], line: CutLine, sign: 1 | -1): Ring {
  const output: Ring = [];
  const count = ring.length;
  if (count === 0) return output;
  let previous = ring[count - 1]!;
  let previousValue = sign * evaluateCut(line, previous);
  for (let index = 0; index < count; index++) {
    const current = ring[index]!;
    const value = sign * evaluateCut(line, current);
    const currentInside = value <= 0;
    const previousInside = previousValue <= 0;
    if (currentInside !== previousInside) {
      output.push(cutPoint(line, previous, current));
    }
    if (currentInside) output.push(current);
    previous = current;
    previousValue = value;
  }
  return output.length >= 3 ? output : [];
}

/** The bisector function of two sites: negative on the side of `a`, positive on the side of `b`. */
export function bisector(a: XY, b: XY): CutLine {
  return {
    ax: 2 * (b[0] - a[0]),
    ay: 2 * (b[1] - a[1]),
    c: a[0] * a[0] + a[1] * a[1] - b[0] * b[0] - b[1] * b[1],
  };
}

/** Squared distance from a point to a segment, with the segment parameter of the closest point. */
export function segmentDistance(px: number, py: number, a: XY, b: XY): { distanceSquared: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared > 0 ? ((px - a[0]) * dx + (py - a[1]) * dy) / lengthSquared : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = a[0] + t * dx - px;
  const ey = a[1] + t * dy - py;
  return { distanceSquared: ex * ex + ey * ey, t };
}

/** Distance from a point to a polyline (open), with the index of the nearest segment. */
export function polylineDistance(px: number, py: number, line: readonly XY[]): number {
  let best = Infinity;
  for (let index = 0; index + 1 < line.length; index++) {
    const { distanceSquared } = segmentDistance(px, py, line[index]!, line[index + 1]!);
    if (distanceSquared < best) best = distanceSquared;
  }
  return Math.sqrt(best);
}

/** Drops a repeated closing vertex (polyclip and GeoJSON close their rings). */
export function openRing(ring: readonly (readonly number[])[]): Ring {
  const result: Ring = ring.map((position) => [position[0]!, position[1]!]);
  if (result.length > 1) {
    const first = result[0]!;
    const last = result[result.length - 1]!;
    if (first[0] === last[0] && first[1] === last[1]) result.pop();
  }
  return result;
}

/** Makes an open ring counter-clockwise (RFC 7946 exterior orientation). */
export function counterClockwise(ring: Ring): Ring {
  return planarSignedArea(ring) < 0 ? ring.slice().reverse() : ring;
}

/** A regular polygon approximating a disc (open ring, counter-clockwise). */
export function disc(cx: number, cy: number, radius: number, segments: number, phase = 0): Ring {
  const ring: Ring = [];
  for (let index = 0; index < segments; index++) {
    const angle = phase + (index / segments) * Math.PI * 2;
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return ring;
}
