/**
 * The catalog's vector-tile archives (src/lib/io/tile-archives/vector-tile-archive.ts and
 * pmtiles-writer.ts), read back with the pmtiles package and @mapbox/vector-tile: header, zoom
 * range, bounds and metadata; every feature in the tile where it lies, with its index as id, its
 * properties and, at tolerance 0, every vertex within one tile unit; no tile where there is
 * nothing; leaf directories for many tiles; and the writer's refusal of a tile given twice.
 */
import { gzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { PbfReader } from 'pbf';
import { Compression, PMTiles, TileType } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/lib/io/tile-archives/bytes-source';
import { writePmtiles } from '../../src/lib/io/tile-archives/pmtiles-writer';
import { buildVectorTileArchive } from '../../src/lib/io/tile-archives/vector-tile-archive';

const memorySource = (bytes: Uint8Array) => bytesSource(bytes, 'memory');

/** A ring of `count` vertices around a centre, radius varying so no three are collinear. */
function wigglyRing(centre: [number, number], radius: number, count: number): Position[] {
  const ring = Array.from({ length: count }, (_, index) => {
    const angle = (2 * Math.PI * index) / count;
    const r = radius * (1 + 0.2 * Math.sin(3 * angle) + 0.05 * Math.cos(7 * angle));
    return [centre[0] + r * Math.cos(angle), centre[1] + r * Math.sin(angle)];
  });
  return [...ring, ring[0]!];
}

const square = (west: number, south: number, size: number): Position[] => [
  [west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south],
];

// Near Zhongduo (108.77°E, 28.84°N): all in tile 12/3285/1705 (8/205/106).
const FEATURES: Feature<Polygon>[] = [
  { type: 'Feature', properties: { DI_LEI: '乔木林地', YU_BI_DU: 0.65 }, geometry: { type: 'Polygon', coordinates: [square(108.760, 28.830, 0.004)] } },
  { type: 'Feature', properties: { DI_LEI: '竹林地', YU_BI_DU: 0.4 }, geometry: { type: 'Polygon', coordinates: [square(108.764, 28.830, 0.004)] } },
  {
    type: 'Feature',
    properties: { DI_LEI: '灌木林地', YU_BI_DU: 0.3 },
    geometry: { type: 'Polygon', coordinates: [wigglyRing([108.775, 28.840], 0.002, 60), square(108.7745, 28.8395, 0.001).reverse()] },
  },
];
const COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: FEATURES };

async function archiveOf(collection: FeatureCollection, gzip: boolean) {
  const bytes = buildVectorTileArchive(collection, {
    layerName: 'stands',
    minZoom: 8,
    maxZoom: 12,
    tolerance: 0,
    metadata: { source: { file: 'stands.fgb', sha256: 'abc' } },
    ...(gzip ? { gzip: (tile: Uint8Array) => gzipSync(tile) } : {}),
  });
  return new PMTiles(memorySource(bytes));
}

async function tileFeatures(archive: PMTiles, z: number, x: number, y: number) {
  const response = await archive.getZxy(z, x, y);
  if (!response) return null;
  const layer = new VectorTile(new PbfReader(new Uint8Array(response.data))).layers['stands']!;
  return Array.from({ length: layer.length }, (_, index) => layer.feature(index)).map((feature) => ({
    id: feature.id,
    properties: feature.properties,
    geometry: feature.toGeoJSON(x, y, z).geometry as Polygon,
  }));
}

