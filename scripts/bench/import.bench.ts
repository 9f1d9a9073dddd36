/**
 * Import benchmark (`npx tsx scripts/bench/import.bench.ts`): time and peak memory of an import
 * of 20,000 and 200,000 forest sub-compartment polygons, as GeoJSON and as a zipped Shapefile
 * (EPSG:4545 Gauss–Krüger with UTF-8 attributes, so reprojection is included) — what the import
 * worker runs (importInPieces: compact chunks handed over as they are made, their buffers
 * transferred as postMessage would) and importFiles (the whole layer as GeoJSON, as the CLI
 * reads it). Each import runs in its own Node process so its peak RSS is its own. Prints one
 * markdown section to stdout. Input files: see import-inputs.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { importFiles } from '../../src/lib/io/import-files';
import { importInPieces } from '../../src/lib/io/import-in-pieces';
import { benchInputs } from './import-inputs';

const SIZES = [20_000, 200_000];

type Mode = 'worker' | 'geojson';

interface Measurement {
  readonly seconds: number;
  /** CPU time of the process (user + system): comparable on a shared machine, unlike wall time. */
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  /** Worker mode: bytes of the compact chunks handed to the page. */
  readonly handedMiB: number;
  readonly layers: number;
  readonly features: number;
  readonly crs: string;
  readonly errors: number;
}

/** Child mode: import one file and print the measurement as JSON. */
async function child(path: string, mode: Mode): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const file = readFileSync(path);
  // One copy of the file, as File.arrayBuffer() gives the worker.
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const name = path.split('/').pop()!;
  let handed = 0;
  let summary: { layers: number; features: number; crs: string; errors: number };
  if (mode === 'worker') {
    const layers: { featureCount: number; crs: { code: string | null } }[] = [];
    const outcome = await importInPieces([{ name, bytes }], {}, {
      progress: () => {},
      features: (_key, chunk) => {
        handed += chunk.structure.byteLength + chunk.coordinates.byteLength + chunk.properties.length * 2;
        // What postMessage does with the chunk: buffers moved, the attribute text copied.
        structuredClone(chunk, { transfer: [chunk.structure.buffer as ArrayBuffer, chunk.coordinates.buffer as ArrayBuffer] });
      },
      layer: (_key, layer) => void layers.push(layer),
    });
    const errors = 'failed' in outcome ? 1 : outcome.errors.length;
    summary = { layers: layers.length, features: layers.reduce((sum, layer) => sum + layer.featureCount, 0), crs: layers[0]?.crs.code ?? '—', errors };
  } else {
    const result = await importFiles([{ name, bytes }]);
    summary = { layers: result.layers.length, features: result.layers.reduce((sum, layer) => sum + layer.featureCount, 0), crs: result.layers[0]?.crs.code ?? '—', errors: result.errors.length };
  }
  const used = process.cpuUsage(cpu);
  const measurement: Measurement = {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    handedMiB: handed / 2 ** 20,
    ...summary,
  };
  process.stdout.write(JSON.stringify(measurement));
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function measure(path: string, mode: Mode): Measurement {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/import.bench.ts', '--child', path, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as Measurement;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const sources = new Set<string>();
  // IMPORT_BENCH_REUSE=1 keeps input files already written (they take a while at 200,000).
  const rewrite = process.env.IMPORT_BENCH_REUSE !== '1';
  for (const size of SIZES) {
    // Written afresh by default, so this benchmark measures the current writers' output.
    const { geojson: geojsonPath, shapefile: shapefilePath, source } = await benchInputs(size, rewrite);
    sources.add(source);
    for (const [format, path] of [['GeoJSON', geojsonPath], ['Shapefile (zip, EPSG:4545)', shapefilePath]] as const) {
      console.error(`  importing ${path}`);
      const worker = measure(path, 'worker');
      const whole = measure(path, 'geojson');
      rows.push(
        `| ${size.toLocaleString('en')} | ${format} | ${mib(statSync(path).size)} MiB | ${worker.seconds.toFixed(1)} s | ${worker.cpuSeconds.toFixed(1)} s | ${worker.peakRssMiB.toFixed(0)} MiB | ${worker.handedMiB.toFixed(0)} MiB | ${whole.cpuSeconds.toFixed(1)} s | ${whole.peakRssMiB.toFixed(0)} MiB | ${worker.features.toLocaleString('en')} | ${worker.crs} | ${worker.errors} |`,
      );
    }
  }
  const lines = [
    '## Import',
    '',
    'Produced by `scripts/bench/import.bench.ts` on forest sub-compartment polygons — read, parse, detect encoding and CRS, ' +
      'reproject to WGS84, validate every polygon (including edge intersections) and summarise fields. One Node process per ' +
      'import; peak RSS is that process’s maximum resident set (Node itself ≈ 50 MiB; the file is read into one buffer, as ' +
      '`File.arrayBuffer()` gives the worker). “Worker” is what the app’s import worker runs (`importInPieces`): a GeoJSON ' +
      'FeatureCollection is indexed over its bytes and parsed feature by feature, a shapefile read a batch of records at a ' +
      'time, and each batch of 5,000 is checked, reprojected, validated and encoded into a compact chunk (Float64 ' +
      'coordinates + JSON attributes) that goes to the page at once, its buffers transferred (here: `structuredClone` with ' +
      'transfer); “handed over” is the chunks’ size. “importFiles” keeps the whole layer as GeoJSON, as the CLI reads it. ' +
      'CPU time (user + system, GC threads included) rather than wall time compares runs on a shared machine.',
    '',
    `Source polygons: ${[...sources].join('; ')}.`,
    '',
    '| polygons | format | file size | worker: wall | worker: CPU | worker: peak RSS | handed over | importFiles: CPU | importFiles: peak RSS | features read | CRS found | errors |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...rows,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) await child(process.argv[childIndex + 1]!, process.argv[childIndex + 2] === 'geojson' ? 'geojson' : 'worker');
else await main();
