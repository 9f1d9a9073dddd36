/**
 * Overlay statistics benchmark (not a test): township statistics on the sample county and on
 * larger generated inventories, in Node and in a worker thread, against the naive Turf approach.
 * Prints one markdown section ("## Overlay statistics") to stdout; progress goes to stderr.
 *
 *   npx tsx scripts/bench/overlay.bench.ts
 *
 * Each measurement runs in its own child process so its peak RSS is its own. Datasets under
 * bench-output/ (git-ignored) are generated with `npm run data` only when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import area from '@turf/area';
import { featureCollection } from '@turf/helpers';
import intersect from '@turf/intersect';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { statisticsCategoryField } from '../../src/lib/layers/derived';
import { computeOverlayStatistics } from '../../src/lib/geo/overlay/engine';
import { runStatisticsJob, type StatisticsRequest } from '../../src/lib/statistics/job';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { LAYERS, type LayerId } from '../../src/lib/layers/catalog';

const SELF = fileURLToPath(import.meta.url);
const POLYGON_LAYERS: LayerId[] = ['subcompartments', 'reserveForest', 'pineRetrofit', 'afforestation2023', 'corridors', 'fireZones', 'nanmuGroves', 'nanmuProtection'];
type Scenario = 'all' | 'subcompartments';
type Mode = 'node' | 'worker';

interface Measurement {
  readonly features: number;
  readonly subcompartments: number;
  readonly readMs: number[];
  readonly computeMs: number[];
  readonly decodeMs: number[];
  readonly peakRssMiB: number;
}

const fileOf = (id: LayerId) => LAYERS.find((layer) => layer.id === id)!.file;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(2);
const log = (message: string) => process.stderr.write(`[overlay.bench] ${message}\n`);

function layersFor(scenario: Scenario): LayerId[] {
  return scenario === 'all' ? POLYGON_LAYERS : ['subcompartments'];
}

async function readLayers(directory: string, ids: LayerId[]): Promise<{ zones: FeatureCollection; layers: Array<{ id: LayerId; features: FeatureCollection }> }> {
  const read = (id: LayerId) => readFlatGeobuf(new Uint8Array(readFileSync(join(directory, fileOf(id)))), fileOf(id));
  const zones = await read('townships');
  const layers = [];
  for (const id of ids) layers.push({ id, features: await read(id) });
  return { zones, layers };
}

/** Child process, Node mode: read (timed), then the engine `runs` times. */
async function measureNode(directory: string, scenario: Scenario, runs: number): Promise<Measurement> {
  const readMs: number[] = [];
  let data: Awaited<ReturnType<typeof readLayers>> | null = null;
  for (let run = 0; run < Math.min(runs, 2); run++) {
    // eslint-disable-next-line no-useless-assignment -- frees the previous read before timing the next
    data = null;
    const started = performance.now();
    data = await readLayers(directory, layersFor(scenario));
    readMs.push(performance.now() - started);
  }
  const computeMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await computeOverlayStatistics({
      zones: data!.zones,
      layers: data!.layers.map((layer) => ({ ...layer, ...(statisticsCategoryField(layer.id) ? { categoryField: statisticsCategoryField(layer.id)! } : {}) })),
    });
    computeMs.push(result.elapsedMilliseconds);
  }
  const features = data!.layers.reduce((sum, layer) => sum + layer.features.features.length, 0);
  return { features, subcompartments: data!.layers[0]!.features.features.length, readMs, computeMs, decodeMs: [], peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** Child process, worker mode: file bytes are read here and transferred to a worker thread that decodes and computes. */
async function measureWorker(directory: string, scenario: Scenario, runs: number): Promise<Measurement> {
  const started = performance.now();
  const bytes = (id: LayerId) => new Uint8Array(readFileSync(join(directory, fileOf(id))));
  const request: StatisticsRequest = {
    zones: bytes('townships'),
    layers: layersFor(scenario).map((id) => ({ id, source: bytes(id), ...(statisticsCategoryField(id) ? { categoryField: statisticsCategoryField(id)! } : {}) })),
  };
  const readMs = [performance.now() - started];
  // tsx's loader is per thread: register it in the worker, then load this file there.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(SELF).href)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { runs } });
  const reply = new Promise<{ decodeMs: number[]; computeMs: number[]; features: number; subcompartments: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const buffers = [request.zones, ...request.layers.map((layer) => layer.source)].map((source) => (source as Uint8Array).buffer as ArrayBuffer);
  worker.postMessage(request, buffers);
  const result = await reply;
  await worker.terminate();
  return { ...result, readMs, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** Worker thread body: the same job the browser worker runs. */
function workerMain(): void {
  parentPort!.once('message', async (request: StatisticsRequest) => {
    const decodeMs: number[] = [];
    const computeMs: number[] = [];
    let features = 0;
    let subcompartments = 0;
    for (let run = 0; run < (workerData as { runs: number }).runs; run++) {
      const result = await runStatisticsJob(request);
      decodeMs.push(result.timings.decodeMilliseconds);
      computeMs.push(result.timings.computeMilliseconds);
      features = result.overlay.layers.reduce((sum, layer) => sum + layer.featureCount, 0);
      subcompartments = result.overlay.layers[0]!.featureCount;
    }
    parentPort!.postMessage({ decodeMs, computeMs, features, subcompartments });
  });
}

function runChild(directory: string, scenario: Scenario, mode: Mode, runs: number): Measurement {
  const output = execFileSync('npx', ['tsx', SELF, '--child', directory, scenario, mode, String(runs)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measurement;
}

/** Naive Turf: every sampled feature against every zone (turf.intersect + turf.area), timed and extrapolated. */
async function measureTurf(directory: string, perLayer: number): Promise<{ perLayer: Array<{ id: LayerId; count: number; sampled: number; ms: number }>; pairs: number }> {
  const { zones, layers } = await readLayers(directory, POLYGON_LAYERS);
  const zoneFeatures = zones.features as Feature<Polygon | MultiPolygon>[];
  const rows = [];
  let pairs = 0;
  for (const layer of layers) {
    const all = layer.features.features as Feature<Polygon | MultiPolygon>[];
    const step = Math.max(1, Math.floor(all.length / perLayer));
    const sample = all.filter((_, index) => index % step === 0).slice(0, perLayer);
    const started = performance.now();
    let sum = 0;
    for (const feature of sample) {
      for (const zone of zoneFeatures) {
        const piece = intersect(featureCollection([feature, zone]));
        if (piece) sum += area(piece);
        pairs++;
      }
    }
    const elapsed = performance.now() - started;
    if (sum < 0) log('impossible');
    rows.push({ id: layer.id, count: all.length, sampled: sample.length, ms: (elapsed / sample.length) * all.length });
  }
  return { perLayer: rows, pairs };
}

function ensureDataset(directory: string, subcompartments: number | null): void {
  if (existsSync(join(directory, 'catalog.json'))) return;
  log(`generating ${directory} …`);
  const args = subcompartments === null ? ['run', 'data'] : ['run', 'data', '--', '--subcompartments', String(subcompartments), '--out', directory];
  execFileSync('npm', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main(): Promise<void> {
  const datasets = [
    { label: 'N = 20k (generated)', directory: 'bench-output/data-20k', size: 20000 as number | null, runs: 5 },
    { label: 'sample county', directory: 'public/data', size: null, runs: 5 },
    { label: 'N = 200k (generated)', directory: 'bench-output/data-200k', size: 200000, runs: 3 },
  ];
  const rows: string[] = [];
  for (const dataset of datasets) {
    ensureDataset(dataset.directory, dataset.size);
    for (const scenario of ['subcompartments', 'all'] as const) {
      for (const mode of ['node', 'worker'] as const) {
        log(`${dataset.label}: ${scenario} in ${mode} …`);
        const measurement = runChild(dataset.directory, scenario, mode, dataset.runs);
        const what = scenario === 'all' ? `townships × all 8 polygon layers (${measurement.features.toLocaleString('en')} features)` : `townships × sub-compartments (${measurement.subcompartments.toLocaleString('en')})`;
        const read = mode === 'node' ? `${seconds(median(measurement.readMs))} (FlatGeobuf → GeoJSON)` : `${seconds(median(measurement.readMs))} files + ${seconds(median(measurement.decodeMs))} decode in worker`;
        rows.push(`| ${dataset.label} | ${what} | ${mode === 'node' ? 'Node 20, main thread' : 'Node worker_threads (same job as the Web Worker)'} | **${seconds(median(measurement.computeMs))}** | ${read} | ${measurement.peakRssMiB.toFixed(0)} |`);
      }
    }
  }
  log('naive Turf sample …');
  const turf = await measureTurf('public/data', 40);
  const turfTotal = turf.perLayer.reduce((sum, row) => sum + row.ms, 0);
  const turfSub = turf.perLayer.find((row) => row.id === 'subcompartments')!;
  const subPerFeature = turfSub.ms / turfSub.count;

  const lines = [
    '## Overlay statistics',
    '',
    'Script: `scripts/bench/overlay.bench.ts`. Per-zone statistics (area of each layer in each township by exact clipping, feature counts, categories, forest coverage) computed by `src/lib/geo/overlay` — the code behind the statistics panel (Web Worker) and `npm run stats`. Medians of several runs; "compute" excludes reading the files, which is reported separately; peak RSS is that of the whole measuring process (reading included).',
    '',
    '| data | statistic | where | compute (s) | reading (s) | peak RSS (MiB) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Naive Turf (\`@turf/intersect\` + \`@turf/area\` for every feature × township pair, 39 townships, no index): timed on ${turf.perLayer.reduce((sum, row) => sum + row.sampled, 0)} features spread over the layers of the sample county (${turf.pairs.toLocaleString('en')} pairs) and extrapolated linearly to each layer's feature count: **${seconds(turfTotal)} s** for all layers of the sample county, ${seconds(subPerFeature * 20000)} s for 20,000 and ${seconds(subPerFeature * 200000)} s for 200,000 sub-compartments (${(subPerFeature).toFixed(1)} ms per sub-compartment). Turf's area is also spherical (+0.14 % here).`,
    '',
    'Reference figures quoted from issue 3 (same machine class, 2 cores): PostGIS 15 — 2.65 s at N = 20k and 17.4 s at N = 200k with geography areas, 15.5 s at 200k in a projected CRS, 9.7 s at 200k with an ST_Within shortcut; geopandas 0.12 (shapely 1.8) overlay + area — 6.4 s (20k) and 50.9 s (200k) after reading the files; naive per-pair Turf — 477 s at N = 20k. Compare them with the "townships × sub-compartments" rows.',
    '',
    'How the engine is fast: a Flatbush index of township boundary edges; a feature whose bounding box meets no boundary edge lies inside one township (point-in-polygon, cached per grid cell); one that touches a boundary is checked for real crossings (vertices on, or edges along, the shared border are not crossings) and, only if it really crosses, measured inside each zone by a boundary integral (Green’s theorem over its edge pieces inside the zone and the zone’s inside it, no clipped polygon built); areas come from an equal-area plane with a per-edge geodesic correction (≈1e-10 of GeographicLib). Validation of every feature (including self-intersection checks) is part of the compute time.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

if (!isMainThread) {
  workerMain();
} else if (process.argv[2] === '--child') {
  const [directory, scenario, mode, runs] = process.argv.slice(3) as [string, Scenario, Mode, string];
  const measure = mode === 'worker' ? measureWorker : measureNode;
  measure(directory, scenario, Number(runs)).then((result) => process.stdout.write(JSON.stringify(result) + '\n'));
} else {
  await main();
}
