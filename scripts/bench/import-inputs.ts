/**
 * Input files of the import benchmarks (Node and browser): forest sub-compartment polygons as
 * GeoJSON (WGS84) and as a zipped Shapefile in EPSG:4545 with UTF-8 attributes, written to
 * bench-output/import once and reused.
 *
 * Source polygons: bench-output/data-200k/subcompartments.fgb when present (make it with
 * `npm run data -- --subcompartments 200000 --out bench-output/data-200k`), else the app's
 * public/data/subcompartments.fgb, repeated with a small eastward shift until there are enough.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { writeGeoJson } from '../../src/lib/io/write-geojson';
import { writeShapefile } from '../../src/lib/io/write-shapefile';
import { mapGeoJsonPositions } from '../../src/lib/geo/crs';

export const IMPORT_BENCH_DIR = 'bench-output/import';
const SOURCES = ['bench-output/data-200k/subcompartments.fgb', 'public/data/subcompartments.fgb'];

export interface BenchInputs {
  readonly size: number;
  readonly geojson: string;
  readonly shapefile: string;
  /** Where the polygons came from. */
  readonly source: string;
}

async function sourceFeatures(count: number): Promise<{ features: Feature[]; source: string }> {
  const path = SOURCES.find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`no source polygons: run \`npm run data\` first (looked for ${SOURCES.join(', ')})`);
  const base = (await readFlatGeobuf(new Uint8Array(readFileSync(path)), path)).features;
  const features: Feature[] = [];
  for (let copy = 0; features.length < count; copy++) {
    const shift = copy * 0.002; // ~200 m east per copy: distinct but still in the county's range
    const shifted = copy === 0 ? base : mapGeoJsonPositions({ type: 'FeatureCollection', features: base } as FeatureCollection, (p) => [p[0]! + shift, p[1]!]).features;
    for (const feature of shifted.slice(0, count - features.length)) features.push(feature);
  }
  return { features, source: base.length >= count ? path : `${path} (${base.length} polygons, repeated)` };
}

/** The GeoJSON and zipped Shapefile of `size` polygons; written when missing (or when `rewrite`). */
export async function benchInputs(size: number, rewrite = false): Promise<BenchInputs> {
  mkdirSync(IMPORT_BENCH_DIR, { recursive: true });
  const geojson = join(IMPORT_BENCH_DIR, `subcompartments-${size}.geojson`);
  const shapefile = join(IMPORT_BENCH_DIR, `subcompartments-${size}-4545.zip`);
  const sourceNote = join(IMPORT_BENCH_DIR, `subcompartments-${size}.source.txt`);
  if (!rewrite && existsSync(geojson) && existsSync(shapefile) && existsSync(sourceNote)) {
    return { size, geojson, shapefile, source: readFileSync(sourceNote, 'utf8') };
  }
  const { features, source } = await sourceFeatures(size);
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  writeFileSync(geojson, writeGeoJson(collection, { precision: 7 }));
  writeFileSync(shapefile, writeShapefile(collection, { name: 'subcompartments', crs: 'EPSG:4545' }).zip);
  writeFileSync(sourceNote, source);
  return { size, geojson, shapefile, source };
}
