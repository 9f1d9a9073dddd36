/**
 * Import benchmark (`npx tsx scripts/bench/import.bench.ts`): time and peak memory of importFiles
 * for 20,000 and 200,000 forest sub-compartment polygons, as GeoJSON and as a zipped Shapefile
 * (EPSG:4545 Gauss–Krüger with UTF-8 attributes, so reprojection is included). Each import runs
 * in its own Node process so its peak RSS is its own. Prints one markdown section to stdout.
 * Input files: see import-inputs.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { importFiles } from '../../src/lib/io/import-files';
import { benchInputs } from './import-inputs';

const SIZES = [20_000, 200_000];

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

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const sources = new Set<string>();
  for (const size of SIZES) {
    // Written afresh, so this benchmark measures the current writers' output.
    const { geojson: geojsonPath, shapefile: shapefilePath, source } = await benchInputs(size, true);
    sources.add(source);
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
