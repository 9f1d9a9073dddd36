/**
 * All cores for `npm run stats` on large layers: a FlatGeobuf layer is cut into batches of about
 * equal bytes; the main thread and worker_threads (stats-worker.ts) each claim the next free batch,
 * read it from the file and measure it, and the parts are added in feature order
 * (computeOverlayStatisticsInParts), so the figures do not depend on which thread measured what.
 * YOUYANG_STATS_THREADS=n sets the number of threads (1: no worker); YOUYANG_STATS_TIMINGS=1 prints
 * where each thread's time went (stderr).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CanopySurvey } from '../lib/geo/forest-cover';
import type { LayerPart, PreparedZones } from '../lib/geo/overlay/engine';
import { OverlayInputError, type OverlayNote } from '../lib/geo/overlay/types';
import type { LocalizedText } from '../lib/i18n/locale';
import { batchBoundaries, claimShared, measureFlatGeobufPart, type FlatPartJob, type FlatPartResult } from '../lib/statistics/flat-part';
import { FileRangeReader } from './file-range-reader';
import type { FlatLayerFile } from './read-flat-layer';

/** What a worker is sent: the layer's job, the file to read from, and the batches it shares with the other threads. */
export interface WorkerJob {
  readonly job: FlatPartJob;
  readonly path: string;
  readonly boundaries: Uint32Array;
  /** The next batch to claim (a SharedArrayBuffer: every thread sees it). */
  readonly counter: Int32Array;
}

/**
 * Fewer bytes of features than this per thread do not repay a worker's start and its code warming
 * up: on the 2-core machine of docs/benchmarks.md the 20k layer (21 MB) took as long on two threads
 * as on one, each thread running at about half speed while both did. Threads share the batches
 * (claimShared), so a worker that starts late only takes fewer of them.
 */
const MIN_BYTES_PER_THREAD = 64 << 20;

type WorkerReply = { result: FlatPartResult } | { error: { input: { messages: LocalizedText; notes: OverlayNote[] } | null; message: string } };

/** How many threads measure a layer whose features take `bytes` bytes (the file's size will do). */
export function threadCount(bytes: number): number {
  const requested = Number(process.env.YOUYANG_STATS_THREADS);
  // Asked for explicitly (tests, benchmarks): as many as asked.
  if (Number.isInteger(requested) && requested > 0) return requested;
  return Math.max(1, Math.min(os.availableParallelism(), Math.floor(bytes / MIN_BYTES_PER_THREAD)));
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
 * Measures one FlatGeobuf layer in parts on all threads; null when some batch is not plain
 * polygons (the caller then reads the file the GeoJSON way).
 */
export async function measureInPool(
  base: Omit<FlatPartJob, 'bytes' | 'scan' | 'crs' | 'from' | 'to' | 'inPlace'>,
  layer: FlatLayerFile,
  zones: PreparedZones,
): Promise<{ parts: LayerPart[]; surveys: Array<CanopySurvey | null> } | null> {
  const offsets = layer.scan.offsets;
  const features = offsets.length - 1;
  const threads = threadCount(offsets[features]! - offsets[0]!);
  const job: FlatPartJob = { ...base, scan: layer.scan, crs: layer.crs, from: 0, to: features };
  const boundaries = batchBoundaries(layer.scan.offsets, 0, features);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  // Workers first, so that they start while this thread measures.
  const running = Array.from({ length: threads - 1 }, () => runInWorker({ job, path: layer.path, boundaries, counter }));
  endIdleWorkers();
  try {
    const started = performance.now();
    const reader = new FileRangeReader(layer.path);
    let own: FlatPartResult;
    try {
      own = measureFlatGeobufPart(job, zones, reader.read, claimShared(boundaries, counter));
    } finally {
      reader.close();
    }
    const results = [own, ...(await Promise.all(running.map((entry) => entry.promise)))];
    if (process.env.YOUYANG_STATS_TIMINGS === '1') {
      results.forEach((result, thread) => {
        const where = thread === 0 ? 'main thread' : `worker ${thread}`;
        const measured = result.parts === null ? 'stopped' : `${result.parts.length} of ${boundaries.length - 1} batches`;
        process.stderr.write(`timings: ${where}, ${measured}: read + decode ${result.timings.decode.toFixed(0)} ms, validate + measure ${result.timings.measure.toFixed(0)} ms\n`);
      });
      process.stderr.write(`timings: pool ${(performance.now() - started).toFixed(0)} ms from the first batch to the last part back\n`);
    }
    if (results.some((result) => result.parts === null)) return null;
    // In feature order, whichever thread measured each batch: the sums are added as on one thread.
    const parts = results.flatMap((result) => result.parts!.map((part, index) => ({ start: result.partStarts[index]!, part }))).sort((a, b) => a.start - b.start);
    return { parts: parts.map(({ part }) => part), surveys: results.map((result) => result.survey) };
  } finally {
    for (const { worker, promise } of running) {
      promise.catch(() => undefined);
      void worker.terminate();
    }
  }
}
