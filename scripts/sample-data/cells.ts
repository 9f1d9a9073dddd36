/**
 * Sub-compartment geometry: a jittered grid of sites → Voronoi cells → cut along township
 * bisectors and clipped to the county outline. Each resulting piece is one sub-compartment, so
 * the pieces tile every township exactly, never overlap and never cross a township border.
 */
import { Delaunay } from 'd3-delaunay';
import type { Position } from 'geojson';
import { polygonAreaSquareMetres } from '../../src/lib/geo/area';
import { type CountyFrame, toLonLat } from './county';
import { hashUnit } from './random';
import { type Ring, type XY, centroid, openRing, signedArea } from './planar';
import type { TownshipFrame } from './townships';

export interface Piece {
  /** Open ring in plane metres, counter-clockwise. */
  readonly ring: Ring;
  /** Closed ring in WGS84, counter-clockwise. */
  readonly lonLat: Position[];
  readonly township: number;
  /** Voronoi site the piece comes from. */
  readonly site: number;
  readonly centroid: XY;
  /** Ellipsoidal area (m², GeographicLib). */
  readonly area: number;
}

export interface CellsResult {
  readonly pieces: Piece[];
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
  const originX = box.minX - 2 * spacing;
  const originY = box.minY - 2 * spacing;
  const columns = Math.ceil((box.maxX - originX) / spacing) + 2;
  const rows = Math.ceil((box.maxY - originY) / spacing) + 2;

  // Grid nodes inside the outline, dilated by one node so border cells are complete.
  const inside = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const point: XY = [originX + (column + 0.5) * spacing, originY + (row + 0.5) * spacing];
      if (point[0] >= box.minX && point[0] <= box.maxX && point[1] >= box.minY && point[1] <= box.maxY && county.contains(point)) {
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
  let clippedToCounty = 0;
  let cutAtTownships = 0;

  for (let site = 0; site < sites; site++) {
    const polygon = voronoi.cellPolygon(site);
    if (!polygon) continue;
    let cell = openRing(polygon);
    if (signedArea(cell) < 0) cell = cell.reverse();
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
        if (ring.length >= 3 && signedArea(ring) > 0) parts.push({ ring, township });
      }
    }
    for (const part of parts) {
      const relation = county.relation(part.ring);
      if (relation === 'outside') continue;
      if (relation === 'inside') {
        pieces.push(makePiece(part.ring, part.ring.map(toLonLat), part.township, site));
        continue;
      }
      clippedToCounty++;
      for (const clipped of county.clip(part.ring)) {
        const ring = signedArea(clipped) < 0 ? clipped.reverse() : clipped;
        pieces.push(makePiece(ring, ring.map((point) => county.resolveClipped(point, part.ring)), part.township, site));
      }
    }
  }
  return { pieces, sites, spacing, clippedToCounty, cutAtTownships };
}

function makePiece(ring: Ring, lonLat: Position[], township: number, site: number): Piece {
  const closed = [...lonLat, lonLat[0]!];
  return { ring, lonLat: closed, township, site, centroid: centroid(ring), area: polygonAreaSquareMetres([closed]) };
}
