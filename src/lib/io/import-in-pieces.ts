/**
 * importFiles for a worker: reads File/Blob sources, imports them, and hands the result over in
 * pieces — each layer's summary, then its features in chunks — so the page deserialises a
 * 200,000-polygon layer in many short steps instead of one multi-second freeze.
 */
import type { Feature } from 'geojson';
import { importFailure, type ImportFailure } from './errors';
import { importFiles } from './import-files';
import type { SourceOnWire } from './import-sources';
import type { ImportedLayer, ImportFile, ImportOptions, ImportProgress, ImportWarning } from './types';

export { isBlobSource, toWire, type ImportSource, type SourceOnWire } from './import-sources';

/** Import options that can cross a worker boundary (no callbacks, no AbortSignal). */
export type WorkerImportOptions = Omit<ImportOptions, 'onProgress' | 'signal'>;

/** Features per `features` call. */
export const FEATURE_CHUNK = 5000;

/** Where the pieces go; each call may return a promise (awaited: the receiver sets the pace). */
export interface ImportSink {
  progress(progress: ImportProgress): void | Promise<void>;
  /** A layer with an empty feature list; its features follow in `features` calls. */
  layer(layer: ImportedLayer): void | Promise<void>;
  features(layerIndex: number, features: Feature[]): void | Promise<void>;
}

/** What is left once the layers have been handed over. `failed`: the import ended early, drop any layer received. */
export type PiecesOutcome =
  | { readonly errors: ImportFailure[]; readonly warnings: ImportWarning[] }
  | { readonly failed: ImportFailure };

/** Progress at most every 100 ms (and always the final one). */
function throttled(report: (progress: ImportProgress) => void): (progress: ImportProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (progress.stage !== 'done' && now - last < 100) return;
    last = now;
    report(progress);
  };
}

/**
 * Reads and imports the sources, then hands the result to the sink in pieces.
 * Never throws: anything unexpected (a piece that cannot be handed over) ends in a typed
 * 'worker-stopped' failure naming the files, so the page never waits for ever.
 */
export async function importInPieces(files: readonly SourceOnWire[], options: WorkerImportOptions, sink: ImportSink): Promise<PiecesOutcome> {
  try {
    const read: ImportFile[] = [];
    for (const [index, source] of files.entries()) {
      await sink.progress({ stage: 'read', file: source.name, fraction: 0.05 * (index / files.length) });
      read.push('blob' in source ? { name: source.name, bytes: new Uint8Array(await source.blob.arrayBuffer()) } : source);
    }
    // Progress is not awaited (the parse is synchronous) and a lost progress message harms nothing.
    const onProgress = throttled((progress) => void Promise.resolve(sink.progress(progress)).catch(() => {}));
    const result = await importFiles(read, { ...options, onProgress });
    read.length = 0;
    for (const [layerIndex, layer] of result.layers.entries()) {
      const { features } = layer.collection;
      await sink.layer({ ...layer, collection: { ...layer.collection, features: [] } });
      for (let start = 0; start < features.length; start += FEATURE_CHUNK) {
        await sink.features(layerIndex, features.slice(start, start + FEATURE_CHUNK));
      }
    }
    return { errors: result.errors, warnings: result.warnings };
  } catch (error) {
    const names = files.map((file) => file.name).join(', ') || '—';
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { failed: importFailure('worker-stopped', names, { detail }) };
  }
}
