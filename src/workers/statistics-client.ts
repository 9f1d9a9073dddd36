/**
 * The app's entry point for township statistics: runs the overlay engine in a Web Worker with
 * progress events and cancellation.
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
import {
  transferableBuffers,
  type StatisticsRequest,
  type StatisticsResult,
  type StatisticsWorkerRequest,
  type StatisticsWorkerResponse,
} from '../lib/geo/overlay/job';
import type { OverlayProgress } from '../lib/geo/overlay/types';
import type { LocalizedText } from '../lib/i18n/locale';

export type { LayerSource, StatisticsRequest, StatisticsResult } from '../lib/geo/overlay/job';
export type { OverlayProgress } from '../lib/geo/overlay/types';

/** A failed computation; `messages` has the zh and en text for the UI. */
export class StatisticsError extends Error {
  constructor(
    readonly messages: LocalizedText,
    readonly kind: string,
  ) {
    super(messages.en);
    this.name = kind === 'AbortError' ? 'AbortError' : 'StatisticsError';
  }
}

export interface ComputeOptions {
  readonly onProgress?: (progress: OverlayProgress) => void;
  /** Aborting terminates the worker at once; the promise rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/**
 * Computes per-township statistics and county totals in a new worker.
 * @returns the result; rejects with StatisticsError (bad input, cancelled as name 'AbortError').
 */
export function computeTownshipStatistics(request: StatisticsRequest, options: ComputeOptions = {}): Promise<StatisticsResult> {
  const { onProgress, signal } = options;
  return new Promise<StatisticsResult>((resolve, reject) => {
    const cancelled = () => new StatisticsError({ zh: '统计已取消', en: 'the statistics computation was cancelled' }, 'AbortError');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const worker = new Worker(new URL('./statistics.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    function abort(): void {
      finish();
      reject(cancelled());
    }
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<StatisticsWorkerResponse>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress?.(message.progress);
        return;
      }
      finish();
      if (message.type === 'result') resolve(message.result);
      else reject(new StatisticsError(message.message, message.name));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      const detail = event.message || 'the statistics worker stopped (out of memory?)';
      reject(new StatisticsError({ zh: `统计失败：${detail}`, en: `statistics failed: ${detail}` }, 'WorkerError'));
    };
    const message: StatisticsWorkerRequest = { type: 'compute', request };
    worker.postMessage(message, transferableBuffers(request));
  });
}
