/**
 * The statistics CLI as `npm run stats` runs it (src/cli/launch.mjs): bundled once, the main
 * thread's code a CommonJS script run from V8's code cache, the pool's workers ES modules, the
 * packages left in node_modules required on first use. The other CLI tests run the TypeScript.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompiledStats, runStats } from './fixtures/cli-run';
import { box, collection, feature, gridZones } from './fixtures/geo/synthetic';

let directory = '';
const write = (name: string, value: string | Uint8Array) => {
  const path = join(directory, name);
  writeFileSync(path, value);
  return path;
};

// Squares across the grid's zone borders, so that clipping runs in each thread.
const forest = collection(
  Array.from({ length: 40 }, (_, index) => feature([box(108.705 + (index % 8) * 0.013, 28.805 + Math.floor(index / 8) * 0.013, 0.011)], { DI_LEI: index % 3 === 0 ? '竹林地' : '乔木林地', YU_BI_DU: 0.5 })),
);

interface Report {
  zones: { id: string; layers: { forest: { areaSquareMetres: number; featureCount: number } } }[];
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'cli-compiled-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run stats, compiled (src/cli/launch.mjs)', () => {
  it('gives what the TypeScript gives, on one thread and on two, and leaves a code cache', async () => {
    const zones = write('zones.geojson', JSON.stringify(gridZones()));
    const layer = write('forest.fgb', serialize(forest as Parameters<typeof serialize>[0]));
    const args = ['--zones', zones, '--layer', `forest=${layer}`, '--format', 'json'];
    const source = await runStats(...args);
    expect(source.code, source.stderr).toBe(0);
    const expected = JSON.parse(source.stdout) as Report;
    for (const threads of ['1', '2', '1']) {
      const compiled = await runCompiledStats(args, { YOUYANG_STATS_THREADS: threads });
      expect(compiled.code, compiled.stderr).toBe(0);
      const report = JSON.parse(compiled.stdout) as Report;
      expect(report.zones.map((zone) => zone.id)).toEqual(expected.zones.map((zone) => zone.id));
      report.zones.forEach((zone, index) => {
        const reference = expected.zones[index]!.layers.forest;
        expect(Math.abs(zone.layers.forest.areaSquareMetres - reference.areaSquareMetres)).toBeLessThanOrEqual(1e-9 * Math.max(1, reference.areaSquareMetres));
        expect(zone.layers.forest.featureCount).toBe(reference.featureCount);
      });
    }
    const { directory: build } = JSON.parse(readFileSync('node_modules/.cache/youyang-stats/current.json', 'utf8')) as { directory: string };
    expect(existsSync(join('node_modules/.cache/youyang-stats', build, 'stats-main.cjs.v8cache'))).toBe(true);
  }, 180_000);

  it('writes an Excel workbook and reads KML (packages required from node_modules on first use)', async () => {
    const zones = write('zones.geojson', JSON.stringify(gridZones()));
    const workbook = join(directory, 'stats.xlsx');
    const xlsx = await runCompiledStats(['--zones', zones, '--layer', `forest=${write('forest.geojson', JSON.stringify(forest))}`, '--format', 'xlsx', '--out', workbook]);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(workbook).subarray(0, 2).toString('latin1')).toBe('PK');
    const placemark = `<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>${box(108.71, 28.81, 0.01).map((point) => point.join(',')).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
    const kml = await runCompiledStats(['--zones', zones, '--layer', `plots=${write('plots.kml', `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemark}</Document></kml>`)}`, '--format', 'json']);
    expect(kml.code, kml.stderr).toBe(0);
    expect((JSON.parse(kml.stdout) as { totals: { layers: { plots: { featureCount: number } } } }).totals.layers.plots.featureCount).toBe(1);
  }, 180_000);
});
