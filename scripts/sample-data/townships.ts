/**
 * Schematic township boundaries: Voronoi cells of the 39 township seeds (DESIGN.md positions,
 * moved inside the outline where needed), clipped to the county.
 *
 * Every township cell is the intersection of half-planes bounded by the bisectors with its
 * Delaunay neighbours; sub-compartment cells are cut along exactly these lines (`clipToTownship`)
 * and clipped to the outline (cells.ts). The township polygons are then dissolved from their
 * sub-compartments (dissolve.ts), so a township ring carries every sub-compartment vertex on its
 * border — along the bisectors and along the county outline — and the two layers tile each other
 * exactly, in the plane as in longitude/latitude.
 */
import { Delaunay } from 'd3-delaunay';
import type { Position } from 'geojson';
import type { Piece } from './piece';
import { type CountyFrame, toLonLat, toPlane } from './county';
import type { TownshipRecord } from './inputs';
import { type CutLine, type Ring, type XY, bisector, clipHalfPlane, segmentDistance } from './planar';
import { dissolvePieces } from './dissolve';
import type { VertexRegistry } from './vertex-registry';

export interface Township extends TownshipRecord {
  readonly index: number;
  /** Seed in the plane (inside the county). */
  readonly seed: XY;
  /** Seed in WGS84. */
  readonly seedPosition: Position;
  /** True when the DESIGN.md position fell outside the outline and was moved inside. */
  readonly moved: boolean;
  readonly neighbors: readonly number[];
}

/** How far inside the outline (m) a seed that fell outside is placed. */
const SEED_INSET = 1500;

export class TownshipFrame {
  readonly townships: Township[];
  private readonly lines = new Map<number, CutLine>();

  constructor(records: readonly TownshipRecord[], county: CountyFrame) {
    const seeds = records.map((record) => moveInside(toPlane(record.position), county));
    const delaunay = Delaunay.from(seeds.map((seed) => seed.point));
    this.townships = records.map((record, index) => {
      const seed = seeds[index]!.point;
      return {
        ...record,
        index,
        seed,
        seedPosition: toLonLat(seed),
        moved: seeds[index]!.moved,
        neighbors: [...delaunay.neighbors(index)].sort((a, b) => a - b),
      };
    });
  }

  private pairKey(a: number, b: number): number {
    return Math.min(a, b) * 1024 + Math.max(a, b);
  }

  /** The bisector of two townships, negative on the side of the lower index. */
  private line(a: number, b: number): CutLine {
    const key = this.pairKey(a, b);
    let line = this.lines.get(key);
    if (!line) {
      const low = this.townships[Math.min(a, b)]!.seed;
      const high = this.townships[Math.max(a, b)]!.seed;
      line = bisector(low, high);
      this.lines.set(key, line);
    }
    return line;
  }

  /** Index of the township whose seed is nearest: the township containing a point of the county. */
  nearest(point: XY): number {
    let best = 0;
    let bestDistance = Infinity;
    for (const township of this.townships) {
      const dx = township.seed[0] - point[0];
      const dy = township.seed[1] - point[1];
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = township.index;
      }
    }
    return best;
  }

  /** Clips a convex ring to the Voronoi cell of township `index`. */
  clipToTownship(ring: Ring, index: number): Ring {
    let result = ring;
    for (const other of this.townships[index]!.neighbors) {
      const sign = index < other ? 1 : -1;
      result = clipHalfPlane(result, this.line(index, other), sign);
      if (result.length === 0) break;
    }
    return result;
  }
}

/** A seed outside the outline moves to the nearest outline point, then SEED_INSET metres inside. */
function moveInside(point: XY, county: CountyFrame): { point: XY; moved: boolean } {
  if (county.contains(point)) return { point, moved: false };
  const ring = county.ring;
  let best: XY = ring[0]!;
  let bestDistance = Infinity;
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index]!;
    const b = ring[(index + 1) % ring.length]!;
    const { distanceSquared, t } = segmentDistance(point[0], point[1], a, b);
    if (distanceSquared < bestDistance) {
      bestDistance = distanceSquared;
      best = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    }
  }
  const distance = Math.sqrt(bestDistance);
  const ux = (best[0] - point[0]) / distance;
  const uy = (best[1] - point[1]) / distance;
  for (let inset = SEED_INSET; inset < 20 * SEED_INSET; inset += SEED_INSET / 2) {
    const candidate: XY = [best[0] + ux * inset, best[1] + uy * inset];
    if (county.contains(candidate)) return { point: candidate, moved: true };
  }
  throw new Error('Could not move a township seed inside the county outline');
}

/**
 * Township polygons (each a list of polygons of closed WGS84 rings): the union of each township's
 * sub-compartments, on their own vertices.
 */
export function buildTownshipPolygons(frame: TownshipFrame, pieces: readonly Piece[], registry: VertexRegistry): Position[][][][] {
  const byTownship: Piece[][] = frame.townships.map(() => []);
  for (const piece of pieces) byTownship[piece.township]!.push(piece);
  return byTownship.map((own, index) => {
    const polygons = dissolvePieces(own, registry);
    if (polygons.length === 0) throw new Error(`Township ${frame.townships[index]!.name} has no sub-compartments`);
    return polygons;
  });
}
