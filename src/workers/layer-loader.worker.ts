/**
 * Fetches and reads catalog layers off the main thread (src/lib/io/load-layer.ts). A flat
 * layer's typed arrays are moved to the page, not copied.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { flatLayerBuffers, loadFlatGeobufLayer, type LayerOnWire } from '../lib/io/load-layer';
import { exposeApi, transfer } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = {
  async loadFlatGeobufLayer(...args: Parameters<typeof loadFlatGeobufLayer>): Promise<LayerOnWire> {
    const wire = await loadFlatGeobufLayer(...args);
    return 'flat' in wire ? transfer(wire, flatLayerBuffers(wire.flat)) : wire;
  },
};

export type LayerLoaderWorkerApi = typeof api;
exposeApi(api);
