/**
 * `npm run data:ensure`'s vector tiles (scripts/sample-data/catalog-tiles.ts): cut from the
 * sub-compartments' FlatGeobuf in the data folder, kept while that file is unchanged, cut again
 * when a bureau replaces it, and — for a file that cannot be read — not cut, with a line naming
 * the problem, a stale archive removed and the build going on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Position } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCatalogTiles } from '../../scripts/sample-data/catalog-tiles';
import { bytesSource } from '../../src/lib/io/tile-archives/bytes-source';

const square = (west: number, south: number, size: number): Position[] => [
  [west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south],
];

function stands(count: number): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: count }, (_, index) => ({
      type: 'Feature',
      properties: { DI_LEI: index % 2 ? '乔木林地' : '竹林地', XIAO_BAN: index + 1 },
      geometry: { type: 'Polygon', coordinates: [square(108.7 + index * 0.01, 28.8, 0.01)] },
    })),
  };
}

async function archiveMetadata(path: string): Promise<{ featureCount: number; source: { sha256: string } }> {
  return (await new PMTiles(bytesSource(new Uint8Array(readFileSync(path)), path)).getMetadata()) as { featureCount: number; source: { sha256: string } };
}

describe('ensureCatalogTiles', () => {
  let folder = '';
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('cuts the archive, keeps it while the FlatGeobuf is unchanged, and cuts it again when it changed', async () => {
    folder = mkdtempSync(join(tmpdir(), 'catalog-tiles-'));
    const fgb = join(folder, 'subcompartments.fgb');
    const archive = join(folder, 'subcompartments.pmtiles');
    writeFileSync(fgb, serialize(stands(3)));
    const lines: string[] = [];
    await ensureCatalogTiles(folder, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[data\] subcompartments\.pmtiles: 3 features cut into vector tiles/);
    expect((await archiveMetadata(archive)).featureCount).toBe(3);
    // Only what the style reads (DI_LEI, the land-class colour): clicks describe from the FlatGeobuf.
    const tile = await new PMTiles(bytesSource(new Uint8Array(readFileSync(archive)), archive)).getZxy(8, 205, 106);
    const layer = new VectorTile(new PbfReader(new Uint8Array(tile!.data))).layers['subcompartments']!;
    expect(layer.length).toBe(3);
    expect({ ...layer.feature(1).properties }).toEqual({ DI_LEI: '乔木林地' });
    const firstWrite = statSync(archive).mtimeMs;

    await ensureCatalogTiles(folder, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(statSync(archive).mtimeMs).toBe(firstWrite);

    writeFileSync(fgb, serialize(stands(5)));
    await ensureCatalogTiles(folder, (line) => lines.push(line));
    expect(lines[1]).toMatch(/^\[data\] subcompartments\.pmtiles: 5 features cut into vector tiles/);
    expect((await archiveMetadata(archive)).featureCount).toBe(5);
  });

  it('removes a stale archive and goes on when the FlatGeobuf cannot be read', async () => {
    folder = mkdtempSync(join(tmpdir(), 'catalog-tiles-'));
    const fgb = join(folder, 'subcompartments.fgb');
    const archive = join(folder, 'subcompartments.pmtiles');
    writeFileSync(fgb, serialize(stands(2)));
    await ensureCatalogTiles(folder, () => undefined);
    expect(existsSync(archive)).toBe(true);

    writeFileSync(fgb, 'not a FlatGeobuf');
    const lines: string[] = [];
    await ensureCatalogTiles(folder, (line) => lines.push(line));
    expect(existsSync(archive)).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[data\] subcompartments\.pmtiles not cut: .*subcompartments\.fgb/);
  });

  it('does nothing without the FlatGeobuf', async () => {
    folder = mkdtempSync(join(tmpdir(), 'catalog-tiles-'));
    const lines: string[] = [];
    await ensureCatalogTiles(folder, (line) => lines.push(line));
    expect(lines).toEqual([]);
    expect(existsSync(join(folder, 'subcompartments.pmtiles'))).toBe(false);
  });
});
