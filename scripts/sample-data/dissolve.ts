/**
 * Dissolving pieces that tile a region into its polygons, on the pieces' own vertices.
 *
 * Pieces are counter-clockwise rings of VertexRegistry ids; an edge inside the region belongs to
 * two pieces, once in each direction, and cancels. The edges left over are the region's
 * boundary, which is traced into rings. No clipping library and no arithmetic is involved, so the
 * region's rings carry exactly the vertices of the pieces along them: polygon clipping in
 * longitude/latitude of a piece against its region then loses nothing.
 */
import type { Position } from 'geojson';
import { planarSignedArea, pointInRing } from '../../src/lib/geo/planar';
import type { Piece } from './piece';
import { type Ring, type XY, interiorPoint } from './planar';
import type { VertexRegistry } from './vertex-registry';

/** Edges are keyed a·2²⁶ + b, which stays exact for up to 2²⁶ vertices. */
const KEY_BASE = 2 ** 26;

/** Rings whose area (m²) is below this are leftovers of vertices not shared by both sides. */
const DEGENERATE_AREA = 1e-6;

interface TracedRing {
  readonly ids: number[];
  readonly ring: Ring;
  readonly area: number;
}

/**
 * The polygons (outer ring counter-clockwise, holes clockwise, closed WGS84 rings) covered by
 * pieces that do not overlap, largest first. Throws when the pieces do not fit together.
 */
export function dissolvePieces(pieces: readonly Pick<Piece, 'vertices'>[], registry: VertexRegistry): Position[][][] {
  if (registry.vertices.length >= KEY_BASE) throw new Error('Too many vertices to dissolve');
  const edges = new Map<number, [number, number]>();
  for (const piece of pieces) {
    const ids = piece.vertices;
    for (let index = 0; index < ids.length; index++) {
      const a = ids[index]!;
      const b = ids[(index + 1) % ids.length]!;
      const reverse = b * KEY_BASE + a;
      if (edges.delete(reverse)) continue;
      const key = a * KEY_BASE + b;
      if (edges.has(key)) throw new Error(`Pieces overlap along the edge between vertices ${a} and ${b}`);
      edges.set(key, [a, b]);
    }
  }
  const outgoing = new Map<number, number[]>();
  for (const [a, b] of edges.values()) {
    const list = outgoing.get(a);
    if (list) list.push(b);
    else outgoing.set(a, [b]);
  }
  const point = (id: number): XY => registry.vertices[id]!.point;
  const rings: TracedRing[] = [];
  for (const start of [...outgoing.keys()].sort((a, b) => a - b)) {
    while ((outgoing.get(start)?.length ?? 0) > 0) {
      const ids = [start];
      let previous = start;
      let current = takeEdge(outgoing, start, null, point);
      while (current !== start) {
        ids.push(current);
        const next = takeEdge(outgoing, current, previous, point);
        previous = current;
        current = next;
      }
      const ring = ids.map(point);
      const area = planarSignedArea(ring);
      if (Math.abs(area) < DEGENERATE_AREA) {
        throw new Error(`Dissolved boundary has a degenerate ring of ${ids.length} vertices near ${ring[0]!.map((value) => value.toFixed(1)).join(', ')} (vertices not shared by both sides)`);
      }
      rings.push({ ids, ring, area });
    }
  }
  const outers = rings.filter((ring) => ring.area > 0).sort((a, b) => b.area - a.area);
  const polygons: TracedRing[][] = outers.map((outer) => [outer]);
  for (const hole of rings.filter((ring) => ring.area < 0)) {
    const [x, y] = interiorPoint(hole.ring);
    const owner = outers.findIndex((outer) => pointInRing(x, y, outer.ring) > 0);
    if (owner < 0) throw new Error('Dissolved boundary has a hole outside every outer ring');
    polygons[owner]!.push(hole);
  }
  return polygons.map((polygon) =>
    polygon.map(({ ids }) => {
      const positions = ids.map((id) => registry.vertices[id]!.position);
      return [...positions, positions[0]!];
    }),
  );
}

/**
 * Removes and returns the next boundary vertex after `vertex`. Where the boundary touches itself
 * (several edges leave one vertex) the sharpest left turn keeps each ring simple. A boundary that
 * doubles back on itself is a vertex one side of an edge has and the other lacks: refused.
 */
function takeEdge(outgoing: Map<number, number[]>, vertex: number, previous: number | null, point: (id: number) => XY): number {
  const list = outgoing.get(vertex);
  if (!list || list.length === 0) throw new Error(`Dissolved boundary is open at vertex ${vertex}`);
  if (previous === null) return list.shift()!;
  const [vx, vy] = point(vertex);
  const [px, py] = point(previous);
  const inX = vx - px;
  const inY = vy - py;
  let chosen = 0;
  let bestTurn = -Infinity;
  for (const [index, candidate] of list.entries()) {
    const [cx, cy] = point(candidate);
    const outX = cx - vx;
    const outY = cy - vy;
    const cross = inX * outY - inY * outX;
    const dot = inX * outX + inY * outY;
    if (dot < 0 && Math.abs(cross) <= 1e-9 * Math.hypot(inX, inY) * Math.hypot(outX, outY)) {
      throw new Error(`Dissolved boundary doubles back at ${vx.toFixed(1)}, ${vy.toFixed(1)} (a vertex on only one side of an edge)`);
    }
    const turn = Math.atan2(cross, dot);
    if (turn > bestTurn) {
      bestTurn = turn;
      chosen = index;
    }
  }
  return list.splice(chosen, 1)[0]!;
}
