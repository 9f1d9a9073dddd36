/**
 * Statistics on misaligned data (not a test): county outlines from one source × wiggly 40–80-vertex
 * forest cells from another (misaligned-fixture.ts), the engine of this tree against the previous
 * engine (polyclip-ts clipping), alternating in one process so both see the same machine load.
 * Prints one markdown section ("## Statistics on misaligned data") to stdout; progress to stderr.
 *
 *   npx tsx scripts/bench/misaligned.bench.ts [--sizes 20000,200000] [--runs 3] [--baseline 0311c53|none]
 *
 * The previous engine is the `src/` of the baseline commit, extracted with `git archive` into
 * bench-output/ (git-ignored); without git it is skipped and said so. Times are compute only
 * (validation included, reading the FlatGeobuf files excluded): wall time and the process's CPU
 * time, which a loaded machine distorts less. Every run's per-zone areas and counts are compared.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeOverlayStatistics } from '../../src/lib/geo/overlay/engine';
import { featureCountOf, type FlatFeatureLayer } from '../../src/lib/geo/overlay/flat-layer';
import { decodeFlatFeatures, scanFlatGeobuf } from '../../src/lib/io/flatgeobuf-flat';
import type { OverlayRequest, OverlayResult } from '../../src/lib/geo/overlay/types';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';

type Engine = (request: OverlayRequest) => Promise<OverlayResult>;

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const sizes = argument('sizes', '20000').split(',').map(Number);
const runs = Number(argument('runs', '3'));
const baseline = argument('baseline', '0311c53');
const log = (message: string) => process.stderr.write(`[misaligned.bench] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(2);
const cpuMilliseconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function previousEngine(): Promise<Engine | null> {
  if (baseline === 'none') return null;
  const directory = resolve(`bench-output/engine-${baseline}`);
  try {
    if (!existsSync(join(directory, 'src'))) {
      mkdirSync(directory, { recursive: true });
      execSync(`git archive ${baseline} src | tar -x -C ${JSON.stringify(directory)}`, { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const module = (await import(pathToFileURL(join(directory, 'src/lib/geo/overlay/engine.ts')).href)) as { computeOverlayStatistics: Engine };
    return module.computeOverlayStatistics;
  } catch (error) {
    log(`previous engine unavailable: ${String(error)}`);
    return null;
  }
}

function fixtureDirectory(size: number): string {
  const directory = `bench-output/misaligned-${Math.round(size / 1000)}k`;
  if (!existsSync(join(directory, 'polygons.fgb'))) {
    log(`generating ${directory} …`);
    execSync(`npx tsx scripts/bench/misaligned-fixture.ts --polygons ${size} --out ${directory}`, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return directory;
}

/** Largest relative per-zone area difference, and whether every count agrees. */
function compare(a: OverlayResult, b: OverlayResult): { worst: number; countsEqual: boolean } {
  let worst = 0;
  let countsEqual = true;
  a.zones.forEach((zone, index) => {
    const x = zone.layers.subcompartments!;
    const y = b.zones[index]!.layers.subcompartments!;
    worst = Math.max(worst, x.areaSquareMetres === 0 ? Math.abs(y.areaSquareMetres) : Math.abs(x.areaSquareMetres - y.areaSquareMetres) / x.areaSquareMetres);
    countsEqual &&= x.featureCount === y.featureCount;
  });
  return { worst, countsEqual };
}

/** Reading the polygons: the file's bytes, then into GeoJSON objects or into flat arrays (one thread). */
async function measureReading(path: string): Promise<{ file: number; geojson: number; flat: number; layer: FlatFeatureLayer }> {
  const times = { file: [] as number[], geojson: [] as number[], flat: [] as number[] };
  let layer: FlatFeatureLayer | null = null;
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    const bytes = new Uint8Array(readFileSync(path));
    times.file.push(performance.now() - started);
    started = performance.now();
    layer = decodeFlatFeatures(bytes, scanFlatGeobuf(bytes, path)!);
    times.flat.push(performance.now() - started);
    started = performance.now();
    await readFlatGeobuf(bytes, path);
    times.geojson.push(performance.now() - started);
  }
  return { file: median(times.file), geojson: median(times.geojson), flat: median(times.flat), layer: layer! };
}

