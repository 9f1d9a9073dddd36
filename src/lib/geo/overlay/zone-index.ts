/**
 * Spatial index of the zones: a Flatbush of every zone boundary edge and one of zone bounding
 * boxes, plus point-in-zone by ray casting through the edge index. Zones may overlap (user
 * polygons), so a point can be in several zones.
 *
 * A lazily filled grid remembers, for cells that no boundary edge touches, which zones contain
 * them: the millions of point-in-zone tests for features wholly inside a zone mostly become a
 * single array read.
 */
import Flatbush from 'flatbush';
import type { FlatGeometry } from './flat-rings';

export interface ZoneIndex {
  readonly zoneCount: number;
  readonly geometries: readonly FlatGeometry[];
  /** Edge endpoints x0, y0, x1, y1 per boundary edge. */
  readonly edges: Float64Array;
  /** Zone of each boundary edge. */
  readonly edgeZone: Int32Array;
  readonly edgeIndex: Flatbush;
  readonly boxIndex: Flatbush;
  /** Zones whose bounding boxes intersect the box. */
  zonesInBox(minX: number, minY: number, maxX: number, maxY: number): number[];
  /** True when some boundary edge's bounding box intersects the box. */
  touchesBoundary(minX: number, minY: number, maxX: number, maxY: number): boolean;
  /** Boundary edges whose bounding boxes intersect the box. */
  edgesInBox(minX: number, minY: number, maxX: number, maxY: number): number[];
  /** Zones containing the point (ray cast; a point on a boundary may go either way). */
  zonesAt(x: number, y: number): readonly number[];
  /** Same answer as zonesAt, cached per grid cell that no boundary edge crosses. */
  zonesAtCached(x: number, y: number): readonly number[];
}

const GRID_SIZE = 256;
const NO_ZONES: readonly number[] = Object.freeze([]);

/** Builds the index for zones already flattened (valid polygons, longitude/latitude). */
export function buildZoneIndex(geometries: readonly FlatGeometry[]): ZoneIndex {
  let edgeCount = 0;
  for (const geometry of geometries) for (const polygon of geometry.polygons) for (const ring of polygon.rings) edgeCount += ring.length / 2;
  const edges = new Float64Array(Math.max(1, edgeCount) * 4);
  const edgeZone = new Int32Array(Math.max(1, edgeCount));
  const edgeIndex = new Flatbush(Math.max(1, edgeCount));
  let cursor = 0;
  geometries.forEach((geometry, zone) => {
    for (const polygon of geometry.polygons) {
      for (const ring of polygon.rings) {
        const count = ring.length / 2;
        for (let vertex = 0; vertex < count; vertex++) {
          const next = vertex + 1 === count ? 0 : vertex + 1;
          const x0 = ring[2 * vertex]!;
          const y0 = ring[2 * vertex + 1]!;
          const x1 = ring[2 * next]!;
          const y1 = ring[2 * next + 1]!;
          edges.set([x0, y0, x1, y1], cursor * 4);
          edgeZone[cursor] = zone;
          edgeIndex.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
          cursor++;
        }
      }
    }
  });
  if (edgeCount === 0) edgeIndex.add(Infinity, Infinity, Infinity, Infinity);
  edgeIndex.finish();

  const boxIndex = new Flatbush(Math.max(1, geometries.length));
  for (const geometry of geometries) boxIndex.add(geometry.minX, geometry.minY, geometry.maxX, geometry.maxY);
  if (geometries.length === 0) boxIndex.add(Infinity, Infinity, Infinity, Infinity);
  boxIndex.finish();

  const extentMaxX = edgeIndex.maxX;
  const zoneSets: (readonly number[])[] = [NO_ZONES];
  const zoneSetIds = new Map<string, number>([['', 0]]);
  const parity = new Uint8Array(geometries.length);
  const seen = new Uint8Array(geometries.length);

  function zonesAt(x: number, y: number): readonly number[] {
    if (edgeCount === 0) return NO_ZONES;
    const touched: number[] = [];
    edgeIndex.search(x, y, extentMaxX, y, (edge) => {
      const base = edge * 4;
      const ax = edges[base]!;
      const ay = edges[base + 1]!;
      const bx = edges[base + 2]!;
      const by = edges[base + 3]!;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) {
        const zone = edgeZone[edge]!;
        if (seen[zone] === 0) {
          seen[zone] = 1;
          touched.push(zone);
        }
        parity[zone] = parity[zone]! ^ 1;
      }
      return false;
    });
    const inside = touched.filter((zone) => parity[zone] === 1).sort((a, b) => a - b);
    for (const zone of touched) {
      parity[zone] = 0;
      seen[zone] = 0;
    }
    return inside.length === 0 ? NO_ZONES : inside;
  }

  function internZoneSet(zones: readonly number[]): number {
    const key = zones.join(',');
    let id = zoneSetIds.get(key);
    if (id === undefined) {
      id = zoneSets.length;
      zoneSets.push(zones);
      zoneSetIds.set(key, id);
    }
    return id;
  }

  // Grid cache: 0 unknown, 1 touched by a boundary edge, k ≥ 2 → zone set k − 2.
  const gridMinX = edgeIndex.minX;
  const gridMinY = edgeIndex.minY;
  const cellWidth = (edgeIndex.maxX - gridMinX) / GRID_SIZE || 1;
  const cellHeight = (edgeIndex.maxY - gridMinY) / GRID_SIZE || 1;
  const grid = new Int32Array(GRID_SIZE * GRID_SIZE);

  function zonesAtCached(x: number, y: number): readonly number[] {
    const column = Math.floor((x - gridMinX) / cellWidth);
    const row = Math.floor((y - gridMinY) / cellHeight);
    if (edgeCount === 0 || column < 0 || row < 0 || column >= GRID_SIZE || row >= GRID_SIZE) return zonesAt(x, y);
    const cell = row * GRID_SIZE + column;
    let state = grid[cell]!;
    if (state === 0) {
      const minX = gridMinX + column * cellWidth;
      const minY = gridMinY + row * cellHeight;
      // Every point of a cell no edge touches lies in the same zones as its centre.
      state = touchesBoundary(minX, minY, minX + cellWidth, minY + cellHeight)
        ? 1
        : 2 + internZoneSet(zonesAt(minX + cellWidth / 2, minY + cellHeight / 2));
      grid[cell] = state;
    }
    return state === 1 ? zonesAt(x, y) : zoneSets[state - 2]!;
  }

  function touchesBoundary(minX: number, minY: number, maxX: number, maxY: number): boolean {
    if (edgeCount === 0) return false;
    let found = false;
    edgeIndex.search(minX, minY, maxX, maxY, () => {
      found = true;
      return false;
    });
    return found;
  }

  return {
    zoneCount: geometries.length,
    geometries,
    edges,
    edgeZone,
    edgeIndex,
    boxIndex,
    zonesInBox: (minX, minY, maxX, maxY) => (geometries.length === 0 ? [] : boxIndex.search(minX, minY, maxX, maxY)),
    touchesBoundary,
    edgesInBox: (minX, minY, maxX, maxY) => (edgeCount === 0 ? [] : edgeIndex.search(minX, minY, maxX, maxY)),
    zonesAt,
    zonesAtCached,
  };
}
