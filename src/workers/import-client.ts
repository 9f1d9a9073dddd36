/**
 * The app's entry point for importing files: runs importFiles in a Web Worker so a 100 MB GeoJSON
 * or a 200,000-polygon shapefile does not freeze the page, with progress and cancel.
 *
 * @example
 * const task = startImport(input.files, { onProgress: (p) => (bar.value = p.fraction) });
 * cancelButton.onclick = () => task.cancel();
 * const { layers, errors, warnings } = await task.result;
 * // Let the user switch encoding or CRS: import the same files again with the choice.
 * const again = await startImport(input.files, { encoding: 'gbk', crs: 'EPSG:4545' }).result;
 */
import { importFailure } from '../lib/io/errors';
import { isBlobSource, type ImportRequest, type ImportResponse, type ImportSource, type WorkerImportOptions } from '../lib/io/import-protocol';
import type { ImportedLayer, ImportProgress, ImportResult } from '../lib/io/types';

export type { ImportSource, WorkerImportOptions } from '../lib/io/import-protocol';

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

/** Bytes in memory are transferred (not copied) to the worker when they own their whole buffer. */
function transferables(files: readonly ImportSource[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const file of files) {
    if (!isBlobSource(file) && file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength && file.bytes.buffer instanceof ArrayBuffer) {
      if (!buffers.includes(file.bytes.buffer)) buffers.push(file.bytes.buffer);
    }
  }
  return buffers;
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
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  let settle: (result: ImportResult) => void = () => {};
  const result = new Promise<ImportResult>((resolve) => {
    settle = resolve;
  });
  let finished = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const feedWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => finish(failedResult(list, 'worker-unresponsive', { seconds: Number((stallTimeoutMs / 1000).toFixed(1)) })), stallTimeoutMs);
  };
  const finish = (value: ImportResult) => {
    if (finished) return;
    finished = true;
    clearTimeout(watchdog);
    worker.terminate();
    signal?.removeEventListener('abort', cancel);
    settle(value);
  };
  function cancel(): void {
    finish(failedResult(list, 'cancelled'));
  }
  const layers: ImportedLayer[] = [];
  worker.onmessage = (event: MessageEvent<ImportResponse>) => {
    const message = event.data;
    feedWatchdog();
    switch (message.type) {
      case 'progress':
        onProgress?.(message.progress);
        break;
      case 'layer':
        layers.push(message.layer);
        break;
      case 'features': {
        const target = layers[message.layerIndex]!.collection.features;
        for (const feature of message.features) target.push(feature);
        break;
      }
      case 'done':
        finish({ layers, errors: message.errors, warnings: message.warnings });
        break;
      case 'failed':
        finish({ layers: [], errors: [message.error], warnings: [] });
        break;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish(failedResult(list, 'worker-stopped', { detail: event.message || 'the import worker stopped (out of memory?)' }));
  };
  worker.onmessageerror = () => finish(failedResult(list, 'worker-stopped', { detail: 'the import result could not be received' }));
  if (signal?.aborted) cancel();
  else {
    signal?.addEventListener('abort', cancel);
    const request: ImportRequest = { type: 'import', files: list, options: workerOptions };
    feedWatchdog();
    try {
      worker.postMessage(request, transferables(list));
    } catch (error) {
      finish(failedResult(list, 'worker-stopped', { detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
    }
  }
  return { result, cancel };
}
