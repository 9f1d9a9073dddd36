/**
 * Orthophotos on the MapLibre map: one raster source per opened image, its tiles drawn by the
 * imagery worker through the `imagery://` protocol, placed above the background and under every
 * thematic layer, in the order of the list (first = top). Follows ImageryState; owns its sources.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ImageryLayer } from '../state/imagery/imagery-types';
import { BASEMAP_PREFIX } from './basemap-layers';
import { firstLayerAboveGround, registerTileProtocol, removeUnlisted, type GroundTileSource } from './ground-layers';

export type ImageryTileSource = GroundTileSource;

const PROTOCOL = 'imagery';
export const IMAGERY_PREFIX = 'imagery-';
const PREFIX = IMAGERY_PREFIX;
/** Tiles are drawn up to one zoom beyond the image's own resolution, then overzoomed. */
const MAX_TILE_ZOOM = 20;

let tileSource: ImageryTileSource | undefined;

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
    // Tiles at the image's edge that miss it come back empty: a transparent pixel, not an error.
    registerTileProtocol(PROTOCOL, () => tileSource, () => createImageBitmap(new ImageData(1, 1)));
  }

  /** Makes the map show exactly these layers, in this order, with their visibility and opacity. */
  sync(layers: readonly ImageryLayer[]): void {
    removeUnlisted(this.map, PREFIX, this.shown, layers);
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
    // Online basemap tiles lie under the imagery too.
    return firstLayerAboveGround(this.map, [PREFIX, BASEMAP_PREFIX]);
  }
}
