/**
 * Fetches and reads catalog layers off the main thread (src/lib/io/load-layer.ts).
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { loadFlatGeobufLayer } from '../lib/io/load-layer';
import { exposeApi } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = { loadFlatGeobufLayer };

export type LayerLoaderWorkerApi = typeof api;
exposeApi(api);
