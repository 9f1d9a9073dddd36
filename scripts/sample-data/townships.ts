/**
 * Schematic township boundaries: Voronoi cells of the 39 township seeds (DESIGN.md positions,
 * moved inside the outline where needed), clipped to the county.
 *
 * Every township cell is the intersection of half-planes bounded by the bisectors with its
 * Delaunay neighbours, so sub-compartment cells are cut along exactly the same lines (see
 * `clipToTownship`), and the cut points are recorded so that township rings carry the same
 * vertices as the sub-compartments along them: the two layers then tile each other exactly.
 */
import { Delaunay } from 'd3-delaunay';
import type { Position } from 'geojson';
import { type CountyFrame, toLonLat, toPlane } from './county';
import type { TownshipRecord } from './inputs';
import { type CutLine, type Ring, type XY, bisector, clipHalfPlane, evaluateCut, segmentDistance } from './planar';

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
  private readonly cutPoints = new Map<number, XY[]>();

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

  /** Clips a convex ring to the Voronoi cell of township `index`, recording the cut points. */
  clipToTownship(ring: Ring, index: number, record = true): Ring {
    let result = ring;
    for (const other of this.townships[index]!.neighbors) {
      const key = this.pairKey(index, other);
      const sign = index < other ? 1 : -1;
      result = clipHalfPlane(result, this.line(index, other), sign, record ? (point) => this.recordCut(key, point) : undefined);
      if (result.length === 0) break;
    }
    return result;
  }

  private recordCut(key: number, point: XY): void {
    let points = this.cutPoints.get(key);
    if (!points) {
      points = [];
      this.cutPoints.set(key, points);
    }
    points.push(point);
  }

  /** The convex Voronoi cell of a township within a large box (not yet clipped to the county). */
  cell(index: number, box: { minX: number; minY: number; maxX: number; maxY: number }): Ring {
    const rectangle: Ring = [
      [box.minX, box.minY],
      [box.maxX, box.minY],
      [box.maxX, box.maxY],
      [box.minX, box.maxY],
    ];
    return this.clipToTownship(rectangle, index, false);
  }

  /**
   * Inserts into a township ring the recorded sub-compartment cut points lying on its bisector
   * edges, so both layers share the same boundary vertices.
   */
  densify(ring: Ring, index: number): Ring {
    const township = this.townships[index]!;
    const result: Ring = [];
    const count = ring.length;
    for (let vertex = 0; vertex < count; vertex++) {
      const a = ring[vertex]!;
      const b = ring[(vertex + 1) % count]!;
      result.push(a);
      const other = this.edgeNeighbor(a, b, township);
      if (other < 0) continue;
      const points = this.cutPoints.get(this.pairKey(index, other)) ?? [];
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const length = Math.hypot(dx, dy);
      const inner: { t: number; point: XY }[] = [];
      for (const point of points) {
        const along = ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length;
        if (along > 1e-6 && along < length - 1e-6) inner.push({ t: along, point });
      }
      inner.sort((p, q) => p.t - q.t || p.point[0] - q.point[0] || p.point[1] - q.point[1]);
      let previous: XY | null = null;
      for (const { point } of inner) {
        if (previous && previous[0] === point[0] && previous[1] === point[1]) continue;
        result.push(point);
        previous = point;
      }
    }
    return result;
  }

  /** The neighbour whose bisector carries the edge a→b of this township's ring, or -1. */
  private edgeNeighbor(a: XY, b: XY, township: Township): number {
    for (const other of township.neighbors) {
      const line = this.line(township.index, other);
      const scale = Math.hypot(line.ax, line.ay);
      if (Math.abs(evaluateCut(line, a)) < scale * 1e-3 && Math.abs(evaluateCut(line, b)) < scale * 1e-3) return other;
    }
    return -1;
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

/** Township polygons (each a list of closed WGS84 rings, outer only), clipped and densified. */
export function buildTownshipPolygons(frame: TownshipFrame, county: CountyFrame): Position[][][][] {
  const margin = 50_000;
  const box = {
    minX: county.box.minX - margin,
    minY: county.box.minY - margin,
    maxX: county.box.maxX + margin,
    maxY: county.box.maxY + margin,
  };
  return frame.townships.map((township) => {
    const cell = frame.cell(township.index, box);
    const polygons = county.clipLarge([[cell]]);
    return polygons.map((polygon) => {
      const outer = polygon[0]!;
      const clipped = new Set(outer);
      const ring = frame.densify(outer, township.index);
      const lonLat = ring.map((point) => (clipped.has(point) ? county.resolveClipped(point, cell) : toLonLat(point)));
      return [[...lonLat, lonLat[0]!]];
    });
  });
}
