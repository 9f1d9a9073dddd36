/**
 * A worker of the statistics pool (stats-pool.ts): reads and measures the batches of a FlatGeobuf
 * layer it claims, with the same lib code as the app (lib/statistics/flat-part.ts) and posts the parts back,
 * their typed arrays moved, not copied. A thrown input error crosses with its zh/en messages and notes.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { parentPort } from 'node:worker_threads';
import { claimShared, measureFlatGeobufPart } from '../lib/statistics/flat-part';
import { OverlayInputError } from '../lib/geo/overlay/types';
import { FileRangeReader } from './file-range-reader';
import type { WorkerJob } from './stats-pool';

parentPort?.on('message', ({ job, path, boundaries, counter }: WorkerJob) => {
  try {
    const reader = new FileRangeReader(path);
    let result;
    try {
      result = measureFlatGeobufPart(job, undefined, reader.read, claimShared(boundaries, counter));
    } finally {
      reader.close();
    }
    const buffers = (result.parts ?? []).flatMap(({ sums }) => [sums.area, sums.count, sums.forestArea, ...sums.categories.flatMap(([, area, count]) => [area, count])]).map((array) => array.buffer as ArrayBuffer);
    parentPort!.postMessage({ result }, buffers);
  } catch (error) {
    const input = error instanceof OverlayInputError ? { messages: error.messages, notes: error.notes } : null;
    parentPort!.postMessage({ error: { input, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } });
  }
});
