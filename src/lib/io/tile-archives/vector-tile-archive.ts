/**
 * A layer's features as a PMTiles archive of Mapbox vector tiles, cut by the same geojson-vt that
 * MapLibre runs on a GeoJSON source — so the map draws the same tiles, without the page cloning
 * 43,000 polygons to MapLibre's worker and that worker cutting them on every load
 * (docs/benchmarks.md, goal 3). Each feature keeps its index in the collection as its id, which
 * is how clicks and the selection find it in the page's own copy; so the tiles need carry only the
 * attributes the style reads (`properties`).
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection } from 'geojson';
import { Compression, TileType } from 'pmtiles';
import { boundingBoxOf } from '../../geo/bounds';
import { writePmtiles, type ArchiveTile } from './pmtiles-writer';

export const VECTOR_TILE_EXTENT = 4096;

export interface VectorArchiveOptions {
  /** The source-layer name the style refers to. */
  readonly layerName: string;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** geojson-vt's simplification tolerance in tile pixels (0: every vertex kept). */
  readonly tolerance: number;
  /** Written into the archive's metadata beside the layer description. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Compresses one tile (gzip); without it tiles are stored as they are. */
  readonly gzip?: (bytes: Uint8Array) => Uint8Array;
  /**
   * The attributes to keep (those the map's style reads); without it, every one. The sample's
   * sub-compartments carry 15: in every tile, and parsed by MapLibre's worker for every feature.
   */
  readonly properties?: readonly string[];
}

/** What a catalog archive's metadata records about the data it was cut from. */
export interface VectorArchiveMetadata {
  readonly featureCount: number;
  readonly vector_layers: readonly { id: string; minzoom: number; maxzoom: number }[];
  readonly [key: string]: unknown;
}

export function buildVectorTileArchive(collection: FeatureCollection, options: VectorArchiveOptions): Uint8Array {
  const kept = options.properties;
  const features: Feature[] = collection.features.map((feature, index) => ({
    ...feature,
    id: index,
    properties: kept ? keepProperties(feature.properties, kept) : feature.properties,
  }));
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: options.maxZoom, indexMaxZoom: 0, tolerance: options.tolerance, extent: VECTOR_TILE_EXTENT, buffer: 64 },
  );
  const tiles: ArchiveTile[] = [];
  // Top down: a tile's children are asked for only where the tile exists (geojson-vt has none
  // where no feature reaches). A tile can exist with no features — polygons smaller than the
  // tolerance are left out at low zooms — and still have children that show them.
  let level: Array<[number, number]> = [[0, 0]];
  for (let z = 0; z <= options.maxZoom && level.length > 0; z++) {
    const next: Array<[number, number]> = [];
    for (const [x, y] of level) {
      const tile = index.getTile(z, x, y);
      if (!tile) continue;
      if (z >= options.minZoom && tile.features.length > 0) {
        const bytes = fromGeojsonVt({ [options.layerName]: tile }, { version: 2, extent: VECTOR_TILE_EXTENT });
        tiles.push({ z, x, y, data: options.gzip ? options.gzip(bytes) : bytes });
      }
      if (z < options.maxZoom) next.push([2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]);
    }
    level = next;
  }
  const bounds = boundingBoxOf(collection.features.map((feature) => feature.geometry)) ?? [0, 0, 0, 0];
  const metadata: VectorArchiveMetadata = {
    ...options.metadata,
    featureCount: collection.features.length,
    vector_layers: [{ id: options.layerName, minzoom: options.minZoom, maxzoom: options.maxZoom }],
  };
  return writePmtiles(tiles, {
    tileType: TileType.Mvt,
    tileCompression: options.gzip ? Compression.Gzip : Compression.None,
    minZoom: options.minZoom,
    maxZoom: options.maxZoom,
    bounds: [bounds[0], bounds[1], bounds[2], bounds[3]],
    metadata,
  });
}

/** The named attributes a feature has (a missing one stays missing). */
function keepProperties(properties: Feature['properties'], names: readonly string[]): Feature['properties'] {
  if (!properties) return properties;
  const kept: Record<string, unknown> = {};
  for (const name of names) if (name in properties) kept[name] = properties[name];
  return kept;
}
