/**
 * Township statistics off the main thread (src/lib/statistics/job.ts). Cancelling terminates the
 * worker. The request arrived by structured clone or transfer, so its bytes are the worker's own:
 * FlatGeobuf layers may be decoded in place.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { runStatisticsJob, type StatisticsRequest } from '../lib/statistics/job';
import type { OverlayProgress } from '../lib/geo/overlay/types';
import { exposeApi } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = {
  runStatisticsJob: (request: StatisticsRequest, onProgress?: (progress: OverlayProgress) => void) =>
    runStatisticsJob(request, onProgress ? { onProgress } : {}, { owned: true }),
};

export type StatisticsWorkerApi = typeof api;
exposeApi(api);