async function main(): Promise<void> {
  const previous = await previousEngine();
  const rows: string[] = [];
  const readingRows: string[] = [];
  const load: number[] = [os.loadavg()[0]!];
  for (const size of sizes) {
    const directory = fixtureDirectory(size);
    const read = async (file: string) => readFlatGeobuf(new Uint8Array(readFileSync(join(directory, file))), file);
    // Reading first, while no GeoJSON copy of the layer fills the heap (its garbage collection would be timed too).
    const reading = await measureReading(join(directory, 'polygons.fgb'));
    const request: OverlayRequest = { zones: await read('zones.fgb'), layers: [{ id: 'subcompartments', features: await read('polygons.fgb'), categoryField: 'DI_LEI' }] };
    readingRows.push(`| ${featureCountOf(request.layers[0]!.features).toLocaleString('en')} | ${seconds(reading.file)} | ${seconds(reading.geojson)} | **${seconds(reading.flat)}** |`);
    const flatLayer = reading.layer;
    const onFlat: Engine = (input) => computeOverlayStatistics({ ...input, layers: input.layers.map((layer) => ({ ...layer, features: flatLayer })) });
    const engines: Array<[string, Engine]> = [
      ['this tree, GeoJSON layer', computeOverlayStatistics],
      ['this tree, flat layer (one thread)', onFlat],
      ...(previous ? [[`previous (${baseline}, polyclip-ts)`, previous] as [string, Engine]] : []),
    ];
    const wall = engines.map(() => [] as number[]);
    const cpu = engines.map(() => [] as number[]);
    const results: OverlayResult[] = [];
    let agreement = { worst: 0, countsEqual: true };
    for (let run = 0; run < runs; run++) {
      for (const [position, [name, engine]] of engines.entries()) {
        log(`${size}: ${name}, run ${run + 1}/${runs} (load ${os.loadavg()[0]!.toFixed(1)})`);
        const cpuBefore = cpuMilliseconds();
        const wallBefore = performance.now();
        const result = await engine(request);
        wall[position]!.push(performance.now() - wallBefore);
        cpu[position]!.push(cpuMilliseconds() - cpuBefore);
        results[position] = result;
        load.push(os.loadavg()[0]!);
      }
      for (const other of results.slice(1)) {
        const { worst, countsEqual } = compare(other, results[0]!);
        agreement = { worst: Math.max(agreement.worst, worst), countsEqual: agreement.countsEqual && countsEqual };
      }
    }
    const path = results[0]!.layers[0]!.path;
    const polygons = featureCountOf(request.layers[0]!.features);
    for (const [position, [name]] of engines.entries()) {
      rows.push(
        `| ${polygons.toLocaleString('en')} | ${name} | **${seconds(median(wall[position]!))}** (${wall[position]!.map(seconds).join(', ')}) | ${seconds(median(cpu[position]!))} | ${position === 0 ? `${path.interior} / ${path.touching} / ${path.clipped}` : ''} |`,
      );
    }
    if (engines.length === 3) {
      rows.push(`| | speed-up of the flat layer over the previous engine (median wall; CPU) | **${(median(wall[2]!) / median(wall[1]!)).toFixed(1)}×**; ${(median(cpu[2]!) / median(cpu[1]!)).toFixed(1)}× | | |`);
    }
    rows.push(`| | | | | per-zone areas agree to ${agreement.worst.toExponential(1)}, counts ${agreement.countsEqual ? 'equal' : 'DIFFER'} |`);
  }
  const lines = [
    '## Statistics on misaligned data',
    '',
    'Script: `scripts/bench/misaligned.bench.ts`, fixture `scripts/bench/misaligned-fixture.ts` (seed 1): the 10 county outlines of `data/` (Youyang and neighbours, overlapping) as zones; forest cells with 40–80 vertices (60 on average) and wiggly shared edges spread over Youyang\'s bounding box, so every cell on a county border crosses it. Compute only (validation included, reading excluded), medians of the runs listed, the engines alternating in one process: this tree on the layer as GeoJSON and as flat arrays (one thread, no worker pool), and the previous engine.',
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; 1-minute load average during the runs ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}.`,
    '',
    '| polygons | engine | compute wall (s) (runs) | CPU (s) | interior / touching / clipped |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Reading the polygon file into the engine (medians; one thread): the bytes from disk, then decoded into GeoJSON objects (`readFlatGeobuf`, the previous way) or straight into flat typed arrays (`decodeFlatFeatures`, what the CLI\'s workers do, each on its share).',
    '',
    '| polygons | file read (s) | into GeoJSON (s) | into flat arrays (s) |',
    '|---|---|---|---|',
    ...readingRows,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

await main();
