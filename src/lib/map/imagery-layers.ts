/**
 * Orthophotos on the MapLibre map: one raster source per opened image, its tiles drawn by the
 * imagery worker through the `imagery://` protocol, placed above the background and under every
 * thematic layer, in the order of the list (first = top). Follows ImageryState; owns its sources.
 */
import { addProtocol, type Map as MapLibreMap } from 'maplibre-gl';
import type { ImageryLayer } from '../state/imagery/imagery-types';
import { BASEMAP_PREFIX } from './basemap-layers';

export type ImageryTileSource = (id: string, z: number, x: number, y: number) => Promise<ImageBitmap | null>;

const PROTOCOL = 'imagery';
const PREFIX = 'imagery-';
/** Paper-coloured fills the imagery must lie on, not under. */
const BASE_FILLS = new Set(['background', 'neighbors-fill', 'county-fill']);
/** Tiles are drawn up to one zoom beyond the image's own resolution, then overzoomed. */
const MAX_TILE_ZOOM = 20;

let tileSource: ImageryTileSource | undefined;
let protocolRegistered = false;

function registerProtocol(): void {
  if (protocolRegistered) return;
  protocolRegistered = true;
  addProtocol(PROTOCOL, async (request) => {
    const match = /^imagery:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)$/.exec(request.url);
    const bitmap = match && tileSource ? await tileSource(match[1]!, Number(match[2]), Number(match[3]), Number(match[4])) : null;
    // Tiles at the image's edge that miss it come back empty: a transparent pixel, not an error.
    return { data: bitmap ?? (await createImageBitmap(new ImageData(1, 1))) };
  });
}

/** The tile zoom whose pixels match the image's (Web Mercator metres at the equator, cos-corrected). */
export function nativeZoom(layer: Pick<ImageryLayer, 'pixelSizeMetres' | 'bounds'>): number {
  const latitude = ((layer.bounds[1] + layer.bounds[3]) / 2) * (Math.PI / 180);
  const zoom = Math.log2((2 * Math.PI * 6378137 * Math.cos(latitude)) / (256 * layer.pixelSizeMetres));
  return Math.max(0, Math.min(MAX_TILE_ZOOM, Math.ceil(zoom)));
}

export class ImageryMapLayers {
  private shown: readonly ImageryLayer[] = [];

  constructor(
    private readonly map: MapLibreMap,
    tiles: ImageryTileSource,
  ) {
    tileSource = tiles;
    registerProtocol();
  }

  /** Makes the map show exactly these layers, in this order, with their visibility and opacity. */
  sync(layers: readonly ImageryLayer[]): void {
    const wanted = new Set(layers.map((layer) => layer.id));
    for (const old of this.shown) {
      if (wanted.has(old.id)) continue;
      if (this.map.getLayer(PREFIX + old.id)) this.map.removeLayer(PREFIX + old.id);
      if (this.map.getSource(PREFIX + old.id)) this.map.removeSource(PREFIX + old.id);
    }
    // Bottom-most first: each goes right under the lowest non-imagery layer above the background.
    for (const layer of [...layers].reverse()) {
      const id = PREFIX + layer.id;
      if (!this.map.getSource(id)) {
        this.map.addSource(id, {
          type: 'raster',
          tiles: [`${PROTOCOL}://${layer.id}/{z}/{x}/{y}`],
          tileSize: 256,
          bounds: layer.bounds,
          // A tile archive has its own zoom range; a GeoTIFF is tiled down to its pixel size.
          ...(layer.tiles ? { minzoom: layer.tiles.minZoom, maxzoom: layer.tiles.maxZoom } : { maxzoom: nativeZoom(layer) }),
        });
      }
      if (this.map.getLayer(id)) this.map.moveLayer(id, this.firstThematicLayer());
      else this.map.addLayer({ id, type: 'raster', source: id, paint: { 'raster-fade-duration': 0 } }, this.firstThematicLayer());
      this.map.setLayoutProperty(id, 'visibility', layer.visible ? 'visible' : 'none');
      this.map.setPaintProperty(id, 'raster-opacity', layer.opacity);
    }
    this.shown = layers;
  }

  destroy(): void {
    this.sync([]);
    tileSource = undefined;
  }

  /** The first style layer above the base fills (background, neighbours, county) that is no orthophoto. */
  private firstThematicLayer(): string | undefined {
    const layers = this.map.getStyle().layers;
    let lastBase = -1;
    layers.forEach((layer, index) => {
      if (BASE_FILLS.has(layer.id)) lastBase = index;
    });
    // Online basemap tiles lie under the imagery too.
    return layers.slice(lastBase + 1).find((layer) => !layer.id.startsWith(PREFIX) && !layer.id.startsWith(BASEMAP_PREFIX))?.id;
  }
}
