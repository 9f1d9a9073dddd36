/**
 * Elevation models on the MapLibre map: one `raster-dem` source per opened DEM, its terrain-RGB
 * tiles drawn by the imagery worker through the `dem://` protocol, shown as a `hillshade` layer
 * above the base fills and orthophotos and under every thematic layer. Follows ImageryState's
 * DEMs (order, visibility; the layer's opacity is the shading's strength); owns its sources.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { flatTerrainRgbTile } from '../geo/raster/terrain-tile';
import { BASEMAP_PREFIX } from './basemap-layers';
import { GroundMapLayers, type GroundLayerKind, type GroundTileSource } from './ground-layers';
import { IMAGERY_PREFIX } from './imagery-layers';

const PROTOCOL = 'dem';
const PREFIX = 'dem-';
const TILE_SIZE = 256;

/** Above the base fills, orthophotos and basemap tiles; under every thematic layer. */
const HILLSHADE: GroundLayerKind = {
  protocol: PROTOCOL,
  prefix: PREFIX,
  groundPrefixes: [PREFIX, IMAGERY_PREFIX, BASEMAP_PREFIX],
  source: (layer) => ({ type: 'raster-dem', tileSize: TILE_SIZE, encoding: layer.dem?.encoding ?? 'mapbox' }),
  style: (id) => ({ id, type: 'hillshade', source: id, paint: { 'hillshade-shadow-color': '#2b2118', 'hillshade-highlight-color': '#fffdf5', 'hillshade-accent-color': '#3a3026' } }),
  opacityProperty: 'hillshade-exaggeration',
  // raster-dem needs a full square tile: where an archive has none, flat ground.
  missingTile: () => createImageBitmap(new ImageData(flatTerrainRgbTile(TILE_SIZE) as Uint8ClampedArray<ArrayBuffer>, TILE_SIZE, TILE_SIZE)),
};

export class DemMapLayers extends GroundMapLayers {
  constructor(map: MapLibreMap, tiles: GroundTileSource) {
    super(map, HILLSHADE, tiles);
  }
}