describe('buildVectorTileArchive', () => {
  it('writes vector tiles with the zoom range, the bounds and the metadata it was given', async () => {
    const archive = await archiveOf(COLLECTION, true);
    const header = await archive.getHeader();
    expect(header.tileType).toBe(TileType.Mvt);
    expect(header.tileCompression).toBe(Compression.Gzip);
    expect([header.minZoom, header.maxZoom]).toEqual([8, 12]);
    expect(header.minLon).toBeCloseTo(108.76, 6);
    expect(header.minLat).toBeCloseTo(28.83, 6);
    expect(header.maxLon).toBeCloseTo(108.775 + 0.002 * 1.25, 3);
    expect(header.clustered).toBe(true);
    const metadata = (await archive.getMetadata()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ featureCount: 3, source: { file: 'stands.fgb', sha256: 'abc' }, vector_layers: [{ id: 'stands', minzoom: 8, maxzoom: 12 }] });
  });

  it('puts every feature in its tile with its index as id, its properties and every vertex (tolerance 0)', async () => {
    for (const gzip of [true, false]) {
      const features = (await tileFeatures(await archiveOf(COLLECTION, gzip), 12, 3285, 1705))!;
      expect(features.map((feature) => feature.id).sort()).toEqual([0, 1, 2]);
      const withHole = features.find((feature) => feature.id === 2)!;
      expect(withHole.properties).toEqual({ DI_LEI: '灌木林地', YU_BI_DU: 0.3 });
      expect(withHole.geometry.coordinates.map((ring) => ring.length)).toEqual([61, 5]);
      // One unit of a zoom-12 tile is about 2 m: 360° / 2^12 / 4096 ≈ 2.1e-5°.
      const unit = 360 / 2 ** 12 / 4096;
      // Rings may start elsewhere and turn the other way (vector tiles wind them): compare as sets.
      const originals = FEATURES[2]!.geometry.coordinates[0]!;
      for (const position of withHole.geometry.coordinates[0]!) {
        const nearest = Math.min(...originals.map((original) => Math.max(Math.abs(position[0]! - original[0]!), Math.abs(position[1]! - original[1]!))));
        expect(nearest).toBeLessThan(unit);
      }
    }
  });

  it('keeps only the attributes it is asked to keep, ids unchanged', async () => {
    const bytes = buildVectorTileArchive(COLLECTION, { layerName: 'stands', minZoom: 8, maxZoom: 12, tolerance: 0, properties: ['DI_LEI', 'MISSING'] });
    const features = (await tileFeatures(new PMTiles(memorySource(bytes)), 12, 3285, 1705))!;
    expect(features.sort((a, b) => Number(a.id) - Number(b.id)).map((feature) => [feature.id, { ...feature.properties }])).toEqual([
      [0, { DI_LEI: '乔木林地' }],
      [1, { DI_LEI: '竹林地' }],
      [2, { DI_LEI: '灌木林地' }],
    ]);
    // The collection itself is left as it was.
    expect(FEATURES[0]!.properties).toEqual({ DI_LEI: '乔木林地', YU_BI_DU: 0.65 });
  });

  it('has no tile where there are no features, and none below the minimum zoom', async () => {
    const archive = await archiveOf(COLLECTION, true);
    expect(await archive.getZxy(12, 3290, 1705)).toBeUndefined();
    expect(await archive.getZxy(7, 102, 53)).toBeUndefined();
    expect(await tileFeatures(archive, 8, 205, 106)).toHaveLength(3);
  });
});

describe('buildVectorTileArchive with simplification', () => {
  it('keeps polygons too small for the low zooms in the tiles of the zooms where they show', async () => {
    // 40 m squares: under geojson-vt's tolerance at low zooms (left out there), drawn from zoom ~11.
    const small: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: 5 }, (_, index) => ({ type: 'Feature', properties: { n: index }, geometry: { type: 'Polygon', coordinates: [square(108.76 + index * 0.001, 28.83, 0.0004)] } })),
    };
    const bytes = buildVectorTileArchive(small, { layerName: 'stands', minZoom: 6, maxZoom: 13, tolerance: 2.4 });
    const archive = new PMTiles(memorySource(bytes));
    expect(await archive.getZxy(6, 51, 26)).toBeUndefined();
    const features = (await tileFeatures(archive, 13, 6570, 3410))!;
    expect(features.map((feature) => feature.id).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('writePmtiles', () => {
  const description = { tileType: TileType.Png, tileCompression: Compression.None, minZoom: 0, maxZoom: 14, bounds: [108, 28, 109.5, 29.5] as const, metadata: {} };

  it('gives back each tile at its address, whatever order they came in', async () => {
    const tiles = [
      { z: 12, x: 3334, y: 1703, data: new Uint8Array([3]) },
      { z: 0, x: 0, y: 0, data: new Uint8Array([1, 1]) },
      { z: 12, x: 3333, y: 1703, data: new Uint8Array([2, 2, 2]) },
    ];
    const archive = new PMTiles(memorySource(writePmtiles(tiles, description)));
    for (const tile of tiles) expect(new Uint8Array((await archive.getZxy(tile.z, tile.x, tile.y))!.data)).toEqual(tile.data);
  });

  it('refuses a tile given twice', () => {
    const tile = { z: 3, x: 1, y: 2, data: new Uint8Array([1]) };
    expect(() => writePmtiles([tile, tile], description)).toThrow('tile 3/1/2 is given twice');
  });

  it('puts the entries in leaf directories when the root would not fit in the first 16 KiB', async () => {
    // 20,000 tiles (a region 16 times the county at zoom 13): ~100 KB of entries.
    const tiles = Array.from({ length: 20_000 }, (_, index) => ({ z: 14, x: 13_000 + (index % 160), y: 6_800 + Math.floor(index / 160), data: Uint8Array.of(index % 251, index % 7, 9) }));
    const archive = new PMTiles(memorySource(writePmtiles(tiles, description)));
    const header = await archive.getHeader();
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.numAddressedTiles).toBe(20_000);
    for (const index of [0, 1, 4095, 4096, 12_345, 19_999]) {
      const { z, x, y, data } = tiles[index]!;
      expect(new Uint8Array((await archive.getZxy(z, x, y))!.data)).toEqual(data);
    }
    expect(await archive.getZxy(14, 12_999, 6_800)).toBeUndefined();
  });
});
