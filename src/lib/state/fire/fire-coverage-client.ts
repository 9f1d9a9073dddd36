/**
 * Runs the fire coverage analysis in its worker; a newer request supersedes an older one
 * (the older promise resolves to null), so moving a camera twice quickly computes once more.
 */
import type { CoverageZone } from '../../geo/coverage/viewing-coverage';
import type { Facility } from '../../geo/coverage/facility';
import type { FireCoverageRequest, FireCoverageResponse, FireCoverageResult } from '../../../workers/fire-coverage.protocol';

export class FireCoverageClient {
  private worker: Worker | null = null;
  private latestRequestId = 0;
  private abandon: (() => void) | null = null;

  compute(
    zones: readonly CoverageZone[],
    facilities: readonly Facility[],
    suggestionRadiusMetres: number,
    onProgress: (fraction: number) => void,
  ): Promise<FireCoverageResult | null> {
    // A running computation for stale inputs is simply abandoned.
    this.worker?.terminate();
    this.abandon?.();
    const worker = new Worker(new URL('../../../workers/fire-coverage.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const requestId = ++this.latestRequestId;
    return new Promise((resolve, reject) => {
      this.abandon = () => resolve(null);
      worker.onmessage = (event: MessageEvent<FireCoverageResponse>) => {
        const message = event.data;
        if (message.type === 'progress') return onProgress(message.fraction);
        worker.terminate();
        if (this.worker === worker) {
          this.worker = null;
          this.abandon = null;
        }
        if (message.type === 'done') resolve(message.requestId === requestId ? message.result : null);
        else reject(new Error(message.message));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        reject(new Error(event.message || 'the coverage worker stopped'));
      };
      const request: FireCoverageRequest = { requestId, zones, facilities, suggestionRadiusMetres };
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.abandon?.();
    this.worker = null;
  }
}
