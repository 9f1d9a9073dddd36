/**
 * The app's entry point for township statistics: runs the job (src/lib/statistics/job.ts) in a
 * Web Worker of its own with progress events and cancellation.
 *
 * Pass layers as FlatGeobuf bytes (ArrayBuffer/Uint8Array) where you can: they are transferred to
 * the worker without copying (the caller's buffer becomes unusable). FeatureCollections work too
 * but are structured-cloned once.
 *
 * @example
 * const controller = new AbortController();
 * const result = await computeTownshipStatistics(
 *   { zones: townshipBytes, layers: [{ id: 'subcompartments', source: subBytes, categoryField: 'DI_LEI' }] },
 *   { onProgress: (p) => (bar.value = p.fraction), signal: controller.signal },
 * );
 * result.overlay.zones[0].forestCoverage; result.totals.forestCoverage;
 */
import { requestSources, toStatisticsError, type StatisticsRequest, type StatisticsResult } from '../lib/statistics/job';
import type { OverlayProgress } from '../lib/geo/overlay/types';
import type { StatisticsWorkerApi } from './statistics.worker';
import { proxy, runInWorker, transfer, transferableBuffers, WorkerStoppedError } from './rpc';

export { StatisticsError } from '../lib/statistics/job';
export type { LayerSource, StatisticsRequest, StatisticsResult } from '../lib/statistics/job';
export type { OverlayProgress } from '../lib/geo/overlay/types';

export interface ComputeOptions {
  readonly onProgress?: (progress: OverlayProgress) => void;
  /** Aborting terminates the worker at once; the promise rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/**
 * Computes per-township statistics and county totals in a new worker.
 * @returns the result; rejects with StatisticsError (bad input; cancelled as name 'AbortError').
 */
export async function computeTownshipStatistics(request: StatisticsRequest, options: ComputeOptions = {}): Promise<StatisticsResult> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw toStatisticsError(new DOMException('cancelled', 'AbortError'));
  const worker = new Worker(new URL('./statistics.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await runInWorker<StatisticsWorkerApi, StatisticsResult>(
      worker,
      (api) => api.runStatisticsJob(transfer(request, transferableBuffers(requestSources(request))), onProgress ? proxy(onProgress) : undefined),
      { ...(signal ? { signal } : {}), label: 'statistics' },
    );
  } catch (error) {
    throw toStatisticsError(error instanceof WorkerStoppedError && error.reason !== 'cancelled' ? new Error(error.detail) : error);
  }
}
