/// <reference lib="webworker" />
/**
 * Runs the import off the main thread (src/lib/io/import-in-pieces.ts): reads the Files, parses,
 * reprojects and validates, reporting progress, then hands the result over in pieces. One worker
 * per import; the client cancels by terminating it.
 */
import { importInPieces } from '../lib/io/import-in-pieces';
import { exposeApi } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = { importInPieces };

export type ImportWorkerApi = typeof api;
exposeApi(api);
