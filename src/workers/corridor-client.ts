/**
 * The page's side of the corridor tool's computation: one long-lived worker (it keeps the
 * catalog layers after the first run), called through the worker RPC (src/workers/rpc.ts). A
 * newer request makes an older answer stale: it resolves to null.
 *
 * @example
 * const client = new CorridorClient(DATA_BASE_URL);
 * const analysis = await client.analyse({ line, spec, plots }, (progress) => show(progress));
 * if (analysis) render(analysis); // null: superseded
 */
import type { CorridorAnalysis, CorridorAnalysisRequest, CorridorProgress } from '../lib/state/corridors/corridor-analysis';
import type { CorridorWorkerApi } from './corridor.worker';
import { connectWorker, proxy, untilStopped, WorkerStoppedError, type WorkerConnection, type WorkerLike } from './rpc';

export type { CorridorAnalysis, CorridorProgress } from '../lib/state/corridors/corridor-analysis';

export class CorridorClient {
  private connection: WorkerConnection<CorridorWorkerApi> | null = null;
  private latest = 0;

  constructor(
    private readonly dataBaseUrl: string,
    private readonly createWorker: () => WorkerLike = () => new Worker(new URL('./corridor.worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  /** The analysis, or null when a newer request was made meanwhile. */
  async analyse(request: Omit<CorridorAnalysisRequest, 'dataBaseUrl'>, onProgress: (progress: CorridorProgress) => void = () => {}): Promise<CorridorAnalysis | null> {
    const sequence = ++this.latest;
    this.connection ??= connectWorker<CorridorWorkerApi>(this.createWorker(), 'corridor');
    const connection = this.connection;
    const report = proxy((progress: CorridorProgress) => {
      if (sequence === this.latest) onProgress(progress);
    });
    try {
      // Comlink's Remote spreads the union over promises; it is one promise of the union.
      const call = connection.api.analyse({ ...request, dataBaseUrl: this.dataBaseUrl }, report) as Promise<CorridorAnalysis>;
      const answer = await untilStopped(connection, call);
      return sequence === this.latest ? answer : null;
    } catch (error) {
      // A crashed worker is dropped so the next request starts afresh.
      if (error instanceof WorkerStoppedError && this.connection === connection) this.connection = null;
      if (sequence !== this.latest) return null;
      throw error instanceof WorkerStoppedError ? new Error(error.detail) : error;
    }
  }

  dispose(): void {
    this.connection?.close('closed', 'the corridor tool was closed');
    this.connection = null;
  }
}
