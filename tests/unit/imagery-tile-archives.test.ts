/**
 * Raster tile archives: PMTiles (read by byte ranges) and MBTiles (sql.js, TMS rows) built here
 * give back the exact tile bytes at XYZ addresses, their zoom range, bounds and format; vector
 * archives, corrupt files and oversized MBTiles are refused with a named problem.
 */
import { describe, expect, it } from 'vitest';
import { RasterReadError } from '../../src/lib/io/geotiff';
import { MBTILES_MAX_BYTES, openMbtiles } from '../../src/lib/io/tile-archives/mbtiles-archive';
import { openTileArchive } from '../../src/lib/io/tile-archives/open-tile-archive';
import { detectTileArchive, sniffTileFormat } from '../../src/lib/io/tile-archives/tile-archive';
import { tileBounds } from '../../src/lib/geo/raster/web-mercator-tiles';
import { buildMbtiles, buildPmtiles, fakePng, type FixtureTile } from './fixtures/tile-archives';

// Youyang (108.77°E 28.84°N) lies in tile 12/3333/1703 and its parents.
const TILES: FixtureTile[] = [
  { z: 11, x: 1666, y: 851, bytes: fakePng(1) },
  { z: 12, x: 3333, y: 1703, bytes: fakePng(2) },
  { z: 12, x: 3334, y: 1703, bytes: fakePng(3) },
];

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof RasterReadError) return error.problem;
    throw error;
  }
}

describe('tile archive detection', () => {
  it('tells PMTiles and SQLite from a GeoTIFF by the first bytes', async () => {
    expect(detectTileArchive(buildPmtiles(TILES).slice(0, 16))).toBe('pmtiles');
    expect(detectTileArchive((await buildMbtiles(TILES, null)).slice(0, 16))).toBe('mbtiles');
    expect(detectTileArchive(new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(await openTileArchive(new Blob([new Uint8Array([0x49, 0x49, 0x2a, 0])]), 'photo.tif')).toBeNull();
  });

  it('sniffs raster and vector tiles', () => {
    expect(sniffTileFormat(fakePng(0))).toBe('png');
    expect(sniffTileFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffTileFormat(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('vector');
  });
});

describe('PMTiles', () => {
  it('returns each tile by its XYZ address, and null where the archive has none', async () => {
    const archive = (await openTileArchive(new Blob([buildPmtiles(TILES) as Uint8Array<ArrayBuffer>]), 'youyang.pmtiles'))!;
    expect(archive.kind).toBe('pmtiles');
    expect(archive.format).toBe('png');
    expect([archive.minZoom, archive.maxZoom]).toEqual([11, 12]);
    expect(archive.bounds).toEqual([108, 28, 109.5, 29.5]);
    for (const tile of TILES) expect(await archive.tile(tile.z, tile.x, tile.y)).toEqual(tile.bytes);
    expect(await archive.tile(12, 3333, 1704)).toBeNull();
    expect(await archive.tile(13, 6666, 3406)).toBeNull();
  });

  it('refuses vector archives, other versions and nonsense bounds', async () => {
    expect(await problemOf(openTileArchive(new Blob([buildPmtiles(TILES, { tileType: 1 }) as Uint8Array<ArrayBuffer>]), 'roads.pmtiles'))).toBe('vector-archive');
    expect(await problemOf(openTileArchive(new Blob([buildPmtiles(TILES, { version: 2 }) as Uint8Array<ArrayBuffer>]), 'old.pmtiles'))).toBe('bad-archive');
    expect(await problemOf(openTileArchive(new Blob([buildPmtiles(TILES, { bounds: [109, 28, 108, 29] }) as Uint8Array<ArrayBuffer>]), 'flipped.pmtiles'))).toBe('bad-archive');
    expect(await problemOf(openTileArchive(new Blob([buildPmtiles(TILES).slice(0, 40) as Uint8Array<ArrayBuffer>]), 'cut.pmtiles'))).toBe('bad-archive');
  });
});

describe('MBTiles', () => {
  it('flips TMS rows to XYZ and reads metadata', async () => {
    const bytes = await buildMbtiles(TILES, { name: 'ortho', format: 'png', bounds: '108.5,28.6,109.1,29.0', minzoom: '11', maxzoom: '12' });
    const archive = (await openTileArchive(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'ortho.mbtiles'))!;
    expect(archive.kind).toBe('mbtiles');
    expect(archive.format).toBe('png');
    expect([archive.minZoom, archive.maxZoom]).toEqual([11, 12]);
    expect(archive.bounds).toEqual([108.5, 28.6, 109.1, 29.0]);
    for (const tile of TILES) expect(await archive.tile(tile.z, tile.x, tile.y)).toEqual(tile.bytes);
    // The same tile asked in TMS numbering is another tile, which the archive does not have.
    expect(await archive.tile(12, 3333, 2 ** 12 - 1 - 1703)).toBeNull();
    archive.close();
  });

  it('works without a metadata table: zooms from the tiles, bounds from the smallest zoom, format sniffed', async () => {
    const archive = (await openTileArchive(new Blob([(await buildMbtiles(TILES, null)) as Uint8Array<ArrayBuffer>]), 'bare.mbtiles'))!;
    expect([archive.minZoom, archive.maxZoom]).toEqual([11, 12]);
    expect(archive.format).toBe('png');
    const expected = tileBounds(11, 1666, 851);
    archive.bounds.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 9));
    archive.close();
  });

  it('refuses vector MBTiles, a database without tiles, and archives over the memory cap', async () => {
    const vector = await buildMbtiles(TILES, { format: 'pbf' });
    expect(await problemOf(openTileArchive(new Blob([vector as Uint8Array<ArrayBuffer>]), 'roads.mbtiles'))).toBe('vector-archive');
    const empty = await buildMbtiles([], { format: 'png' });
    expect(await problemOf(openTileArchive(new Blob([empty as Uint8Array<ArrayBuffer>]), 'empty.mbtiles'))).toBe('bad-archive');
    const huge = { size: MBTILES_MAX_BYTES + 1 } as Blob;
    expect(await problemOf(openMbtiles(huge, 'huge.mbtiles'))).toBe('archive-too-large');
    const corrupt = (await buildMbtiles(TILES, null)).slice(0, 200);
    expect(await problemOf(openTileArchive(new Blob([corrupt as Uint8Array<ArrayBuffer>]), 'cut.mbtiles'))).toBe('bad-archive');
  });
});
