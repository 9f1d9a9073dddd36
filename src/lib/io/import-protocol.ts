/**
 * Messages between src/workers/import-client.ts and src/workers/import.worker.ts.
 *
 * A result is sent in pieces — each layer's summary, then its features in chunks, then the
 * errors — so the page deserialises a 200,000-polygon layer in many short steps instead of one
 * multi-second freeze.
 */
import type { Feature } from 'geojson';
import type { ImportFailure } from './errors';
import type { ImportedLayer, ImportFile, ImportOptions, ImportProgress, ImportWarning } from './types';

/** Import options that can cross a worker boundary (no callbacks, no AbortSignal). */
export type WorkerImportOptions = Omit<ImportOptions, 'onProgress' | 'signal'>;

/** A browser File/Blob with a name, or bytes already in memory. */
export type ImportSource = ImportFile | (Blob & { readonly name: string });

/** Features per 'features' message. */
export const FEATURE_CHUNK = 5000;

export interface ImportRequest {
  readonly type: 'import';
  readonly files: readonly ImportSource[];
  readonly options: WorkerImportOptions;
}

export type ImportResponse =
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  /** A layer with an empty feature list; its features follow in 'features' messages. */
  | { readonly type: 'layer'; readonly layer: ImportedLayer }
  | { readonly type: 'features'; readonly layerIndex: number; readonly features: Feature[] }
  | { readonly type: 'done'; readonly errors: ImportFailure[]; readonly warnings: ImportWarning[] }
  /** The worker hit an exception of its own (e.g. a result that could not be posted): the import ends with it. */
  | { readonly type: 'failed'; readonly error: ImportFailure };

/** True for a File/Blob source (as opposed to { name, bytes } in memory). */
export function isBlobSource(source: ImportSource): source is Blob & { readonly name: string } {
  return typeof Blob !== 'undefined' && source instanceof Blob;
}
