/**
 * Digital elevation models the bureau has: a single-band GeoTIFF (Int16, Float32, …, with its
 * GDAL nodata value) read window by window in any CRS the imagery path knows, or a terrain-RGB /
 * terrarium tile archive (PMTiles, MBTiles) seen as one Web Mercator raster at its deepest zoom.
 * Both give terrain-RGB map tiles for MapLibre's hillshade and the heights under a plot.
 */
import type { Geometry } from 'geojson';
import type { GeoTIFFImage } from 'geotiff';
import { planTile, type RasterGeoreference, type RasterLevelSize } from '../geo/raster/reproject-tile';
import { decodeTerrainRgb, decodeTerrarium, planPlotSlope, plotSlopeStatistics, type PlotSlope, type TerrainEncoding } from '../geo/raster/terrain';
import { terrainRgbTile } from '../geo/raster/terrain-tile';
import { georeferenceOf, RasterReadError, readTiffLevels } from './geotiff';
import type { TileOptions } from './raster-tile';
import { tileMimeType, type TileArchive } from './tile-archives/tile-archive';

export interface OpenedDem {
  readonly fileName: string;
  readonly georeference: RasterGeoreference;
  readonly levels: readonly RasterLevelSize[];
  /** Heights equal to it are missing (NaN always is). */
  readonly nodata: number | null;
  readonly crsSource: 'geokeys' | 'chosen';
  /** Heights in metres of a window of a level, row-major. */
  readHeights(level: number, window: readonly [number, number, number, number], signal?: AbortSignal): Promise<ArrayLike<number>>;
}

/** True for a GeoTIFF that holds elevations rather than a picture: one band, not 8-bit unsigned. */
export function isDemImage(image: GeoTIFFImage): boolean {
  return image.getSamplesPerPixel() === 1 && !(image.getBitsPerSample(0) === 8 && image.getSampleFormat(0) === 1);
}

/**
 * Opens a single-band GeoTIFF as a DEM. Without `marked` (the user said "this is a DEM") an
 * 8-bit picture is refused, so orthophotos keep their own path.
 */
export async function openDemGeoTiff(source: Blob | ArrayBuffer, fileName: string, options: { crs?: string; marked?: boolean } = {}): Promise<OpenedDem> {
  const levels = await readTiffLevels(source, fileName);
  const main = levels[0]!;
  if (main.getSamplesPerPixel() !== 1 || (!options.marked && !isDemImage(main))) {
    throw new RasterReadError('unsupported-samples', fileName, `${main.getSamplesPerPixel()} × ${main.getBitsPerSample(0)}-bit is no DEM`);
  }
  const georeference = georeferenceOf(main, fileName, options.crs);
  const nodata = main.getGDALNoData();
  return {
    fileName,
    georeference,
    levels: levels.map((image) => ({ width: image.getWidth(), height: image.getHeight() })),
    nodata: nodata === null || Number.isNaN(nodata) ? null : nodata,
    crsSource: options.crs ? 'chosen' : 'geokeys',
    async readHeights(level, window, signal) {
      const image = levels[level];
      if (!image) throw new RangeError(`No level ${level} in ${fileName}`);
      const raster = await image.readRasters({ window: [...window], samples: [0], interleave: true, signal });
      return raster as unknown as ArrayLike<number>;
    },
  };
}

/** Decodes an encoded tile image into RGBA pixels (the worker's createImageBitmap + OffscreenCanvas). */
export type TileImageDecoder = (bytes: Uint8Array, mimeType: string) => Promise<{ data: ArrayLike<number>; width: number; height: number }>;

const WEB_MERCATOR_HALF_WORLD = 20037508.342789244;
const ARCHIVE_TILE_SIZE = 256;

/**
 * A terrain-RGB or terrarium tile archive as one Web Mercator raster at its deepest zoom: the
 * heights of a window are decoded from the tiles under it (missing tiles are nodata).
 */
export function demFromTileArchive(archive: TileArchive, fileName: string, encoding: TerrainEncoding, decode: TileImageDecoder): OpenedDem {
  const zoom = archive.maxZoom;
  const decodeHeight = encoding === 'terrarium' ? decodeTerrarium : decodeTerrainRgb;
  const size = 2 ** zoom * ARCHIVE_TILE_SIZE;
  const pixel = (2 * WEB_MERCATOR_HALF_WORLD) / size;
  return {
    fileName,
    georeference: { crs: 'EPSG:3857', width: size, height: size, originX: -WEB_MERCATOR_HALF_WORLD, originY: WEB_MERCATOR_HALF_WORLD, pixelSizeX: pixel, pixelSizeY: -pixel },
    levels: [{ width: size, height: size }],
    nodata: null,
    crsSource: 'geokeys',
    async readHeights(_level, [column0, row0, column1, row1]) {
      const width = column1 - column0;
      const heights = new Float32Array(width * (row1 - row0)).fill(NaN);
      const step = ARCHIVE_TILE_SIZE;
      for (let tileY = Math.floor(row0 / step); tileY * step < row1; tileY += 1) {
        for (let tileX = Math.floor(column0 / step); tileX * step < column1; tileX += 1) {
          const bytes = await archive.tile(zoom, tileX, tileY);
          if (!bytes) continue;
          const image = await decode(bytes, tileMimeType(archive.format));
          // 512-pixel tiles are read at 256 (every other pixel): slope needs no finer grid than the zoom's.
          const scaleX = image.width / step;
          const scaleY = image.height / step;
          for (let y = Math.max(0, row0 - tileY * step); y < Math.min(step, row1 - tileY * step); y += 1) {
            for (let x = Math.max(0, column0 - tileX * step); x < Math.min(step, column1 - tileX * step); x += 1) {
              const at = (Math.floor(y * scaleY) * image.width + Math.floor(x * scaleX)) * 4;
              const height = image.data[at + 3] === 0 ? NaN : decodeHeight(image.data[at]!, image.data[at + 1]!, image.data[at + 2]!);
              heights[(tileY * step + y - row0) * width + (tileX * step + x - column0)] = height;
            }
          }
        }
      }
      return heights;
    },
  };
}

/** The terrain-RGB pixels of Web Mercator tile (z, x, y), or undefined where the tile misses the DEM. */
export async function renderDemTile(dem: OpenedDem, z: number, x: number, y: number, options: TileOptions = {}): Promise<Uint8ClampedArray | undefined> {
  const plan = planTile(dem.georeference, dem.levels, z, x, y, options.tileSize, options.bounds);
  if (!plan) return undefined;
  const heights = await dem.readHeights(plan.level, plan.window, options.signal);
  return terrainRgbTile(plan, heights, plan.window[2] - plan.window[0], plan.window[3] - plan.window[1], dem.nodata);
}

/** The slope statistics of a plot (WGS84 polygon) on the DEM, from the full-resolution heights under it. */
export async function plotSlopeOnDem(dem: OpenedDem, geometry: Geometry, signal?: AbortSignal): Promise<PlotSlope> {
  const georeference = dem.georeference;
  const plan = planPlotSlope(georeference, geometry);
  if (!plan.window) return plotSlopeStatistics(georeference, plan, undefined);
  const heights = await dem.readHeights(0, plan.window, signal);
  return plotSlopeStatistics(georeference, plan, { window: plan.window, heights, nodata: dem.nodata });
}
