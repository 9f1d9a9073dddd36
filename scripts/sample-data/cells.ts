/**
 * Sub-compartment geometry: a jittered grid of sites → Voronoi cells → cut along township
 * bisectors and clipped to the county outline. Each resulting piece is one sub-compartment, so
 * the pieces tile every township exactly, never overlap and never cross a township border.
 * Every vertex goes through the VertexRegistry, so a boundary point computed from two cells is
 * one vertex, and the townships dissolved from the pieces (townships.ts) reuse those vertices.
 */
import { Delaunay } from 'd3-delaunay';
import type { Position } from 'geojson';
import { polygonAreaSquareMetres } from '../../src/lib/geo/area';
import { type CountyFrame, toLonLat } from './county';
import { hashUnit } from './random';
import { planarSignedArea } from '../../src/lib/geo/planar';
import type { Piece } from './piece';
import { type Ring, type XY, centroid, openRing } from './planar';
import type { TownshipFrame } from './townships';
import { VertexRegistry } from './vertex-registry';

export type { Piece } from './piece';

export interface CellsResult {
  readonly pieces: Piece[];
  /** The vertices of every piece (townships and zones reuse them). */
  readonly registry: VertexRegistry;
  readonly sites: number;
  readonly spacing: number;
  readonly clippedToCounty: number;
  readonly cutAtTownships: number;
}

/** Fraction of the grid spacing by which sites are jittered (keeps cells regular: 20–300 亩). */
const JITTER = 0.42;

export function buildCells(
  county: CountyFrame,
  townships: TownshipFrame,
  targetCount: number,
  seed: number,
  countyAreaSquareMetres: number,
): CellsResult {
  const spacing = Math.sqrt(countyAreaSquareMetres / targetCount);
  const box = county.box;
  const originX = box[0] - 2 * spacing;
  const originY = box[1] - 2 * spacing;
  const columns = Math.ceil((box[2] - originX) / spacing) + 2;
  const rows = Math.ceil((box[3] - originY) / spacing) + 2;

  // Grid nodes inside the outline, dilated by one node so border cells are complete.
  const inside = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const point: XY = [originX + (column + 0.5) * spacing, originY + (row + 0.5) * spacing];
      if (point[0] >= box[0] && point[0] <= box[2] && point[1] >= box[1] && point[1] <= box[3] && county.contains(point)) {
        inside[row * columns + column] = 1;
      }
    }
  }
  const coordinates: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let keep = false;
      for (let dr = -2; dr <= 2 && !keep; dr++) {
        for (let dc = -2; dc <= 2 && !keep; dc++) {
          const r = row + dr;
          const c = column + dc;
          if (r >= 0 && r < rows && c >= 0 && c < columns && inside[r * columns + c] === 1) keep = true;
        }
      }
      if (!keep) continue;
      const jx = (hashUnit(column, row, seed) - 0.5) * 2 * JITTER;
      const jy = (hashUnit(column, row, seed ^ 0x5bd1e995) - 0.5) * 2 * JITTER;
      coordinates.push(originX + (column + 0.5 + jx) * spacing, originY + (row + 0.5 + jy) * spacing);
    }
  }

  const delaunay = new Delaunay(Float64Array.from(coordinates));
  const voronoi = delaunay.voronoi([originX - spacing, originY - spacing, originX + (columns + 1) * spacing, originY + (rows + 1) * spacing]);
  const sites = coordinates.length / 2;
  const pieces: Piece[] = [];
  const registry = new VertexRegistry();
  const addPiece = (ring: Ring, resolve: (point: XY) => Position, township: number, site: number): void => {
    const piece = makePiece(registry, ring, resolve, township, site);
    if (piece) pieces.push(piece);
  };
  let clippedToCounty = 0;
  let cutAtTownships = 0;

  for (let site = 0; site < sites; site++) {
    const polygon = voronoi.cellPolygon(site);
    if (!polygon) continue;
    let cell = openRing(polygon);
    if (planarSignedArea(cell) < 0) cell = cell.reverse();
    const owners = new Set<number>();
    for (const vertex of cell) owners.add(townships.nearest(vertex));
    const parts: { ring: Ring; township: number }[] = [];
    if (owners.size === 1) {
      parts.push({ ring: cell, township: owners.values().next().value! });
    } else {
      cutAtTownships++;
      const candidates = new Set<number>(owners);
      for (const owner of owners) for (const neighbor of townships.townships[owner]!.neighbors) candidates.add(neighbor);
      for (const township of [...candidates].sort((a, b) => a - b)) {
        const ring = townships.clipToTownship(cell, township);
        if (ring.length >= 3 && planarSignedArea(ring) > 0) parts.push({ ring, township });
      }
    }
    for (const part of parts) {
      const relation = county.relation(part.ring);
      if (relation === 'outside') continue;
      if (relation === 'inside') {
        addPiece(part.ring, toLonLat, part.township, site);
        continue;
      }
      clippedToCounty++;
      for (const clipped of county.clip(part.ring)) {
        const ring = planarSignedArea(clipped) < 0 ? clipped.reverse() : clipped;
        addPiece(ring, (point) => county.resolveClipped(point, part.ring), part.township, site);
      }
    }
  }
  return { pieces, registry, sites, spacing, clippedToCounty, cutAtTownships };
}

/**
 * A piece on the registry's vertices; null when snapping leaves no area (a sliver thinner than
 * the snap tolerance, whose neighbours snap the same way).
 */
function makePiece(registry: VertexRegistry, input: Ring, resolve: (point: XY) => Position, township: number, site: number): Piece | null {
  const vertices: number[] = [];
  for (const point of input) {
    const id = registry.intern(point, resolve).id;
    if (vertices.at(-1) !== id) vertices.push(id);
  }
  while (vertices.length > 1 && vertices[0] === vertices.at(-1)) vertices.pop();
  if (vertices.length < 3) return null;
  const ring = vertices.map((id) => registry.vertices[id]!.point);
  if (planarSignedArea(ring) <= 0) return null;
  const lonLat = vertices.map((id) => registry.vertices[id]!.position);
  const closed = [...lonLat, lonLat[0]!];
  return { ring, vertices, lonLat: closed, township, site, centroid: centroid(ring), area: polygonAreaSquareMetres([closed]) };
}
