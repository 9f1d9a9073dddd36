/**
 * The page's side of the plot conflict check: one long-lived worker (it keeps the thematic
 * layers in memory after the first check), requests answered by id.
 *
 * @example
 * const checker = new PlotConflictClient(DATA_BASE_URL);
 * const { results, notes } = await checker.check(plots.map(({ id, geometry }) => ({ id, geometry })));
 */
import type { PlotConflicts, PlotInput } from '../lib/geo/plot-conflicts';
import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../lib/layers/catalog';
import type { ConflictLayerOverride, PlotConflictRequest, PlotConflictResponse } from './plot-conflicts.protocol';
import type { LocalizedText } from '../lib/i18n/locale';

/** An imported layer playing a catalog layer's role in the check. */
export interface ConflictLayerStandIn {
  readonly id: LayerId;
  readonly name: string;
  /** Its features with the field mapping applied; a new object whenever the layer or mapping changes. */
  readonly features: FeatureCollection;
}

/** A failed check, with zh/en text for the UI. */
export class PlotConflictError extends Error {
  constructor(readonly messages: LocalizedText) {
    super(messages.en);
    this.name = 'PlotConflictError';
  }
}

export interface PlotConflictAnswer {
  readonly results: PlotConflicts[];
  readonly notes: LocalizedText[];
}

interface Pending {
  resolve(answer: PlotConflictAnswer): void;
  reject(error: Error): void;
}

export class PlotConflictClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;
  /** A key per stand-in collection object (the same object keeps its key). */
  private readonly keys = new WeakMap<FeatureCollection, string>();
  private nextKey = 1;
  /** Keys named by the previous request: the worker holds exactly their features. */
  private keysInWorker = new Set<string>();

  constructor(private readonly dataBaseUrl: string) {}

  /**
   * Checks the plots (all of them, or only `targets`, each against all) against the catalog
   * layers, or the imported layers standing in for them.
   */
  check(plots: readonly PlotInput[], targets?: readonly string[], standIns: readonly ConflictLayerStandIn[] = []): Promise<PlotConflictAnswer> {
    const worker = this.ensureWorker();
    const requestId = this.nextRequestId++;
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
    const request: PlotConflictRequest = {
      type: 'check',
      requestId,
      dataBaseUrl: this.dataBaseUrl,
      plots: plots.map(({ id, geometry }) => ({ id, geometry })),
      ...(targets ? { targets } : {}),
      overrides,
    };
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.keysInWorker = new Set();
    this.failAll({ zh: '冲突检查已停止', en: 'the conflict check was stopped' });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./plot-conflicts.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<PlotConflictResponse>) => {
      const message = event.data;
      const pending = this.pending.get(message.requestId);
      if (!pending) return;
      this.pending.delete(message.requestId);
      if (message.type === 'result') pending.resolve({ results: message.results, notes: message.notes });
      else pending.reject(new PlotConflictError(message.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const detail = event.message || 'the worker stopped (out of memory?)';
      // Start afresh on the next check.
      this.worker?.terminate();
      this.worker = null;
      this.keysInWorker = new Set();
      this.failAll({ zh: `冲突检查失败：${detail}`, en: `the conflict check failed: ${detail}` });
    };
    this.worker = worker;
    return worker;
  }

  private failAll(message: LocalizedText): void {
    for (const pending of this.pending.values()) pending.reject(new PlotConflictError(message));
    this.pending.clear();
  }
}
