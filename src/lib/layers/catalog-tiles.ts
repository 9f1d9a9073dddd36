/**
 * Catalog layers that the map draws from pre-cut vector tiles (a PMTiles archive beside the
 * layer's FlatGeobuf in data/, made by `npm run data` / `npm run data:ensure`) instead of the
 * page feeding their features to MapLibre. Only the big ones are worth it: the sub-compartments
 * (43,355 polygons in the sample) cost the sample county load 2–3 s of feeding and tiling, the
 * reserve forest (6,722) about 1 s with every layer on (docs/benchmarks.md). The page still loads
 * the FlatGeobuf for clicks, snapping and statistics; the tiles carry only the attributes the
 * layer's style reads (a click describes the feature from the page's copy, found by its id).
 */
import type { LayerId } from './catalog';

export interface CatalogTileArchive {
  /** The archive's file name under data/. */
  readonly file: string;
  /** The vector-tile layer (MapLibre's `source-layer`). */
  readonly layerName: string;
  /** Below it the layer is not drawn (the county is a dozen pixels wide at zoom 6). */
  readonly minZoom: number;
  /** Above it MapLibre over-zooms; zoom 13's grid is about 1 m here. */
  readonly maxZoom: number;
}

export const CATALOG_TILE_ARCHIVES: Partial<Record<LayerId, CatalogTileArchive>> = {
  subcompartments: { file: 'subcompartments.pmtiles', layerName: 'subcompartments', minZoom: 6, maxZoom: 13 },
  reserveForest: { file: 'reserve-forest.pmtiles', layerName: 'reserveForest', minZoom: 6, maxZoom: 13 },
};

/** The layers with an archive, and their archives. */
export function catalogTileArchives(): Array<[LayerId, CatalogTileArchive]> {
  return Object.entries(CATALOG_TILE_ARCHIVES) as Array<[LayerId, CatalogTileArchive]>;
}
