/**
 * The committed inputs of the generator (data/): county outline, neighbours, township list and
 * positions, river courses and nanmu grove facts. Paths are resolved from the repository root.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Polygon, Position } from 'geojson';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIRECTORY = join(REPOSITORY_ROOT, 'data');

/** Data files read by the generator (also hashed into the catalog's inputsHash). */
export const INPUT_FILES = [
  'youyang-county.geojson',
  'neighbor-counties.geojson',
  'youyang-townships.csv',
  'township-positions.json',
  'rivers.json',
  'nanmu-groves.json',
] as const;

export interface TownshipRecord {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  /** Approximate position [lon, lat] from DESIGN.md (before moving it inside the outline). */
  readonly position: Position;
}

export interface RiverInput {
  readonly name: string;
  readonly nameEn: string;
  /** Half width of the water surface (m), used to mark 水域 sub-compartments. */
  readonly halfWidthMetres: number;
  readonly course: Position[];
}

export interface GroveInput {
  readonly name: string;
  readonly township: string;
  readonly village?: string;
  readonly anchor?: string;
  readonly near: Position;
  readonly radiusMetres: number;
  readonly trees: number;
  readonly over2mDiameter: number;
  readonly over1000Years: number;
  readonly oldestYears: number;
  readonly tallestMetres: number;
  readonly largestGirthMetres: number;
  readonly status: string;
}

export interface Inputs {
  readonly county: { name: string; adcode: string; ring: Position[] };
  readonly neighbors: { name: string; geometry: Polygon }[];
  readonly townships: TownshipRecord[];
  readonly rivers: RiverInput[];
  readonly groves: GroveInput[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DATA_DIRECTORY, file), 'utf8')) as T;
}

export function loadInputs(): Inputs {
  const countyCollection = readJson<FeatureCollection<Polygon, { name: string; adcode: string }>>('youyang-county.geojson');
  const countyFeature = countyCollection.features[0]!;
  const neighborCollection = readJson<FeatureCollection<Polygon, { name: string }>>('neighbor-counties.geojson');
  const positions = readJson<{ positions: Record<string, Position> }>('township-positions.json').positions;
  const csv = readFileSync(join(DATA_DIRECTORY, 'youyang-townships.csv'), 'utf8').trim().split(/\r?\n/);
  const townships = csv.slice(1).map((line) => {
    const [code, name, kind] = line.split(',').map((cell) => cell.trim());
    const position = positions[name!];
    if (!code || !name || !kind || !position) throw new Error(`Township row without a position: ${line}`);
    return { code, name, kind, position };
  });
  return {
    county: {
      name: countyFeature.properties.name,
      adcode: countyFeature.properties.adcode,
      ring: countyFeature.geometry.coordinates[0]!,
    },
    neighbors: neighborCollection.features.map((feature) => ({ name: feature.properties.name, geometry: feature.geometry })),
    townships,
    rivers: readJson<{ rivers: RiverInput[] }>('rivers.json').rivers,
    groves: readJson<{ groves: GroveInput[] }>('nanmu-groves.json').groves,
  };
}
