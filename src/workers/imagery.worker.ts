/**
 * Orthophotos in a worker: opens GeoTIFFs (reading only headers and the windows tiles need) and
 * raster tile archives (PMTiles by byte ranges, MBTiles), and returns Web Mercator tiles as
 * ImageBitmaps. Elevation models (single-band GeoTIFFs, terrain-RGB archives) give terrain-RGB
 * tiles for the hillshade and a plot's slope. Holds no logic of its own: lib/io reads, lib/geo
 * reprojects.
 */
import sqliteWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { openGeoTiff, RasterReadError, type OpenedRaster } from '../lib/io/geotiff';
import { openTileArchive } from '../lib/io/tile-archives/open-tile-archive';
import { tileMimeType, type TileArchive } from '../lib/io/tile-archives/tile-archive';
import { tilePixelSizeMetres } from '../lib/geo/raster/web-mercator-tiles';
import { renderRasterTile } from '../lib/io/raster-tile';
import { rasterBoundsWgs84 } from '../lib/geo/raster/reproject-tile';
import type { ImageryDescription, ImageryOpenResult } from '../lib/state/imagery/imagery-types';
import { demFromTileArchive, openDemGeoTiff, plotSlopeOnDem, renderDemTile, type OpenedDem } from '../lib/io/dem';
import { flatTerrainRgbTile } from '../lib/geo/raster/terrain-tile';
import type { PlotSlope } from '../lib/geo/raster/terrain';
import type { Geometry } from 'geojson';
import { exposeApi, transfer } from './rpc';

const TILE_SIZE = 256;
const opened = new Map<string, { raster: OpenedRaster; bounds: [number, number, number, number] }>();
const archives = new Map<string, TileArchive>();
/** Elevation models (an archive DEM is also in `archives`, whose tiles go to the map as they are). */
const dems = new Map<string, { dem: OpenedDem; bounds: [number, number, number, number]; groundHeight: number }>();

/** Decodes an archive's tile image to RGBA (OffscreenCanvas: workers have no DOM). */
async function decodeTileImage(bytes: Uint8Array, mimeType: string): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  // Heights are numbers in the colour channels: no colour management, no premultiplication.
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { data: context.getImageData(0, 0, canvas.width, canvas.height).data, width: canvas.width, height: canvas.height };
}

function describeDem(dem: OpenedDem, bounds: [number, number, number, number]): ImageryDescription {
  const { georeference } = dem;
  return {
    kind: 'geotiff',
    crs: georeference.crs,
    crsSource: dem.crsSource,
    width: georeference.width,
    height: georeference.height,
    levels: dem.levels.length,
    bounds,
    pixelSizeMetres: pixelSizeMetres(georeference.crs, georeference.pixelSizeX, bounds),
    dem: { encoding: 'mapbox' },
  };
}

function describeArchive(archive: TileArchive): ImageryDescription {
  const latitude = (archive.bounds[1] + archive.bounds[3]) / 2;
  return {
    kind: archive.kind,
    crs: 'EPSG:3857',
    crsSource: 'geokeys',
    width: 0,
    height: 0,
    levels: archive.maxZoom - archive.minZoom + 1,
    bounds: archive.bounds,
    pixelSizeMetres: tilePixelSizeMetres(archive.maxZoom, latitude),
    tiles: { format: archive.format, minZoom: archive.minZoom, maxZoom: archive.maxZoom },
  };
}

