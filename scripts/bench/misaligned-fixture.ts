/**
 * Misaligned statistics fixture: zones from one survey, forest polygons from another, as a bureau
 * really has them. Deterministic from a seed.
 *
 * - Zones: the 10 county outlines in data/ (Youyang and its neighbours, from another source than
 *   any polygon here; they overlap each other along their borders).
 * - Polygons: a jittered grid of sub-compartment-like cells over a region, every side a wiggly
 *   polyline shared exactly (same vertices, reversed) by the two cells on either side, so the cells
 *   tile without overlapping; 9–19 points per side give 40–80 vertices per polygon. Nothing is
 *   aligned with the zones, so every cell on a county border crosses it.
 *
 *   npx tsx scripts/bench/misaligned-fixture.ts --polygons 20000 [--seed 1] [--out bench-output/misaligned-20k]
 *
 * writes zones.fgb and polygons.fgb (EPSG:4326) to the output folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Feature, FeatureCollection, Position } from 'geojson';

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CellGridOptions {
  readonly columns: number;
  readonly rows: number;
  /** South-west corner (degrees). */
  readonly west: number;
  readonly south: number;
  /** Cell width and height (degrees). */
  readonly width: number;
  readonly height: number;
  readonly seed: number;
}

const LAND_CLASSES = ['乔木林地', '乔木林地', '竹林地', '特殊灌木林地', '一般灌木林地', '宜林地', '乔木林地'];

/** The wiggly polyline from corner a to corner b (interior points only), seeded by the side. */
function wigglySide(a: Position, b: Position, seed: number): Position[] {
  const next = random(seed);
  const interior = 9 + Math.floor(next() * 11);
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const points: Position[] = [];
  for (let index = 1; index <= interior; index++) {
    const s = (index + (next() - 0.5) * 0.6) / (interior + 1);
    // Offsets taper to zero at the corners so neighbouring sides cannot cross.
    const offset = 0.07 * Math.sin(Math.PI * s) * (next() * 2 - 1);
    points.push([a[0]! + s * dx - offset * dy, a[1]! + s * dy + offset * dx]);
  }
  return points;
}

/** Cells of the grid as polygons (counter-clockwise rings of 40–80 vertices), row by row. */
export function wigglyCells(options: CellGridOptions): FeatureCollection {
  const { columns, rows, west, south, width, height, seed } = options;
  const jitter = random(seed);
  const corners: Position[][] = [];
  for (let row = 0; row <= rows; row++) {
    const line: Position[] = [];
    for (let column = 0; column <= columns; column++) {
      const edge = row === 0 || row === rows || column === 0 || column === columns;
      line.push([
        west + (column + (edge ? 0 : (jitter() - 0.5) * 0.4)) * width,
        south + (row + (edge ? 0 : (jitter() - 0.5) * 0.4)) * height,
      ]);
    }
    corners.push(line);
  }
  // Side seeds: horizontal sides (row, column) then vertical ones, so both neighbours agree.
  const horizontal = (row: number, column: number) => wigglySide(corners[row]![column]!, corners[row]![column + 1]!, seed * 7919 + 2 * (row * (columns + 1) + column));
  const vertical = (row: number, column: number) => wigglySide(corners[row]![column]!, corners[row + 1]![column]!, seed * 7919 + 2 * (row * (columns + 1) + column) + 1);
  const below: Position[][] = Array.from({ length: columns }, (_, column) => horizontal(0, column));
  const features: Feature[] = [];
  const attributes = random(seed ^ 0x5bd1e995);
  for (let row = 0; row < rows; row++) {
    let left = vertical(row, 0);
    for (let column = 0; column < columns; column++) {
      const right = vertical(row, column + 1);
      const top = horizontal(row + 1, column);
      const ring: Position[] = [
        corners[row]![column]!,
        ...below[column]!,
        corners[row]![column + 1]!,
        ...right,
        corners[row + 1]![column + 1]!,
        ...[...top].reverse(),
        corners[row + 1]![column]!,
        ...[...left].reverse(),
        corners[row]![column]!,
      ];
      below[column] = top;
      left = right;
      features.push({
        type: 'Feature',
        properties: {
          XIAO_BAN: `${row}-${column}`,
          DI_LEI: LAND_CLASSES[Math.floor(attributes() * LAND_CLASSES.length)]!,
          YU_BI_DU: Math.round(attributes() * 90) / 100,
        },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

const DATA = join(fileURLToPath(new URL('../../data/', import.meta.url)));

/** The 10 county outlines (Youyang first), NAME and CODE fields. */
export function countyZones(): FeatureCollection {
  const read = (file: string) => JSON.parse(readFileSync(join(DATA, file), 'utf8')) as FeatureCollection;
  const features = [...read('youyang-county.geojson').features, ...read('neighbor-counties.geojson').features];
  return {
    type: 'FeatureCollection',
    features: features.map((feature, index) => ({
      type: 'Feature',
      properties: { CODE: `C${index}`, NAME: String(feature.properties?.name ?? index) },
      geometry: feature.geometry,
    })),
  };
}

/** Youyang's bounding box, the region the polygons cover (its borders with all neighbours cross it). */
export const REGION = { west: 108.308, south: 28.328, east: 109.316, north: 29.407 } as const;

/** The benchmark fixture with about `polygons` cells spread over REGION. */
export function misalignedFixture(polygons: number, seed = 1): { zones: FeatureCollection; polygons: FeatureCollection } {
  const side = Math.max(1, Math.round(Math.sqrt(polygons)));
  const rows = side;
  const columns = Math.max(1, Math.round(polygons / side));
  const width = (REGION.east - REGION.west) / columns;
  const height = (REGION.north - REGION.south) / rows;
  return { zones: countyZones(), polygons: wigglyCells({ columns, rows, west: REGION.west, south: REGION.south, width, height, seed }) };
}

function writeFlatGeobuf(path: string, collection: FeatureCollection): void {
  writeFileSync(path, serialize(collection as never));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argument = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const count = Number(argument('polygons') ?? 20000);
  const seed = Number(argument('seed') ?? 1);
  const out = argument('out') ?? `bench-output/misaligned-${count >= 1000 ? `${Math.round(count / 1000)}k` : count}`;
  const started = performance.now();
  const fixture = misalignedFixture(count, seed);
  mkdirSync(out, { recursive: true });
  writeFlatGeobuf(join(out, 'zones.fgb'), fixture.zones);
  writeFlatGeobuf(join(out, 'polygons.fgb'), fixture.polygons);
  const vertices = fixture.polygons.features.reduce((sum, feature) => sum + (feature.geometry as { coordinates: Position[][] }).coordinates[0]!.length - 1, 0);
  process.stderr.write(
    `[misaligned-fixture] ${out}: ${fixture.zones.features.length} zones, ${fixture.polygons.features.length} polygons, ${(vertices / fixture.polygons.features.length).toFixed(1)} vertices each, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
