/**
 * DEM input: a generated single-band GeoTIFF (Float32 in Gauss–Krüger, with and without nodata) and a
 * terrain-RGB tile archive give the plane's slope under a plot, and terrain-RGB map tiles whose
 * decoded heights match the DEM.
 */
import type { Polygon } from 'geojson';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { createTransform } from '../../src/lib/geo/crs/transform';
import { lonLatToTileCoordinate, tileCoordinateToLonLat } from '../../src/lib/geo/raster/web-mercator-tiles';
import { decodeTerrainRgb, encodeTerrainRgb } from '../../src/lib/geo/raster/terrain';
import { demFromTileArchive, isDemImage, openDemGeoTiff, plotSlopeOnDem, renderDemTile } from '../../src/lib/io/dem';
import { readTiffLevels, RasterReadError } from '../../src/lib/io/geotiff';
import { terrainEncodingOf, type TileArchive } from '../../src/lib/io/tile-archives/tile-archive';

const PLANE_DEGREES = (Math.atan(0.5) * 180) / Math.PI;
const toGk = createTransform('EPSG:4326', 'EPSG:4545');
const fromGk = createTransform('EPSG:4545', 'EPSG:4326');
const [checkEasting, checkNorthing] = toGk([108.77, 28.84]) as [number, number];
const ORIGIN_X = Math.round(checkEasting / 10) * 10;
const ORIGIN_Y = Math.round(checkNorthing / 10) * 10;
const CELL = 10;
const SIZE = 80;

