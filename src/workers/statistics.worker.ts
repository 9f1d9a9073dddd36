/**
 * Township statistics off the main thread (src/lib/statistics/job.ts). Cancelling terminates the
 * worker.
 */
import { runStatisticsJob, type StatisticsRequest } from '../lib/statistics/job';
import type { OverlayProgress } from '../lib/geo/overlay/types';
import { exposeApi } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = {
  runStatisticsJob: (request: StatisticsRequest, onProgress?: (progress: OverlayProgress) => void) =>
    runStatisticsJob(request, onProgress ? { onProgress } : {}),
};

export type StatisticsWorkerApi = typeof api;
exposeApi(api);
