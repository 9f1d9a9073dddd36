/**
 * Elevation models on the MapLibre map: one `raster-dem` source per opened DEM, its terrain-RGB
 * tiles drawn by the imagery worker through the `dem://` protocol, shown as a `hillshade` layer
 * above the base fills and orthophotos and under every thematic layer. Follows ImageryState's
 * DEMs (order, visibility; the layer's opacity is the shading's strength); owns its sources.
 */
import { addProtocol, type Map as MapLibreMap } from 'maplibre-gl';
import { flatTerrainRgbTile } from '../geo/raster/terrain-tile';
import type { ImageryLayer } from '../state/imagery/imagery-types';
import { BASEMAP_PREFIX } from './basemap-layers';
import { nativeZoom, type ImageryTileSource } from './imagery-layers';

const PROTOCOL = 'dem';
const PREFIX = 'dem-';
/** Orthophoto layers (imagery-layers.ts) lie under the hillshade too. */
const IMAGERY_PREFIX = 'imagery-';
const BASE_FILLS = new Set(['background', 'neighbors-fill', 'county-fill']);
const TILE_SIZE = 256;

let tileSource: ImageryTileSource | undefined;
let protocolRegistered = false;

function registerProtocol(): void {
  if (protocolRegistered) return;
  protocolRegistered = true;
  addProtocol(PROTOCOL, async (request) => {
    const match = /^dem:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)$/.exec(request.url);
    const bitmap = match && tileSource ? await tileSource(match[1]!, Number(match[2]), Number(match[3]), Number(match[4])) : null;
    // raster-dem needs a full square tile: where an archive has none, flat ground.
    return { data: bitmap ?? (await createImageBitmap(new ImageData(flatTerrainRgbTile(TILE_SIZE) as Uint8ClampedArray<ArrayBuffer>, TILE_SIZE, TILE_SIZE))) };
  });
}

export class DemMapLayers {
  private shown: readonly ImageryLayer[] = [];

  constructor(
    private readonly map: MapLibreMap,
    tiles: ImageryTileSource,
  ) {
    tileSource = tiles;
    registerProtocol();
  }

  /** Makes the map show exactly these DEMs as hillshade, in this order (first = top). */
  sync(layers: readonly ImageryLayer[]): void {
    const wanted = new Set(layers.map((layer) => layer.id));
    for (const old of this.shown) {
      if (wanted.has(old.id)) continue;
      if (this.map.getLayer(PREFIX + old.id)) this.map.removeLayer(PREFIX + old.id);
      if (this.map.getSource(PREFIX + old.id)) this.map.removeSource(PREFIX + old.id);
    }
    for (const layer of [...layers].reverse()) {
      const id = PREFIX + layer.id;
      if (!this.map.getSource(id)) {
        this.map.addSource(id, {
          type: 'raster-dem',
          tiles: [`${PROTOCOL}://${layer.id}/{z}/{x}/{y}`],
          tileSize: TILE_SIZE,
          encoding: layer.dem?.encoding ?? 'mapbox',
          bounds: layer.bounds,
          ...(layer.tiles ? { minzoom: layer.tiles.minZoom, maxzoom: layer.tiles.maxZoom } : { maxzoom: nativeZoom(layer) }),
        });
      }
      if (this.map.getLayer(id)) this.map.moveLayer(id, this.firstThematicLayer());
      else {
        this.map.addLayer(
          { id, type: 'hillshade', source: id, paint: { 'hillshade-shadow-color': '#2b2118', 'hillshade-highlight-color': '#fffdf5', 'hillshade-accent-color': '#3a3026' } },
          this.firstThematicLayer(),
        );
      }
      this.map.setLayoutProperty(id, 'visibility', layer.visible ? 'visible' : 'none');
      this.map.setPaintProperty(id, 'hillshade-exaggeration', layer.opacity);
    }
    this.shown = layers;
  }

  destroy(): void {
    this.sync([]);
    tileSource = undefined;
  }

  /** The first style layer above the base fills that is no basemap, orthophoto or hillshade. */
  private firstThematicLayer(): string | undefined {
    const layers = this.map.getStyle().layers;
    let lastBase = -1;
    layers.forEach((layer, index) => {
      if (BASE_FILLS.has(layer.id)) lastBase = index;
    });
    return layers.slice(lastBase + 1).find((layer) => ![PREFIX, IMAGERY_PREFIX, BASEMAP_PREFIX].some((prefix) => layer.id.startsWith(prefix)))?.id;
  }
}
