/**
 * The page's side of the plot conflict check: one long-lived worker (it keeps the thematic
 * layers in memory after the first check), called through the worker RPC (src/workers/rpc.ts).
 *
 * @example
 * const checker = new PlotConflictClient(DATA_BASE_URL);
 * const { results, notes } = await checker.check(plots.map(({ id, geometry }) => ({ id, geometry })));
 */
import type { FeatureCollection } from 'geojson';
import type { PlotInput } from '../lib/geo/plot-conflicts';
import type { LayerId } from '../lib/layers/catalog';
import { localized } from '../lib/i18n';
// Types only from conflict-check: the check itself runs in the worker.
import type { ConflictLayerOverride, PlotConflictAnswer } from '../lib/state/plots/conflict-check';
import { PlotConflictError } from '../lib/state/plots/plot-conflict-error';
import type { PlotConflictsWorkerApi } from './plot-conflicts.worker';
import { connectWorker, untilStopped, WorkerStoppedError, type WorkerConnection } from './rpc';

export { PlotConflictError } from '../lib/state/plots/plot-conflict-error';
export type { PlotConflictAnswer } from '../lib/state/plots/conflict-check';

/** An imported layer playing a catalog layer's role in the check. */
export interface ConflictLayerStandIn {
  readonly id: LayerId;
  readonly name: string;
  /** Its features with the field mapping applied; a new object whenever the layer or mapping changes. */
  readonly features: FeatureCollection;
}

export class PlotConflictClient {
  private connection: WorkerConnection<PlotConflictsWorkerApi> | null = null;
  /** A key per stand-in collection object (the same object keeps its key). */
  private readonly keys = new WeakMap<FeatureCollection, string>();
  private nextKey = 1;
  /** Keys named by the previous request: the worker holds exactly their features. */
  private keysInWorker = new Set<string>();

  constructor(private readonly dataBaseUrl: string) {}

  /**
   * Checks the plots (all of them, or only `targets`, each against all) against the catalog
   * layers, or the imported layers standing in for them.
   * @throws PlotConflictError with zh/en text.
   */
  async check(plots: readonly PlotInput[], targets?: readonly string[], standIns: readonly ConflictLayerStandIn[] = []): Promise<PlotConflictAnswer> {
    const connection = this.connect();
    const overrides = standIns.map((standIn): ConflictLayerOverride => {
      let key = this.keys.get(standIn.features);
      if (!key) {
        key = `layer-${this.nextKey++}`;
        this.keys.set(standIn.features, key);
      }
      // Features go only where the worker does not hold them yet (a structured clone of a county inventory is slow).
      return { id: standIn.id, key, name: standIn.name, ...(this.keysInWorker.has(key) ? {} : { features: standIn.features }) };
    });
    this.keysInWorker = new Set(overrides.map((override) => override.key));
    const request = {
      dataBaseUrl: this.dataBaseUrl,
      plots: plots.map(({ id, geometry }) => ({ id, geometry })),
      ...(targets ? { targets } : {}),
      overrides,
    };
    try {
      return await untilStopped(connection, connection.api.check(request));
    } catch (error) {
      throw this.failure(connection, error);
    }
  }

  dispose(): void {
    this.connection?.close('closed', 'the conflict check was stopped');
    this.connection = null;
    this.keysInWorker = new Set();
  }

  private connect(): WorkerConnection<PlotConflictsWorkerApi> {
    this.connection ??= connectWorker(new Worker(new URL('./plot-conflicts.worker.ts', import.meta.url), { type: 'module' }), 'conflict check');
    return this.connection;
  }

  /** The check's error as a PlotConflictError; a crashed worker is dropped so the next check starts afresh. */
  private failure(connection: WorkerConnection<PlotConflictsWorkerApi>, error: unknown): PlotConflictError {
    if (error instanceof WorkerStoppedError) {
      if (this.connection === connection) {
        this.connection = null;
        this.keysInWorker = new Set();
      }
      if (error.reason === 'closed') return new PlotConflictError(localized('plot.conflictError.stopped'));
      return new PlotConflictError(localized('plot.conflictError.failed', { detail: error.detail }));
    }
    const messages = (error as { messages?: PlotConflictError['messages'] } | null)?.messages;
    if (messages) return new PlotConflictError(messages);
    const text = error instanceof Error ? error.message : String(error);
    return new PlotConflictError(localized('plot.conflictError.failed', { detail: text }));
  }
}
