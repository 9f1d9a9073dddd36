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
import { featureCountOf } from '../../src/lib/geo/overlay/flat-layer';
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

async function main(): Promise<void> {
  const previous = await previousEngine();
  const rows: string[] = [];
  const load: number[] = [os.loadavg()[0]!];
  for (const size of sizes) {
    const directory = fixtureDirectory(size);
    const read = async (file: string) => readFlatGeobuf(new Uint8Array(readFileSync(join(directory, file))), file);
    const request: OverlayRequest = { zones: await read('zones.fgb'), layers: [{ id: 'subcompartments', features: await read('polygons.fgb'), categoryField: 'DI_LEI' }] };
    const engines: Array<[string, Engine]> = [['this tree', computeOverlayStatistics], ...(previous ? [[`previous (${baseline}, polyclip-ts)`, previous] as [string, Engine]] : [])];
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
      if (results.length === 2) {
        const { worst, countsEqual } = compare(results[1]!, results[0]!);
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
    if (engines.length === 2) {
      rows.push(`| | speed-up (median wall; CPU) | **${(median(wall[1]!) / median(wall[0]!)).toFixed(1)}×**; ${(median(cpu[1]!) / median(cpu[0]!)).toFixed(1)}× | | per-zone areas agree to ${agreement.worst.toExponential(1)}, counts ${agreement.countsEqual ? 'equal' : 'DIFFER'} |`);
    }
  }
  const lines = [
    '## Statistics on misaligned data',
    '',
    'Script: `scripts/bench/misaligned.bench.ts`, fixture `scripts/bench/misaligned-fixture.ts` (seed 1): the 10 county outlines of `data/` (Youyang and neighbours, overlapping) as zones; forest cells with 40–80 vertices (60 on average) and wiggly shared edges spread over Youyang\'s bounding box, so every cell on a county border crosses it. Compute only (validation included, reading excluded), medians of the runs listed, the two engines alternating in one process.',
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; 1-minute load average during the runs ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}.`,
    '',
    '| polygons | engine | compute wall (s) (runs) | CPU (s) | interior / touching / clipped |',
    '|---|---|---|---|---|',
    ...rows,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

await main();
