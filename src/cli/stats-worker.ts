/**
 * A worker of the statistics pool (stats-pool.ts): measures one range of a FlatGeobuf layer with
 * the same lib code as the app (lib/statistics/flat-part.ts) and posts the part back, its typed
 * arrays moved, not copied. A thrown input error crosses with its zh/en messages and notes.
 */
import { parentPort } from 'node:worker_threads';
import { measureFlatGeobufPart, type FlatPartJob } from '../lib/statistics/flat-part';
import { OverlayInputError } from '../lib/geo/overlay/types';

parentPort?.on('message', (job: FlatPartJob) => {
  try {
    const result = measureFlatGeobufPart(job);
    const sums = result.part?.sums;
    const buffers = sums ? [sums.area, sums.count, sums.forestArea, ...sums.categories.flatMap(([, area, count]) => [area, count])].map((array) => array.buffer as ArrayBuffer) : [];
    parentPort!.postMessage({ result }, buffers);
  } catch (error) {
    const input = error instanceof OverlayInputError ? { messages: error.messages, notes: error.notes } : null;
    parentPort!.postMessage({ error: { input, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } });
  }
});
