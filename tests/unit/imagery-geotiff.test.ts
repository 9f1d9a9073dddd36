/**
 * Orthophotos: a GeoTIFF generated here in CGCS2000 3° Gauss–Krüger (EPSG:4545) is read, placed
 * and reprojected into Web Mercator tiles at the right place (within half a source pixel).
 */
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { createTransform } from '../../src/lib/geo/crs/transform';
import { lonLatToTileCoordinate, tileCoordinateToLonLat, tilePixelSizeMetres } from '../../src/lib/geo/raster/web-mercator-tiles';
import { planTile, rasterBoundsWgs84 } from '../../src/lib/geo/raster/reproject-tile';
import { openGeoTiff, RasterReadError } from '../../src/lib/io/geotiff';
import { renderRasterTile } from '../../src/lib/io/raster-tile';

const toGk = createTransform('EPSG:4326', 'EPSG:4545');
const fromGk = createTransform('EPSG:4545', 'EPSG:4326');
// The DESIGN.md check point, rounded to a 10 m grid.
const [checkEasting, checkNorthing] = toGk([108.77, 28.84]) as [number, number];
const ORIGIN_X = Math.round(checkEasting / 10) * 10;
const ORIGIN_Y = Math.round(checkNorthing / 10) * 10;
const PIXEL = 10;
const SIZE = 100;
/** The red square: pixels [40, 60) in both directions. */
const RED_FROM = 40;
const RED_TO = 60;

function gkTiff(options: { geoKeys?: boolean } = {}): ArrayBuffer {
  const values = new Uint8Array(SIZE * SIZE * 3);
  for (let row = 0; row < SIZE; row += 1) {
    for (let column = 0; column < SIZE; column += 1) {
      const red = row >= RED_FROM && row < RED_TO && column >= RED_FROM && column < RED_TO;
      values.set(red ? [230, 20, 20] : [240, 240, 240], (row * SIZE + column) * 3);
    }
  }
  const metadata: Record<string, unknown> = {
    width: SIZE,
    height: SIZE,
    PhotometricInterpretation: 2,
    ModelPixelScale: [PIXEL, PIXEL, 0],
    ModelTiepoint: [0, 0, 0, ORIGIN_X, ORIGIN_Y, 0],
  };
  if (options.geoKeys !== false) {
    metadata.GTModelTypeGeoKey = 1;
    metadata.GTRasterTypeGeoKey = 1;
    metadata.ProjectedCSTypeGeoKey = 4545;
  } else {
    metadata.GTModelTypeGeoKey = 1;
    metadata.ProjectedCSTypeGeoKey = 32767;
  }
  return writeArrayBuffer(values, metadata);
}

