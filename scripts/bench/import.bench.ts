/**
 * Import benchmark (`npx tsx scripts/bench/import.bench.ts`): time and peak memory of importFiles
 * for 20,000 and 200,000 forest sub-compartment polygons, as GeoJSON and as a zipped Shapefile
 * (EPSG:4545 Gauss–Krüger with UTF-8 attributes, so reprojection is included). Each import runs
 * in its own Node process so its peak RSS is its own. Prints one markdown section to stdout.
 *
 * Source polygons: bench-output/data-200k/subcompartments.fgb when present (make it with
 * `npm run data -- --subcompartments 200000 --out bench-output/data-200k`), else the app's
 * public/data/subcompartments.fgb, repeated with a small eastward shift until there are enough.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { importFiles } from '../../src/lib/io/import-files';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { writeGeoJson } from '../../src/lib/io/write-geojson';
import { writeShapefile } from '../../src/lib/io/write-shapefile';
import { mapGeoJsonPositions } from '../../src/lib/geo/crs';

const OUT = 'bench-output/import';
const SIZES = [20_000, 200_000];
const SOURCES = ['bench-output/data-200k/subcompartments.fgb', 'public/data/subcompartments.fgb'];

interface Measurement {
  readonly seconds: number;
  /** structuredClone of the result: what posting it from the worker to the page costs. */
  readonly cloneSeconds: number;
  readonly peakRssMiB: number;
  readonly layers: number;
  readonly features: number;
  readonly crs: string;
  readonly errors: number;
}

/** Child mode: import one file and print the measurement as JSON. */
async function child(path: string): Promise<void> {
  const started = performance.now();
  const bytes = new Uint8Array(readFileSync(path));
  const result = await importFiles([{ name: path.split('/').pop()!, bytes }]);
  const seconds = (performance.now() - started) / 1000;
  const cloneStarted = performance.now();
  structuredClone(result);
  const cloneSeconds = (performance.now() - cloneStarted) / 1000;
  const measurement: Measurement = {
    seconds,
    cloneSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    layers: result.layers.length,
    features: result.layers.reduce((sum, layer) => sum + layer.featureCount, 0),
    crs: result.layers[0]?.crs.code ?? '—',
    errors: result.errors.length,
  };
  process.stdout.write(JSON.stringify(measurement));
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

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const rows: string[] = [];
  const sources = new Set<string>();
  for (const size of SIZES) {
    const { features, source } = await sourceFeatures(size);
    sources.add(source);
    const collection: FeatureCollection = { type: 'FeatureCollection', features };
    const geojsonPath = join(OUT, `subcompartments-${size}.geojson`);
    const shapefilePath = join(OUT, `subcompartments-${size}-4545.zip`);
    writeFileSync(geojsonPath, writeGeoJson(collection, { precision: 7 }));
    writeFileSync(shapefilePath, writeShapefile(collection, { name: 'subcompartments', crs: 'EPSG:4545' }).zip);
    for (const [format, path] of [['GeoJSON', geojsonPath], ['Shapefile (zip, EPSG:4545)', shapefilePath]] as const) {
      console.error(`  importing ${path}`);
      const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/import.bench.ts', '--child', path], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const m = JSON.parse(output) as Measurement;
      rows.push(
        `| ${size.toLocaleString('en')} | ${format} | ${mib(statSync(path).size)} MiB | ${m.seconds.toFixed(1)} s | ${m.cloneSeconds.toFixed(2)} s | ${m.peakRssMiB.toFixed(0)} MiB | ${m.features.toLocaleString('en')} | ${m.crs} | ${m.errors} |`,
      );
    }
  }
  const lines = [
    '## Import',
    '',
    'Produced by `scripts/bench/import.bench.ts`: `importFiles` (src/lib/io) on forest sub-compartment polygons — read, ' +
      'parse, detect encoding and CRS, reproject to WGS84, validate every polygon (including edge intersections) and ' +
      'summarise fields. One Node process per import; peak RSS is that process’s maximum resident set (Node itself ≈ 50 MiB). ' +
      'In the app the same code runs in a Web Worker, so the page stays responsive while it runs. “Result clone” is ' +
      '`structuredClone` of the whole result, about what handing it to the page costs; the worker sends it in ' +
      '5,000-feature messages, so the page spends that time in short steps (about 1/40 of it each for 200,000 polygons).',
    '',
    `Source polygons: ${[...sources].join('; ')}.`,
    '',
    '| polygons | format | file size | import time | result clone | peak RSS | features read | CRS found | errors |',
    '|---:|---|---:|---:|---:|---:|---:|---|---:|',
    ...rows,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) await child(process.argv[childIndex + 1]!);
else await main();
