/**
 * Online basemap tiles on the MapLibre map: raster sources right above the paper-coloured base
 * fills and under orthophotos and every thematic layer. Follows BasemapState; owns its sources.
 * A basemap that cannot load (no network in the mountains, a wrong key) is reported as a status,
 * never as a flood of console errors; other map errors are logged as MapLibre would.
 */
import { AttributionControl, type ErrorEvent, type Map as MapLibreMap, type MapSourceDataEvent } from 'maplibre-gl';
import type { BasemapRasterLayer } from '../layers/basemaps';
import type { BasemapStatus } from '../state/basemap/basemap-settings.svelte';

export const BASEMAP_PREFIX = 'basemap-';
/** Fills the basemap must lie on, not under (the same the imagery lies on). */
const BASE_FILLS = new Set(['background', 'neighbors-fill', 'county-fill']);

export class BasemapMapLayers {
  private shown: readonly BasemapRasterLayer[] = [];
  private attribution: AttributionControl | undefined;

  constructor(
    private readonly map: MapLibreMap,
    private readonly onStatus: (status: BasemapStatus) => void,
  ) {
    map.on('error', this.onError);
    map.on('sourcedata', this.onSourceData);
  }

  /** Makes the map show exactly these raster layers (bottom first), placed under everything thematic. */
  sync(layers: readonly BasemapRasterLayer[]): void {
    if (!sameLayers(layers, this.shown)) {
      this.removeAll();
      layers.forEach((layer, index) => {
        const id = BASEMAP_PREFIX + index;
        this.map.addSource(id, { type: 'raster', tiles: [...layer.tiles], tileSize: 256, maxzoom: layer.maxzoom, attribution: layer.attribution });
        this.map.addLayer({ id, type: 'raster', source: id, paint: { 'raster-fade-duration': 0 } });
      });
      this.shown = layers;
      if (layers.length > 0 && !this.attribution) {
        this.attribution = new AttributionControl({ compact: true });
        this.map.addControl(this.attribution, 'bottom-right');
      }
    }
    // Bottom layer first, each right under the first non-basemap layer above the base fills.
    this.shown.forEach((_, index) => this.map.moveLayer(BASEMAP_PREFIX + index, this.firstLayerAboveBase()));
  }

  destroy(): void {
    this.map.off('error', this.onError);
    this.map.off('sourcedata', this.onSourceData);
    this.removeAll();
  }

  private removeAll(): void {
    this.shown.forEach((_, index) => {
      const id = BASEMAP_PREFIX + index;
      if (this.map.getLayer(id)) this.map.removeLayer(id);
      if (this.map.getSource(id)) this.map.removeSource(id);
    });
    this.shown = [];
  }

  private firstLayerAboveBase(): string | undefined {
    const layers = this.map.getStyle().layers;
    let lastBase = -1;
    layers.forEach((layer, index) => {
      if (BASE_FILLS.has(layer.id)) lastBase = index;
    });
    return layers.slice(lastBase + 1).find((layer) => !layer.id.startsWith(BASEMAP_PREFIX))?.id;
  }

  private readonly onError = (event: ErrorEvent & { sourceId?: string }): void => {
    if (event.sourceId?.startsWith(BASEMAP_PREFIX)) {
      this.onStatus('unreachable');
      return;
    }
    // Registering a listener silences MapLibre's own logging: keep it for everything else.
    console.error(event.error);
  };

  private readonly onSourceData = (event: MapSourceDataEvent): void => {
    if (event.sourceId.startsWith(BASEMAP_PREFIX) && event.tile && this.map.isSourceLoaded(event.sourceId)) this.onStatus('shown');
  };
}

function sameLayers(a: readonly BasemapRasterLayer[], b: readonly BasemapRasterLayer[]): boolean {
  return a.length === b.length && a.every((layer, index) => layer.tiles.join('\n') === b[index]!.tiles.join('\n') && layer.maxzoom === b[index]!.maxzoom);
}