function demTiff(values: Float32Array, nodata?: number): ArrayBuffer {
  return writeArrayBuffer(values, {
    width: SIZE,
    height: SIZE,
    ModelPixelScale: [CELL, CELL, 0],
    ModelTiepoint: [0, 0, 0, ORIGIN_X, ORIGIN_Y, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 4545,
    ...(nodata === undefined ? {} : { GDAL_NODATA: `${nodata}\u0000` }),
  });
}

function plane(values: Float32Array): Float32Array {
  for (let row = 0; row < SIZE; row += 1) for (let column = 0; column < SIZE; column += 1) values[row * SIZE + column] = 300 + column * CELL * 0.5;
  return values;
}

function gkPlot(column0: number, row0: number, column1: number, row1: number): Polygon {
  const ring = [
    [column0, row0],
    [column1, row0],
    [column1, row1],
    [column0, row1],
    [column0, row0],
  ].map(([column, row]) => fromGk([ORIGIN_X + column! * CELL, ORIGIN_Y - row! * CELL]));
  return { type: 'Polygon', coordinates: [ring] };
}

describe('DEM GeoTIFFs', () => {
  it('tells a DEM (one band, not 8-bit) from a picture', async () => {
    const [dem] = await readTiffLevels(demTiff(plane(new Float32Array(SIZE * SIZE))), 'dem.tif');
    expect(isDemImage(dem!)).toBe(true);
    const picture = writeArrayBuffer(new Uint8Array(SIZE * SIZE), { width: SIZE, height: SIZE, ModelPixelScale: [CELL, CELL, 0], ModelTiepoint: [0, 0, 0, ORIGIN_X, ORIGIN_Y, 0], ProjectedCSTypeGeoKey: 4545 });
    const [grey] = await readTiffLevels(picture, 'grey.tif');
    expect(isDemImage(grey!)).toBe(false);
    await expect(openDemGeoTiff(picture, 'grey.tif')).rejects.toBeInstanceOf(RasterReadError);
    // Marked by the user as a DEM, an 8-bit band is read as heights.
    await expect(openDemGeoTiff(picture, 'grey.tif', { marked: true })).resolves.toMatchObject({ georeference: { crs: 'EPSG:4545' } });
  });

  it('reads a Float32 Gauss–Krüger DEM and gives a plot on it the plane’s 26.565°', async () => {
    const dem = await openDemGeoTiff(demTiff(plane(new Float32Array(SIZE * SIZE))), 'dem-4545.tif');
    expect(dem.georeference).toMatchObject({ crs: 'EPSG:4545', originX: ORIGIN_X, originY: ORIGIN_Y, pixelSizeX: CELL, pixelSizeY: -CELL });
    expect(dem.nodata).toBeNull();
    const slope = await plotSlopeOnDem(dem, gkPlot(20, 20, 40, 30));
    expect(slope).toMatchObject({ kind: 'slope', cells: 200, coveredShare: 1 });
    if (slope.kind !== 'slope') return;
    expect(slope.meanDegrees).toBeCloseTo(PLANE_DEGREES, 4);
  });

  // geotiff.js's writer garbles Int16 samples (500 reads back as −3072), so the fixture is Float32.
  it('reads a DEM’s GDAL nodata value and leaves those cells out', async () => {
    const values = plane(new Float32Array(SIZE * SIZE));
    for (let row = 20; row < 25; row += 1) for (let column = 20; column < 40; column += 1) values[row * SIZE + column] = -9999;
    const dem = await openDemGeoTiff(demTiff(values, -9999), 'dem-nodata.tif');
    expect(dem.nodata).toBe(-9999);
    const slope = await plotSlopeOnDem(dem, gkPlot(20, 20, 40, 30));
    expect(slope).toMatchObject({ kind: 'slope', cells: 100, coveredShare: 0.5 });
    expect(await plotSlopeOnDem(dem, gkPlot(200, 200, 210, 210))).toEqual({ kind: 'not-covered' });
  });

  it('draws terrain-RGB map tiles whose heights are the DEM’s at that place', async () => {
    const dem = await openDemGeoTiff(demTiff(plane(new Float32Array(SIZE * SIZE))), 'dem-4545.tif');
    const z = 15;
    const [lon, lat] = fromGk([ORIGIN_X + 40 * CELL, ORIGIN_Y - 40 * CELL]) as [number, number];
    const [tx, ty] = lonLatToTileCoordinate(z, lon, lat);
    const tile = await renderDemTile(dem, z, Math.floor(tx), Math.floor(ty));
    expect(tile).toBeDefined();
    const px = Math.floor((tx - Math.floor(tx)) * 256);
    const py = Math.floor((ty - Math.floor(ty)) * 256);
    const at = (py * 256 + px) * 4;
    // Column 40 of the plane lies at 300 + 40 × 10 × 0.5 = 500 m (to a tile pixel of ~4 m → 2 m).
    expect(decodeTerrainRgb(tile![at]!, tile![at + 1]!, tile![at + 2]!)).toBeGreaterThan(497);
    expect(decodeTerrainRgb(tile![at]!, tile![at + 1]!, tile![at + 2]!)).toBeLessThan(503);
    expect(await renderDemTile(dem, z, Math.floor(tx) + 20, Math.floor(ty))).toBeUndefined();
  });
});

describe('terrain-RGB tile archives', () => {
  it('recognises elevation archives by their metadata', () => {
    expect(terrainEncodingOf({ encoding: 'terrarium' })).toBe('terrarium');
    expect(terrainEncodingOf({ name: 'Youyang terrain-RGB' })).toBe('mapbox');
    expect(terrainEncodingOf({ name: 'Orthophoto 2023' })).toBeUndefined();
  });

  it('gives a plot its slope from the tiles at the deepest zoom', async () => {
    // An archive whose "images" are raw RGBA: heights rising 0.5 m per ground metre east.
    const z = 14;
    const [lon0, lat0] = [108.77, 28.84];
    const [tileX, tileY] = lonLatToTileCoordinate(z, lon0, lat0).map(Math.floor) as [number, number];
    const [west] = tileCoordinateToLonLat(z, tileX, tileY);
    const groundPerPixel = (2 * Math.PI * 6378137) / (256 * 2 ** z);
    const tiles = new Map<string, Uint8Array>();
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        const pixels = new Uint8Array(256 * 256 * 4);
        for (let y = 0; y < 256; y += 1) {
          const [, lat] = tileCoordinateToLonLat(z, tileX + dx, tileY + dy + (y + 0.5) / 256);
          const scale = Math.cos((lat * Math.PI) / 180);
          for (let x = 0; x < 256; x += 1) encodeTerrainRgb(400 + 0.5 * ((dx * 256 + x + 0.5) * groundPerPixel * scale), pixels, (y * 256 + x) * 4);
        }
        tiles.set(`${tileX + dx}/${tileY + dy}`, pixels);
      }
    }
    const archive: TileArchive = {
      kind: 'pmtiles',
      format: 'png',
      minZoom: 10,
      maxZoom: z,
      bounds: [west - 0.1, lat0 - 0.1, west + 0.1, lat0 + 0.1],
      terrainEncoding: 'mapbox',
      tile: async (zoom, x, y) => (zoom === z ? (tiles.get(`${x}/${y}`) ?? null) : null),
      close() {},
    };
    const dem = demFromTileArchive(archive, 'terrain.pmtiles', 'mapbox', async (bytes) => ({ data: bytes, width: 256, height: 256 }));
    const [centreLon, centreLat] = tileCoordinateToLonLat(z, tileX + 0.5, tileY + 0.5);
    const d = 0.002;
    const plot: Polygon = {
      type: 'Polygon',
      coordinates: [[[centreLon - d, centreLat - d], [centreLon + d, centreLat - d], [centreLon + d, centreLat + d], [centreLon - d, centreLat + d], [centreLon - d, centreLat - d]]],
    };
    const slope = await plotSlopeOnDem(dem, plot);
    expect(slope.kind).toBe('slope');
    if (slope.kind !== 'slope') return;
    // 0.1 m height steps over ~8 m pixels: within 0.5° of the plane.
    expect(Math.abs(slope.meanDegrees - PLANE_DEGREES)).toBeLessThan(0.5);
    expect(slope.coveredShare).toBe(1);
  });
});
