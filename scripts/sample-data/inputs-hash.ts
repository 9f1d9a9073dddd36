/**
 * The inputs hash: sha256 over the generator's source files, its data inputs, the versions of the
 * geometry packages it relies on and the options. `data:ensure` compares it with the hash stored
 * in public/data/catalog.json to decide whether the sample data are stale. Kept free of heavy
 * imports so the check stays fast.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INPUT_FILES, REPOSITORY_ROOT } from './inputs';

export interface GeneratorOptions {
  readonly seed: number;
  readonly subcompartments: number;
  /** Corridor width each side of the river (m). */
  readonly corridorWidth: number;
}

export const DEFAULT_OPTIONS: GeneratorOptions = { seed: 20230101, subcompartments: 40_000, corridorWidth: 1000 };

export const GENERATOR_NAME = 'youyang-sample-data';
export const GENERATOR_VERSION = '1.2.0';

const SHARED_SOURCES = [
  'scripts/generate-sample-data.ts',
  'src/lib/geo/area.ts',
  'src/lib/geo/bounds.ts',
  'src/lib/geo/corridor.ts',
  'src/lib/geo/corridor-parts.ts',
  'src/lib/geo/corridor-spec.ts',
  'src/lib/geo/ellipsoid.ts',
  'src/lib/geo/equal-area.ts',
  'src/lib/geo/planar.ts',
  'src/lib/geo/polygon-clipping.ts',
  'src/lib/geo/units.ts',
  'src/lib/geo/forest-cover.ts',
  'src/lib/layers/catalog.ts',
];
const PACKAGES = ['@turf/bbox', '@turf/buffer', '@turf/jsts', 'proj4', 'd3-delaunay', 'delaunator', 'flatbush', 'flatgeobuf', 'geographiclib-geodesic', 'polyclip-ts'];

/** Repository-relative paths of every file the output depends on, sorted. */
export function hashedFiles(): string[] {
  const generatorModules = readdirSync(join(REPOSITORY_ROOT, 'scripts', 'sample-data'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `scripts/sample-data/${name}`);
  const data = INPUT_FILES.map((name) => `data/${name}`);
  return [...SHARED_SOURCES, ...generatorModules, ...data].sort();
}

export function computeInputsHash(options: GeneratorOptions): string {
  const hash = createHash('sha256');
  for (const path of hashedFiles()) {
    hash.update(path + '\0');
    hash.update(readFileSync(join(REPOSITORY_ROOT, path)));
    hash.update('\0');
  }
  for (const name of PACKAGES) {
    let version = 'missing';
    try {
      version = (JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // A package that is not installed simply hashes as missing.
    }
    hash.update(`${name}@${version}\0`);
  }
  hash.update(JSON.stringify({ generator: GENERATOR_VERSION, seed: options.seed, subcompartments: options.subcompartments, corridorWidth: options.corridorWidth }));
  return hash.digest('hex');
}
