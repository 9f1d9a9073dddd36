/**
 * MapLibre's own worker, plus one step: GeoJSON data sent as compact chunks
 * (src/lib/map/compact-feed.ts, every feedSource feed) are expanded here before MapLibre tiles
 * them. MapLibre's worker module sets `self.worker` when it loads; the step wraps its GeoJSON
 * worker source's `loadAndProcessGeoJSON` (MapLibre 6.17, pinned). Were that gone in another
 * version, the worker says so in the console and fed layers would stay empty — the end-to-end
 * tests see both.
 */
import MapLibreWorker from 'maplibre-gl/dist/maplibre-gl-worker.mjs';
import { expandCompactCollection } from '../lib/map/compact-feed';

interface GeoJsonWorkerSourceLike {
  loadAndProcessGeoJSON(params: { data?: unknown }, abortController: AbortController): Promise<unknown>;
}

interface MapLibreWorkerLike {
  _getWorkerSource(mapId: string, type: string, source: string): GeoJsonWorkerSourceLike;
}

function installCompactFeatures(): void {
  // Using the export keeps the module in the bundle: maplibre-gl declares its dist side-effect free.
  const worker = (self as unknown as { worker?: unknown }).worker;
  if (!(worker instanceof MapLibreWorker)) {
    console.error('MapLibre worker: not started; the map cannot draw');
    return;
  }
  // A source instance of a map that never exists, only to reach its class.
  const probe = (worker as Partial<MapLibreWorkerLike>)._getWorkerSource?.('youyang-compact-probe', 'geojson', 'youyang-compact-probe');
  const prototype = probe ? (Object.getPrototypeOf(probe) as GeoJsonWorkerSourceLike) : undefined;
  const original = prototype?.loadAndProcessGeoJSON;
  if (!prototype || typeof original !== 'function') {
    console.error('MapLibre worker: GeoJSON worker source not found; layers fed as compact chunks cannot be drawn');
    return;
  }
  prototype.loadAndProcessGeoJSON = function (this: GeoJsonWorkerSourceLike, params, abortController) {
    if (params.data !== undefined) params.data = expandCompactCollection(params.data);
    return original.call(this, params, abortController);
  };
}

installCompactFeatures();
