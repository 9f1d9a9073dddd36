import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { reprojectGeoJson } from '../../src/lib/geo/crs';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { runStats } from './fixtures/cli-run';
import { box, collection, feature, gridZones } from './fixtures/geo/synthetic';

let directory = '';

const stats = runStats;

const write = (name: string, value: unknown) => {
  const path = join(directory, name);
  writeFileSync(path, typeof value === 'string' || value instanceof Uint8Array ? value : JSON.stringify(value));
  return path;
};

const forest = collection([
  feature([box(108.71, 28.81, 0.01)], { DI_LEI: '乔木林地', YU_BI_DU: 0.6 }),
  feature([box(108.745, 28.81, 0.01)], { DI_LEI: '竹林地' }), // crosses into the next township
]);
const zones = gridZones();

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'cli-stats-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run stats (CLI as a child process)', () => {
  it('prints an aligned table with 亩 and coverage by default', async () => {
    const result = await stats('--zones', write('zones.geojson', zones), '--layer', `subcompartments=${write('forest.geojson', forest)}`);
    expect(result.code).toBe(0);
    // The panel's table (src/lib/statistics): its headers, its total label, its notes under the table.
    const [table, notes] = result.stdout.trimEnd().split('\n\n');
    const lines = table!.split('\n');
    expect(lines[0]).toMatch(/^乡镇代码\s+乡镇\s+土地面积\(亩\)\s+森林面积\(亩\)\s+森林覆盖率\(%\)\s+森林资源小班\(亩\)\s+森林资源小班个数$/);
    expect(lines).toHaveLength(2 + 9 + 2);
    expect(lines.at(-1)).toMatch(/合计（9个区域）/);
    expect(notes).toMatch(/^注：森林覆盖率 =/);
    // Columns line up: every row is as wide as the rule under the header (CJK counted double).
    expect(lines[2]).toMatch(/^Z0\s+乡0\s+[\d,]+\.\d\d\s+/);
    expect(result.stderr).toMatch(/statistics \d+\.\d\d s/);
  }, 60_000);

  it('reads layers in other CRSs (GeoJSON crs member, FlatGeobuf header, --crs) and writes JSON', async () => {
    const gk = reprojectGeoJson(forest, 'EPSG:4326', 'EPSG:4545');
    const declared = { ...gk, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } } };
    const fgb = serialize(reprojectGeoJson(forest, 'EPSG:4326', 'EPSG:4524') as Parameters<typeof serialize>[0], 4524);
    const expected = squareMetresToMu(geometryAreaSquareMetres(forest.features[0]!.geometry) + geometryAreaSquareMetres(forest.features[1]!.geometry));
    for (const args of [
      ['--layer', `subcompartments=${write('declared.geojson', declared)}`],
      ['--layer', `subcompartments=${write('zone36.fgb', fgb)}`],
    ]) {
      const result = await stats('--zones', write('zones.geojson', zones), ...args, '--format', 'json');
      expect(result.code, result.stderr).toBe(0);
      const json = JSON.parse(result.stdout) as { totals: { layers: { subcompartments: { areaSquareMetres: number; featureCount: number } } } };
      expect(squareMetresToMu(json.totals.layers.subcompartments.areaSquareMetres)).toBeCloseTo(expected, 3);
      expect(json.totals.layers.subcompartments.featureCount).toBe(2);
    }
    // A bare GK file needs --crs; it then applies to every input, so give zones in the same CRS.
    const bare = await stats(
      '--zones', write('zones-gk.geojson', reprojectGeoJson(zones, 'EPSG:4326', 'EPSG:4545')),
      '--layer', `subcompartments=${write('bare.geojson', gk)}`, '--crs', 'EPSG:4545', '--format', 'json',
    );
    expect(bare.code, bare.stderr).toBe(0);
    expect(squareMetresToMu((JSON.parse(bare.stdout) as { totals: { layers: { subcompartments: { areaSquareMetres: number } } } }).totals.layers.subcompartments.areaSquareMetres)).toBeCloseTo(expected, 2);
  }, 120_000);

  it('writes CSV with a BOM and a total row to --out', async () => {
    const out = join(directory, 'stats.csv');
    const result = await stats('--zones', write('zones.geojson', zones), '--layer', `forest=${write('forest.geojson', forest)}`, '--format', 'csv', '--out', out, '--lang', 'en');
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFCode,Township,Land area (mu),Forest area (mu),Forest coverage (%),forest (mu),forest (count)')).toBe(true);
    // Header, 9 zones, the total, a blank row and the coverage rule: as the panel's CSV.
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + 9 + 1 + 2);
    expect(text).toMatch(/\r\n,Total of 9 zones,/);
    expect(text.trimEnd().split('\r\n').at(-1)).toMatch(/^Note: Forest coverage = /);
    const workbook = join(directory, 'stats.xlsx');
    const xlsx = await stats('--zones', write('zones.geojson', zones), '--layer', `forest=${write('forest.geojson', forest)}`, '--format', 'xlsx', '--out', workbook);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(workbook).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('fails clearly with a non-zero exit for a missing file, an unknown CRS and bad arguments', async () => {
    const missing = await stats('--zones', join(directory, 'nope.geojson'), '--layer', `forest=${write('forest.geojson', forest)}`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--zones: cannot read ".*nope\.geojson" \(no such file\)/);
    const unknown = await stats('--zones', write('zones.geojson', zones), '--layer', `forest=${write('forest.geojson', forest)}`, '--crs', 'EPSG:9999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown coordinate system "EPSG:9999"/);
    const noLayer = await stats('--zones', write('zones.geojson', zones));
    expect(noLayer.code).toBe(2);
    expect(noLayer.stderr).toMatch(/at least one --layer/);
  }, 60_000);

  it('repairs what it can and says so; fails with exit 4 for geometry beyond repair or with --no-repair', async () => {
    const bowTie = feature([[[108.71, 28.81], [108.72, 28.82], [108.72, 28.81], [108.71, 28.82], [108.71, 28.81]]]);
    const repaired = await stats('--zones', write('zones.geojson', zones), '--layer', `plots=${write('bow.geojson', collection([bowTie]))}`, '--lang', 'en');
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/ring intersects itself/);
    expect(repaired.stderr).toMatch(/rebuilt with polygon boolean operations/);
    const strict = await stats('--zones', write('zones.geojson', zones), '--layer', `plots=${write('bow.geojson', collection([bowTie]))}`, '--no-repair', '--lang', 'en');
    expect(strict.code).toBe(4);
    expect(strict.stderr).toMatch(/layer "plots" has 1 geometry errors/);
    const hopeless = collection([bowTie, feature([[[108.71, 28.81], [108.72, 28.81], [108.71, 28.81]]])]);
    const broken = await stats('--zones', write('zones.geojson', zones), '--layer', `plots=${write('broken.geojson', hopeless)}`, '--lang', 'en');
    expect(broken.code).toBe(4);
    expect(broken.stderr).toMatch(/beyond repair/);
  }, 90_000);
});
