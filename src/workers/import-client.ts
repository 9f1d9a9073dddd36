/**
 * The app's entry point for importing files: runs the import in a Web Worker so a 100 MB GeoJSON
 * or a 200,000-polygon shapefile does not freeze the page, with progress and cancel.
 *
 * @example
 * const task = startImport(input.files, { onProgress: (p) => (bar.value = p.fraction) });
 * cancelButton.onclick = () => task.cancel();
 * const { layers, errors, warnings } = await task.result;
 * // Let the user switch encoding or CRS: import the same files again with the choice.
 * const again = await startImport(input.files, { encoding: 'gbk', crs: 'EPSG:4545' }).result;
 */
import type { Feature } from 'geojson';
import { importFailure } from '../lib/io/errors';
import { decodeFeatures, type EncodedFeatureChunk } from '../lib/io/feature-chunks';
// Types only from import-in-pieces: its code (every reader) belongs in the worker, not the page.
import type { ImportSink, WorkerImportOptions } from '../lib/io/import-in-pieces';
import { isBlobSource, toWire, type ImportSource } from '../lib/io/import-sources';
import type { ImportedLayer, ImportProgress, ImportResult } from '../lib/io/types';
import type { ImportWorkerApi } from './import.worker';
import { proxy, runInWorker, transfer, transferableBuffers, WorkerStoppedError } from './rpc';

export type { ImportSource, WorkerImportOptions } from '../lib/io/import-in-pieces';

export interface StartImportOptions extends WorkerImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Aborting it cancels the import like task.cancel(). */
  readonly signal?: AbortSignal;
  /**
   * Watchdog: an import whose worker sends nothing (progress, a layer, features) for this long is
   * stopped with a 'worker-unresponsive' failure; default STALL_TIMEOUT_MS.
   */
  readonly stallTimeoutMs?: number;
}

/**
 * The watchdog's default. The worker reports progress at least every few thousand features; the
 * longest silent step is one synchronous parse (JSON.parse of a few hundred MB takes ~10 s here).
 */
export const STALL_TIMEOUT_MS = 60_000;

/** A running import. */
export interface ImportTask {
  /** Resolves with the layers and per-file errors; never rejects (cancel gives a 'cancelled' error). */
  readonly result: Promise<ImportResult>;
  /** Stops the worker at once; `result` resolves with a 'cancelled' failure. */
  cancel(): void;
}

function failedResult(files: readonly ImportSource[], code: 'cancelled' | 'worker-stopped' | 'worker-unresponsive', detail: Record<string, string | number> = {}): ImportResult {
  const name = files.map((file) => file.name).join(', ') || '—';
  return { layers: [], errors: [importFailure(code, name, detail)], warnings: [] };
}

/**
 * Imports files in a new worker.
 * @param files File objects from an <input type="file"> or a drop, or { name, bytes } (bytes are transferred).
 * @param options encoding/CRS overrides, invalid-geometry policy, CSV columns, progress callback, signal.
 */
export function startImport(files: ArrayLike<ImportSource>, options: StartImportOptions = {}): ImportTask {
  const list = Array.from(files);
  const { onProgress, signal, stallTimeoutMs = STALL_TIMEOUT_MS, ...workerOptions } = options;
  const controller = new AbortController();
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  const cancel = () => controller.abort();
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel);
  const layers: ImportedLayer[] = [];
  /** Features decoded so far per layer key (and their chunks, to be saved as they are), until the layer itself arrives. */
  const pending = new Map<number, { features: Feature[]; chunks: EncodedFeatureChunk[] }>();
  const run = runInWorker<ImportWorkerApi, ImportResult>(
    worker,
    async (api, alive) => {
      const sink: ImportSink = {
        progress: (progress: ImportProgress) => {
          alive();
          onProgress?.(progress);
        },
        features: (key: number, chunk: EncodedFeatureChunk) => {
          alive();
          let received = pending.get(key);
          if (!received) pending.set(key, (received = { features: [], chunks: [] }));
          decodeFeatures(chunk, received.features);
          received.chunks.push(chunk);
        },
        layer: (key: number, layer: ImportedLayer) => {
          alive();
          const received = pending.get(key) ?? { features: [], chunks: [] };
          layers.push({ ...layer, collection: { ...layer.collection, features: received.features }, chunks: received.chunks });
          pending.delete(key);
        },
      };
      const wire = list.map(toWire);
      // Bytes in memory are moved to the worker, not copied; Files are read there.
      const buffers = transferableBuffers(list.filter((file) => !isBlobSource(file)).map((file) => (file as { bytes: Uint8Array }).bytes));
      const outcome = await api.importInPieces(transfer(wire, buffers), workerOptions, proxy(sink));
      if ('failed' in outcome) return { layers: [], errors: [outcome.failed], warnings: [] };
      return { layers, errors: outcome.errors, warnings: outcome.warnings };
    },
    { signal: controller.signal, stallTimeoutMs, label: 'import' },
  );
  const result = run.then(
    (value) => value,
    (error: unknown): ImportResult => {
      if (error instanceof WorkerStoppedError && error.reason === 'cancelled') return failedResult(list, 'cancelled');
      if (error instanceof WorkerStoppedError && error.reason === 'unresponsive') {
        return failedResult(list, 'worker-unresponsive', { seconds: Number((stallTimeoutMs / 1000).toFixed(1)) });
      }
      const detail = error instanceof WorkerStoppedError ? error.detail : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return failedResult(list, 'worker-stopped', { detail });
    },
  );
  void result.finally(() => signal?.removeEventListener('abort', cancel));
  return { result, cancel };
}
