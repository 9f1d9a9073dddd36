/**
 * importFiles for a worker: reads File/Blob sources, imports them, and hands the result over in
 * pieces — each layer's summary, then its features in compact chunks (typed arrays + JSON
 * attributes, see feature-chunks.ts) whose buffers are transferred, not cloned — so neither the
 * worker nor the message channel ever holds a 200,000-polygon layer as GeoJSON objects.
 */
import { importFailure, type ImportFailure } from './errors';
import type { EncodedFeatureChunk } from './feature-chunks';
import { importFilesCompact } from './import-files';
import type { SourceOnWire } from './import-sources';
import type { ImportedLayer, ImportFile, ImportOptions, ImportProgress, ImportWarning } from './types';

export { isBlobSource, toWire, type ImportSource, type SourceOnWire } from './import-sources';

/** Import options that can cross a worker boundary (no callbacks, no AbortSignal). */
export type WorkerImportOptions = Omit<ImportOptions, 'onProgress' | 'signal'>;

/** Where the pieces go; each call may return a promise. */
export interface ImportSink {
  progress(progress: ImportProgress): void | Promise<void>;
  /**
   * Features of the layer being read under `key`, in order, sent as soon as each batch is
   * finished (so the worker never holds a whole layer). Chunks of a key that no `layer` call
   * claims (its file failed halfway) are dropped.
   */
  features(key: number, chunk: EncodedFeatureChunk): void | Promise<void>;
  /** A finished layer, with an empty feature list: its features are the chunks sent under `key`. */
  layer(key: number, layer: ImportedLayer): void | Promise<void>;
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

/** Marks buffers to be moved with a value (comlink's `transfer` in the worker); default: copied. */
export type HandOver = <T>(value: T, buffers: ArrayBuffer[]) => T;

/**
 * Reads and imports the sources, then hands the result to the sink in pieces.
 * Never throws: anything unexpected (a piece that cannot be handed over) ends in a typed
 * 'worker-stopped' failure naming the files, so the page never waits for ever.
 */
export async function importInPieces(
  files: readonly SourceOnWire[],
  options: WorkerImportOptions,
  sink: ImportSink,
  handOver: HandOver = (value) => value,
): Promise<PiecesOutcome> {
  try {
    const read: ImportFile[] = [];
    for (const [index, source] of files.entries()) {
      await sink.progress({ stage: 'read', file: source.name, fraction: 0.05 * (index / files.length) });
      read.push('blob' in source ? { name: source.name, bytes: new Uint8Array(await source.blob.arrayBuffer()) } : source);
    }
    // Progress is not awaited (the parse is synchronous) and a lost progress message harms nothing.
    const onProgress = throttled((progress) => void Promise.resolve(sink.progress(progress)).catch(() => {}));
    // Chunks go out while the file is still being read (not awaited: the parse is synchronous);
    // a chunk that could not be handed over fails the import once the reading ends.
    const sent: Promise<void>[] = [];
    let handOverFailed: { error: unknown } | null = null;
    const onChunk = (key: number, chunk: EncodedFeatureChunk) => {
      if (handOverFailed) return;
      try {
        const delivered = sink.features(key, handOver(chunk, [chunk.structure.buffer as ArrayBuffer, chunk.coordinates.buffer as ArrayBuffer]));
        sent.push(Promise.resolve(delivered).catch((error: unknown) => void (handOverFailed ??= { error })));
      } catch (error) {
        handOverFailed = { error };
      }
    };
    const result = await importFilesCompact(read, { ...options, onProgress }, onChunk);
    read.length = 0;
    await Promise.all(sent);
    if (handOverFailed) throw (handOverFailed as { error: unknown }).error;
    for (const { key, layer } of result.layers) await sink.layer(key, layer);
    return { errors: result.errors, warnings: result.warnings };
  } catch (error) {
    const names = files.map((file) => file.name).join(', ') || '—';
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { failed: importFailure('worker-stopped', names, { detail }) };
  }
}
