/// <reference lib="webworker" />
/**
 * Runs the import off the main thread (src/lib/io/import-in-pieces.ts): reads the Files, parses,
 * reprojects and validates, reporting progress, then hands the result over in pieces. One worker
 * per import; the client cancels by terminating it.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { importInPieces, type ImportSink, type SourceOnWire, type WorkerImportOptions } from '../lib/io/import-in-pieces';
import { exposeApi, transfer } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = {
  /** The layers' chunks go to the page with their buffers moved (comlink `transfer`), not copied. */
  importInPieces: (files: readonly SourceOnWire[], options: WorkerImportOptions, sink: ImportSink) => importInPieces(files, options, sink, transfer),
};

export type ImportWorkerApi = typeof api;
exposeApi(api);