const api = {
  /** `asDem`: the user marked the file as an elevation model (else recognised by its bands or metadata). */
  async open(id: string, file: Blob, fileName: string, crs?: string, asDem = false): Promise<ImageryOpenResult> {
    try {
      const archive = await openTileArchive(file, fileName, { wasmUrl: sqliteWasmUrl });
      if (archive) {
        archives.set(id, archive);
        const encoding = archive.terrainEncoding ?? (asDem ? 'mapbox' : undefined);
        if (!encoding) return { ok: true, description: describeArchive(archive) };
        dems.set(id, { dem: demFromTileArchive(archive, fileName, encoding, decodeTileImage), bounds: archive.bounds, groundHeight: 0 });
        return { ok: true, description: { ...describeArchive(archive), dem: { encoding } } };
      }
      if (asDem) return await openDem(id, file, fileName, crs, true);
      let raster: OpenedRaster;
      try {
        raster = await openGeoTiff(file, fileName, crs);
      } catch (error) {
        // Not a picture: a single-band DEM (Int16, Float32, …) is recognised here.
        if (error instanceof RasterReadError && error.problem === 'unsupported-samples') return await openDem(id, file, fileName, crs, false);
        throw error;
      }
      const bounds = rasterBoundsWgs84(raster.georeference);
      opened.set(id, { raster, bounds });
      const { georeference } = raster;
      const description: ImageryDescription = {
        kind: 'geotiff',
        crs: georeference.crs,
        crsSource: raster.crsSource,
        width: georeference.width,
        height: georeference.height,
        levels: raster.levels.length,
        bounds,
        pixelSizeMetres: pixelSizeMetres(georeference.crs, georeference.pixelSizeX, bounds),
      };
      return { ok: true, description };
    } catch (error) {
      if (error instanceof RasterReadError) return { ok: false, problem: error.problem, detail: error.detail };
      return { ok: false, problem: 'not-geotiff', detail: error instanceof Error ? error.message : String(error) };
    }
  },

  /** The tile's pixels, or null where the tile misses the image. */
  async tile(id: string, z: number, x: number, y: number): Promise<ImageBitmap | null> {
    const archive = archives.get(id);
    if (archive) {
      const bytes = await archive.tile(z, x, y);
      if (!bytes) return null;
      const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: tileMimeType(archive.format) }));
      return transfer(bitmap, [bitmap]);
    }
    const demEntry = dems.get(id);
    if (demEntry) {
      // raster-dem wants a full tile everywhere: flat ground where the DEM does not reach.
      const pixels = (await renderDemTile(demEntry.dem, z, x, y, { tileSize: TILE_SIZE, bounds: demEntry.bounds })) ?? flatTerrainRgbTile(TILE_SIZE, demEntry.groundHeight);
      const bitmap = await createImageBitmap(new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, TILE_SIZE, TILE_SIZE));
      return transfer(bitmap, [bitmap]);
    }
    const entry = opened.get(id);
    if (!entry) return null;
    const pixels = await renderRasterTile(entry.raster, z, x, y, { tileSize: TILE_SIZE, bounds: entry.bounds });
    if (!pixels) return null;
    const bitmap = await createImageBitmap(new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, TILE_SIZE, TILE_SIZE));
    return transfer(bitmap, [bitmap]);
  },

  /** The slope statistics of a plot (WGS84 polygon) on the elevation model `id`. */
  async plotSlope(id: string, geometry: Geometry): Promise<PlotSlope> {
    const entry = dems.get(id);
    if (!entry) return { kind: 'not-covered' };
    return plotSlopeOnDem(entry.dem, geometry);
  },

  close(id: string): void {
    opened.delete(id);
    dems.delete(id);
    archives.get(id)?.close();
    archives.delete(id);
  },
};

async function openDem(id: string, file: Blob, fileName: string, crs: string | undefined, marked: boolean): Promise<ImageryOpenResult> {
  const dem = await openDemGeoTiff(file, fileName, { crs, marked });
  const bounds = rasterBoundsWgs84(dem.georeference);
  dems.set(id, { dem, bounds, groundHeight: await typicalHeight(dem) });
  return { ok: true, description: describeDem(dem, bounds) };
}

/**
 * A height near the DEM's centre (its smallest level), for tiles the DEM does not reach: flat
 * ground there at 0 m would shade as a cliff against mountains at the tile's edge.
 */
async function typicalHeight(dem: OpenedDem): Promise<number> {
  const level = dem.levels.length - 1;
  const { width, height } = dem.levels[level]!;
  const column = Math.max(0, Math.floor(width / 2) - 1);
  const row = Math.max(0, Math.floor(height / 2) - 1);
  const values = Array.from(await dem.readHeights(level, [column, row, Math.min(width, column + 3), Math.min(height, row + 3)]));
  const valid = values.filter((value) => !Number.isNaN(value) && value !== dem.nodata);
  return valid.length > 0 ? valid.reduce((sum, value) => sum + value, 0) / valid.length : 0;
}

/** Ground size of a source pixel in metres (degrees converted at the image's latitude). */
function pixelSizeMetres(crs: string, pixelSize: number, bounds: readonly number[]): number {
  const size = Math.abs(pixelSize);
  if (crs === 'EPSG:4326' || crs === 'EPSG:4490' || crs === 'EPSG:4610' || crs === 'EPSG:4214') {
    const latitude = ((bounds[1]! + bounds[3]!) / 2) * (Math.PI / 180);
    return size * 111_320 * Math.cos(latitude);
  }
  if (crs === 'EPSG:3857') {
    const latitude = ((bounds[1]! + bounds[3]!) / 2) * (Math.PI / 180);
    return size * Math.cos(latitude);
  }
  return size;
}

export type ImageryWorkerApi = typeof api;
exposeApi(api);
