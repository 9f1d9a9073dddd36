/**
 * Runs the fire coverage analysis in its worker; a newer request supersedes an older one (the
 * older worker is terminated and its promise resolves to null), so moving a camera twice quickly
 * computes once more.
 *
 * @example
 * const client = new FireCoverageClient();
 * const analysis = await client.compute(zones, facilities, 3000, (fraction) => (bar.value = fraction));
 * if (analysis) show(analysis); // null: superseded by a newer request
 */
import type { CoverageAnalysis } from '../lib/geo/coverage/coverage-analysis';
import type { CoverageZone } from '../lib/geo/coverage/viewing-coverage';
import type { Facility } from '../lib/geo/coverage/facility';
import type { FireCoverageWorkerApi } from './fire-coverage.worker';
import { proxy, runInWorker, WorkerStoppedError } from './rpc';

export type { CoverageAnalysis } from '../lib/geo/coverage/coverage-analysis';

export class FireCoverageClient {
  private running: AbortController | null = null;

  compute(
    zones: readonly CoverageZone[],
    facilities: readonly Facility[],
    suggestionRadiusMetres: number,
    onProgress: (fraction: number) => void,
  ): Promise<CoverageAnalysis | null> {
    // A running computation for stale inputs is simply abandoned.
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const worker = new Worker(new URL('./fire-coverage.worker.ts', import.meta.url), { type: 'module' });
    return runInWorker<FireCoverageWorkerApi, CoverageAnalysis>(worker, (api) => api.analyseCoverage(zones, facilities, suggestionRadiusMetres, proxy(onProgress)), {
      signal: controller.signal,
      label: 'coverage',
    }).then(
      (analysis) => (controller.signal.aborted ? null : analysis),
      (error: unknown) => {
        if (error instanceof WorkerStoppedError && error.reason === 'cancelled') return null;
        throw error instanceof WorkerStoppedError ? new Error(error.detail) : error;
      },
    ).finally(() => {
      if (this.running === controller) this.running = null;
    });
  }

  dispose(): void {
    this.running?.abort();
    this.running = null;
  }
}
