/** Messages between src/workers/import-client.ts and src/workers/import.worker.ts. */
import type { ImportFile, ImportOptions, ImportProgress, ImportResult } from './types';

/** Import options that can cross a worker boundary (no callbacks, no AbortSignal). */
export type WorkerImportOptions = Omit<ImportOptions, 'onProgress' | 'signal'>;

/** A browser File/Blob with a name, or bytes already in memory. */
export type ImportSource = ImportFile | (Blob & { readonly name: string });

export interface ImportRequest {
  readonly type: 'import';
  readonly files: readonly ImportSource[];
  readonly options: WorkerImportOptions;
}

export type ImportResponse =
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly type: 'done'; readonly result: ImportResult };

/** True for a File/Blob source (as opposed to { name, bytes } in memory). */
export function isBlobSource(source: ImportSource): source is Blob & { readonly name: string } {
  return typeof Blob !== 'undefined' && source instanceof Blob;
}
