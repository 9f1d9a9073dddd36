/**
 * Fetches and reads catalog layers off the main thread (src/lib/io/load-layer.ts).
 */
import { loadFlatGeobufLayer } from '../lib/io/load-layer';
import { exposeApi } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = { loadFlatGeobufLayer };

export type LayerLoaderWorkerApi = typeof api;
exposeApi(api);
