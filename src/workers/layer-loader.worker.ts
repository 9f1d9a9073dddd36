/**
 * Fetches and reads catalog layers off the main thread (src/lib/io/load-layer.ts). A flat
 * layer's typed arrays are moved to the page, not copied.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { loadFlatGeobufLayer, type LayerOnWire } from '../lib/io/load-layer';
import { exposeApi, transfer, transferableBuffers } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = {
  async loadFlatGeobufLayer(...args: Parameters<typeof loadFlatGeobufLayer>): Promise<LayerOnWire> {
    const wire = await loadFlatGeobufLayer(...args);
    if (!('flat' in wire)) return wire;
    const { coordinates, ringStart, ringPart, ringInPart, featureRing, multi } = wire.flat;
    return transfer(wire, transferableBuffers([coordinates, ringStart, ringPart, ringInPart, featureRing, multi]));
  },
};

export type LayerLoaderWorkerApi = typeof api;
exposeApi(api);
