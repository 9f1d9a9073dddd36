/**
 * Import sources and how they cross to the import worker. A module of its own so that the page's
 * import client can use it without loading the readers (import-in-pieces → import-files → every
 * format), which then stay in the worker.
 */
import type { ImportFile } from './types';

/** A browser File/Blob with a name, or bytes already in memory. */
export type ImportSource = ImportFile | (Blob & { readonly name: string });

/**
 * A source as it crosses to a worker: the name travels beside the Blob (structured cloning of a
 * File keeps its name in browsers but not in Node).
 */
export type SourceOnWire = ImportFile | { readonly name: string; readonly blob: Blob };

/** True for a File/Blob source (as opposed to { name, bytes } in memory). */
export function isBlobSource(source: ImportSource): source is Blob & { readonly name: string } {
  return typeof Blob !== 'undefined' && source instanceof Blob;
}

export function toWire(source: ImportSource): SourceOnWire {
  return isBlobSource(source) ? { name: source.name, blob: source } : source;
}
