/**
 * One vertex per place: every sub-compartment vertex goes through the registry, which hands out a
 * single plane point, WGS84 position and id for all vertices within SNAP_TOLERANCE of each other.
 *
 * The same boundary point is often computed more than once: a cut along a township bisector
 * reached from the two sides after different earlier cuts, or an outline crossing clipped from
 * two neighbouring cells. The results differ by ~1e-10 m — invisible in the plane, but in WGS84
 * they either collapse into consecutive duplicate vertices or stay distinct by one ulp, so
 * neighbours no longer share their vertices exactly. Snapping them here makes sub-compartments,
 * the townships dissolved from them and the zones built on them share bit-identical vertices.
 */
import type { Position } from 'geojson';
import type { XY } from './planar';

/** Plane distance (m) under which two vertices are the same vertex. */
export const SNAP_TOLERANCE = 1e-6;
/** Bucket size (m) of the spatial hash; at least the largest search tolerance. */
const BUCKET = 0.01;
/** Offset making bucket indices non-negative (county plane coordinates stay within ±80 km). */
const OFFSET = 2 ** 23;

export interface Vertex {
  readonly id: number;
  readonly point: XY;
  readonly position: Position;
}

export class VertexRegistry {
  readonly vertices: Vertex[] = [];
  private readonly buckets = new Map<number, number[]>();

  /** The registered vertex nearest to `point` within `tolerance` (≤ BUCKET), or null. */
  find(point: XY, tolerance = SNAP_TOLERANCE): Vertex | null {
    const [x, y] = point;
    let best: Vertex | null = null;
    let bestDistance = tolerance * tolerance;
    for (let bx = bucketIndex(x - tolerance); bx <= bucketIndex(x + tolerance); bx++) {
      for (let by = bucketIndex(y - tolerance); by <= bucketIndex(y + tolerance); by++) {
        for (const id of this.buckets.get(bucketKey(bx, by)) ?? []) {
          const vertex = this.vertices[id]!;
          const dx = vertex.point[0] - x;
          const dy = vertex.point[1] - y;
          const distance = dx * dx + dy * dy;
          if (distance <= bestDistance) {
            bestDistance = distance;
            best = vertex;
          }
        }
      }
    }
    return best;
  }

  /** The vertex at `point`: an existing one within SNAP_TOLERANCE, else a new one placed by `resolve`. */
  intern(point: XY, resolve: (point: XY) => Position): Vertex {
    const found = this.find(point);
    if (found) return found;
    const vertex: Vertex = { id: this.vertices.length, point: [point[0], point[1]], position: resolve(point) };
    this.vertices.push(vertex);
    const key = bucketKey(bucketIndex(point[0]), bucketIndex(point[1]));
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(vertex.id);
    else this.buckets.set(key, [vertex.id]);
    return vertex;
  }
}

function bucketIndex(value: number): number {
  const index = Math.floor(value / BUCKET) + OFFSET;
  if (index < 0 || index >= 2 * OFFSET) throw new Error(`Plane coordinate ${value} m is outside the vertex registry's range`);
  return index;
}

function bucketKey(bx: number, by: number): number {
  return bx * 2 * OFFSET + by;
}