describe('GeoTIFF orthophotos', () => {
  it('reads the georeference and CRS of a Gauss–Krüger GeoTIFF', async () => {
    const raster = await openGeoTiff(gkTiff(), 'ortho-4545.tif');
    expect(raster.georeference).toMatchObject({ crs: 'EPSG:4545', width: SIZE, height: SIZE, originX: ORIGIN_X, originY: ORIGIN_Y, pixelSizeX: PIXEL, pixelSizeY: -PIXEL });
    expect(raster.levels).toEqual([{ width: SIZE, height: SIZE }]);
  });

  it('places the corners in WGS84 where proj4 puts them', async () => {
    const raster = await openGeoTiff(gkTiff(), 'ortho-4545.tif');
    const [west, south, east, north] = rasterBoundsWgs84(raster.georeference);
    const corners = [
      fromGk([ORIGIN_X, ORIGIN_Y]),
      fromGk([ORIGIN_X + SIZE * PIXEL, ORIGIN_Y]),
      fromGk([ORIGIN_X, ORIGIN_Y - SIZE * PIXEL]),
      fromGk([ORIGIN_X + SIZE * PIXEL, ORIGIN_Y - SIZE * PIXEL]),
    ];
    expect(west).toBeCloseTo(Math.min(...corners.map((corner) => corner[0]!)), 9);
    expect(east).toBeCloseTo(Math.max(...corners.map((corner) => corner[0]!)), 9);
    expect(south).toBeCloseTo(Math.min(...corners.map((corner) => corner[1]!)), 9);
    expect(north).toBeCloseTo(Math.max(...corners.map((corner) => corner[1]!)), 9);
  });

  it('reprojects into a Web Mercator tile with the red square at its true place (within half a source pixel)', async () => {
    const raster = await openGeoTiff(gkTiff(), 'ortho-4545.tif');
    const z = 16;
    const redCorners = [
      [RED_FROM, RED_FROM],
      [RED_TO, RED_FROM],
      [RED_FROM, RED_TO],
      [RED_TO, RED_TO],
    ].map(([column, row]) => fromGk([ORIGIN_X + column! * PIXEL, ORIGIN_Y - row! * PIXEL]));
    const tileCorners = redCorners.map(([lon, lat]) => lonLatToTileCoordinate(z, lon!, lat!));
    const centreX = tileCorners.reduce((sum, corner) => sum + corner[0], 0) / 4;
    const centreY = tileCorners.reduce((sum, corner) => sum + corner[1], 0) / 4;
    const tileX = Math.floor(centreX);
    const tileY = Math.floor(centreY);
    const tile = await renderRasterTile(raster, z, tileX, tileY);
    expect(tile).toBeDefined();

    let minColumn = Infinity;
    let maxColumn = -Infinity;
    let minRow = Infinity;
    let maxRow = -Infinity;
    for (let row = 0; row < 256; row += 1) {
      for (let column = 0; column < 256; column += 1) {
        const at = (row * 256 + column) * 4;
        if (tile![at]! > 200 && tile![at + 1]! < 60 && tile![at + 3] === 255) {
          minColumn = Math.min(minColumn, column);
          maxColumn = Math.max(maxColumn, column + 1);
          minRow = Math.min(minRow, row);
          maxRow = Math.max(maxRow, row + 1);
        }
      }
    }
    const [, lat] = fromGk([ORIGIN_X + 50 * PIXEL, ORIGIN_Y - 50 * PIXEL]);
    const halfSourcePixelInTilePixels = PIXEL / 2 / tilePixelSizeMetres(z, lat!);
    // Clipped to the tile: the square may run over into the next tile.
    const clip = (value: number) => Math.min(256, Math.max(0, value));
    const expectedColumns = tileCorners.map((corner) => clip((corner[0] - tileX) * 256));
    const expectedRows = tileCorners.map((corner) => clip((corner[1] - tileY) * 256));
    // The square is turned by the GK grid's convergence (≈0.4°): compare the envelope.
    expect(Math.abs(minColumn - Math.min(...expectedColumns))).toBeLessThanOrEqual(halfSourcePixelInTilePixels + 1);
    expect(Math.abs(maxColumn - Math.max(...expectedColumns))).toBeLessThanOrEqual(halfSourcePixelInTilePixels + 1);
    expect(Math.abs(minRow - Math.min(...expectedRows))).toBeLessThanOrEqual(halfSourcePixelInTilePixels + 1);
    expect(Math.abs(maxRow - Math.max(...expectedRows))).toBeLessThanOrEqual(halfSourcePixelInTilePixels + 1);
    // And the tile's pixel at the square's centre is red, one outside it is not.
    const centreColumn = Math.floor((centreX - tileX) * 256);
    const centreRow = Math.floor((centreY - tileY) * 256);
    expect(tile![(centreRow * 256 + centreColumn) * 4]).toBeGreaterThan(200);
    expect(tile![(centreRow * 256 + centreColumn) * 4 + 1]).toBeLessThan(60);
  });

  it('returns nothing for a tile that misses the raster, and picks an overview for small zooms', async () => {
    const raster = await openGeoTiff(gkTiff(), 'ortho-4545.tif');
    const [lon, lat] = tileCoordinateToLonLat(16, 0, 0);
    expect(await renderRasterTile(raster, 16, 0, 0)).toBeUndefined();
    expect(lon).toBe(-180);
    expect(lat).toBeGreaterThan(85);
    const levels = [
      { width: 40_000, height: 40_000 },
      { width: 20_000, height: 20_000 },
      { width: 10_000, height: 10_000 },
      { width: 5_000, height: 5_000 },
    ];
    const georeference = { crs: 'EPSG:4545', width: 40_000, height: 40_000, originX: ORIGIN_X, originY: ORIGIN_Y, pixelSizeX: 0.5, pixelSizeY: -0.5 };
    const centre = fromGk([ORIGIN_X + 10_000, ORIGIN_Y - 10_000]);
    const at = (z: number) => {
      const [x, y] = lonLatToTileCoordinate(z, centre[0]!, centre[1]!);
      return planTile(georeference, levels, z, Math.floor(x), Math.floor(y))!.level;
    };
    expect(at(19)).toBe(0); // 0.26 m tile pixels: full resolution
    expect(at(17)).toBe(1); // ≈1.05 m tile pixels: the 1 m overview
    expect(at(13)).toBe(3); // ≈17 m tile pixels: the coarsest overview
  });

  it('refuses a GeoTIFF without a known CRS unless one is chosen, and a file that is no TIFF', async () => {
    await expect(openGeoTiff(gkTiff({ geoKeys: false }), 'user-defined.tif')).rejects.toMatchObject({ problem: 'unknown-crs', fileName: 'user-defined.tif' });
    const chosen = await openGeoTiff(gkTiff({ geoKeys: false }), 'user-defined.tif', 'EPSG:4545');
    expect(chosen.georeference.crs).toBe('EPSG:4545');
    expect(chosen.crsSource).toBe('chosen');
    const notTiff = new TextEncoder().encode('not a tiff at all').buffer as ArrayBuffer;
    await expect(openGeoTiff(notTiff, 'notes.tif')).rejects.toBeInstanceOf(RasterReadError);
  });
});
