/**
 * All cores for `npm run stats` on large layers: a FlatGeobuf layer is split into ranges of about equal
 * bytes; the main thread measures the first range while worker_threads measure the others
 * (stats-worker.ts), each reading its own range of the file a batch at a time, and the parts are
 * added in feature order (computeOverlayStatisticsInParts), so the figures do not depend on the split.
 * YOUYANG_STATS_THREADS=n sets the number of ranges (1: no worker); YOUYANG_STATS_TIMINGS=1 prints
 * where each range's time went (stderr).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CanopySurvey } from '../lib/geo/forest-cover';
import type { LayerPart, PreparedZones } from '../lib/geo/overlay/engine';
import { OverlayInputError, type OverlayNote } from '../lib/geo/overlay/types';
import type { LocalizedText } from '../lib/i18n/locale';
import { measureFlatGeobufPart, type FlatPartJob, type FlatPartResult } from '../lib/statistics/flat-part';
import { FileRangeReader } from './file-range-reader';
import type { FlatLayerFile } from './read-flat-layer';

/** What a worker is sent: its range of the layer, and the file to read it from. */
export interface WorkerJob {
  readonly job: FlatPartJob;
  readonly path: string;
}

/**
 * Fewer features than this per range do not repay a worker's start and its code warming up (on the
 * 2-core machine of docs/benchmarks.md: 20k polygons as fast on one thread as on two, 200k 21 % faster on two).
 */
const MIN_FEATURES_PER_RANGE = 50_000;

type WorkerReply = { result: FlatPartResult } | { error: { input: { messages: LocalizedText; notes: OverlayNote[] } | null; message: string } };

/** How many ranges to cut a layer of `features` features into. */
export function rangeCount(features: number): number {
  const requested = Number(process.env.YOUYANG_STATS_THREADS);
  // Asked for explicitly (tests, benchmarks): as many ranges as asked, one feature each at least.
  if (Number.isInteger(requested) && requested > 0) return Math.max(1, Math.min(requested, features));
  return Math.max(1, Math.min(os.availableParallelism(), Math.floor(features / MIN_FEATURES_PER_RANGE)));
}

/** Feature ranges [from, to) holding about equal bytes (vertices), in order. */
export function splitByBytes(offsets: Float64Array, count: number): Array<[number, number]> {
  const features = offsets.length - 1;
  const first = offsets[0]!;
  const total = offsets[features]! - first;
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (let range = 1; range <= count; range++) {
    let to = features;
    if (range < count) {
      const target = first + (total * range) / count;
      to = from;
      while (to < features && offsets[to]! < target) to++;
    }
    if (to > from) ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

function startWorker(): Worker {
  // Compiled (*.js): the worker is the sibling file of this one. Run through tsx (*.ts): a worker
  // does not inherit tsx's loader, so it registers it before importing the TypeScript file.
  return import.meta.url.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./stats-worker.ts', import.meta.url).href)}); })`, { eval: true })
    : new Worker(new URL('./stats-worker.js', import.meta.url));
}

/** Workers started early (prestartWorkers), waiting for a range. */
const waiting: Worker[] = [];

/**
 * Starts `count` workers now, so that loading their code overlaps the main thread's reading of
 * the files; measureInPool takes them first. Unused ones are ended by endIdleWorkers.
 */
export function prestartWorkers(count: number): void {
  for (let index = 0; index < count; index++) waiting.push(startWorker());
}

/** Ends the workers nobody took (the layer turned out too small, or not flat-readable). */
export function endIdleWorkers(): void {
  for (const worker of waiting.splice(0)) void worker.terminate();
}

function runInWorker(message: WorkerJob): { promise: Promise<FlatPartResult>; worker: Worker } {
  const worker = waiting.shift() ?? startWorker();
  const promise = new Promise<FlatPartResult>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => {
      if ('result' in reply) resolve(reply.result);
      else if (reply.error.input) reject(new OverlayInputError(reply.error.input.messages, reply.error.input.notes));
      else reject(new Error(reply.error.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`statistics worker stopped (exit ${code})`)));
  });
  worker.postMessage(message);
  return { promise, worker };
}

/**
 * Measures one FlatGeobuf layer in parts; null when some range is not plain polygons (the caller
 * then reads the file the GeoJSON way).
 */
export async function measureInPool(
  base: Omit<FlatPartJob, 'bytes' | 'scan' | 'crs' | 'from' | 'to' | 'inPlace'>,
  layer: FlatLayerFile,
  zones: PreparedZones,
): Promise<{ parts: LayerPart[]; surveys: Array<CanopySurvey | null> } | null> {
  const features = layer.scan.offsets.length - 1;
  const ranges = splitByBytes(layer.scan.offsets, rangeCount(features));
  const job = (from: number, to: number): FlatPartJob => ({ ...base, scan: layer.scan, crs: layer.crs, from, to });
  // Workers first, so that they start while this thread measures the first range.
  const running = ranges.slice(1).map(([from, to]) => runInWorker({ job: job(from, to), path: layer.path }));
  endIdleWorkers();
  try {
    const [from, to] = ranges[0]!;
    const started = performance.now();
    const reader = new FileRangeReader(layer.path);
    let first: FlatPartResult;
    try {
      first = measureFlatGeobufPart(job(from, to), zones, reader.read);
    } finally {
      reader.close();
    }
    const results = [first, ...(await Promise.all(running.map((entry) => entry.promise)))];
    if (process.env.YOUYANG_STATS_TIMINGS === '1') {
      results.forEach((result, range) => {
        const [first, last] = ranges[range]!;
        const where = range === 0 ? 'main thread' : `worker ${range}`;
        process.stderr.write(`timings: ${where}, features ${first}–${last - 1}: read + decode ${result.timings.decode.toFixed(0)} ms, validate + measure ${result.timings.measure.toFixed(0)} ms\n`);
      });
      process.stderr.write(`timings: pool ${(performance.now() - started).toFixed(0)} ms from the first range to the last part back\n`);
    }
    if (results.some((result) => result.parts === null)) return null;
    return { parts: results.flatMap((result) => result.parts!), surveys: results.map((result) => result.survey) };
  } finally {
    for (const { worker, promise } of running) {
      promise.catch(() => undefined);
      void worker.terminate();
    }
  }
}
