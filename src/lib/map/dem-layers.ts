/**
 * Elevation models on the MapLibre map: one `raster-dem` source per opened DEM, its terrain-RGB
 * tiles drawn by the imagery worker through the `dem://` protocol, shown as a `hillshade` layer
 * above the base fills and orthophotos and under every thematic layer. Follows ImageryState's
 * DEMs (order, visibility; the layer's opacity is the shading's strength); owns its sources.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { flatTerrainRgbTile } from '../geo/raster/terrain-tile';
import type { ImageryLayer } from '../state/imagery/imagery-types';
import { BASEMAP_PREFIX } from './basemap-layers';
import { firstLayerAboveGround, registerTileProtocol, removeUnlisted, type GroundTileSource } from './ground-layers';
import { IMAGERY_PREFIX, nativeZoom } from './imagery-layers';

const PROTOCOL = 'dem';
const PREFIX = 'dem-';
const TILE_SIZE = 256;

let tileSource: GroundTileSource | undefined;

export class DemMapLayers {
  private shown: readonly ImageryLayer[] = [];

  constructor(
    private readonly map: MapLibreMap,
    tiles: GroundTileSource,
  ) {
    tileSource = tiles;
    // raster-dem needs a full square tile: where an archive has none, flat ground.
    registerTileProtocol(PROTOCOL, () => tileSource, () => createImageBitmap(new ImageData(flatTerrainRgbTile(TILE_SIZE) as Uint8ClampedArray<ArrayBuffer>, TILE_SIZE, TILE_SIZE)));
  }

  /** Makes the map show exactly these DEMs as hillshade, in this order (first = top). */
  sync(layers: readonly ImageryLayer[]): void {
    removeUnlisted(this.map, PREFIX, this.shown, layers);
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
    return firstLayerAboveGround(this.map, [PREFIX, IMAGERY_PREFIX, BASEMAP_PREFIX]);
  }
}
