/**
 * Orthophotos on the MapLibre map: one raster source per opened image, its tiles drawn by the
 * imagery worker through the `imagery://` protocol, placed above the background and under every
 * thematic layer, in the order of the list (first = top). Follows ImageryState; owns its sources.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASEMAP_PREFIX } from './basemap-layers';
import { GroundMapLayers, type GroundLayerKind, type GroundTileSource } from './ground-layers';

export type ImageryTileSource = GroundTileSource;

const PROTOCOL = 'imagery';
export const IMAGERY_PREFIX = 'imagery-';
const PREFIX = IMAGERY_PREFIX;

/** Above the base fills and the online basemap tiles (hillshade lies above it), under every thematic layer. */
const ORTHOPHOTO: GroundLayerKind = {
  protocol: PROTOCOL,
  prefix: PREFIX,
  groundPrefixes: [PREFIX, BASEMAP_PREFIX],
  source: () => ({ type: 'raster', tileSize: 256 }),
  style: (id) => ({ id, type: 'raster', source: id, paint: { 'raster-fade-duration': 0 } }),
  opacityProperty: 'raster-opacity',
  // Tiles at the image's edge that miss it come back empty: a transparent pixel, not an error.
  missingTile: () => createImageBitmap(new ImageData(1, 1)),
};

export class ImageryMapLayers extends GroundMapLayers {
  constructor(map: MapLibreMap, tiles: ImageryTileSource) {
    super(map, ORTHOPHOTO, tiles);
  }
}
