/**
 * `npm run stats` given hostile paths, ids and attributes, run as a child process: it must refuse
 * to overwrite its inputs, write atomically, fail clearly on empty or missing things, treat
 * prototype names as plain ids, say which layer of a multi-layer file it used, and never print
 * control characters from the files raw to the terminal.
 */
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShapefile } from '../../src/lib/io/write-shapefile';
import { runStats } from './fixtures/cli-run';
import { box, collection, feature, gridZones } from './fixtures/geo/synthetic';

let directory = '';

const stats = runStats;

const write = (name: string, value: unknown) => {
  const path = join(directory, name);
  writeFileSync(path, typeof value === 'string' || value instanceof Uint8Array ? value : JSON.stringify(value));
  return path;
};

const forest = collection([feature([box(108.71, 28.81, 0.01)], { DI_LEI: '乔木林地', YU_BI_DU: 0.6 })]);
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Control characters that would recolour, clear or overwrite the terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run stats with hostile input', () => {
  it('refuses an --out that is an input (same path, through a symlink, through ..) and leaves the input intact', async () => {
    const zones = write('zones.geojson', gridZones());
    const layer = write('forest.geojson', forest);
    const before = readFileSync(zones, 'utf8');
    symlinkSync(zones, join(directory, 'link.geojson'));
    for (const out of [zones, join(directory, 'link.geojson'), `${directory}/../${directory.split('/').pop()!}/forest.geojson`]) {
      const result = await stats('--zones', zones, '--layer', `forest=${layer}`, '--format', 'json', '--out', out);
      expect(result.code, out).toBe(2);
      expect(result.stderr).toMatch(/is the input file of --(zones|layer forest)/);
    }
    expect(readFileSync(zones, 'utf8')).toBe(before);
    expect(readFileSync(layer, 'utf8')).toBe(JSON.stringify(forest));
  }, 120_000);

  it('writes --out through a temporary file and a rename (a hard link to the old file keeps the old content)', async () => {
    const out = write('stats.csv', 'old');
    linkSync(out, join(directory, 'stats-old.csv'));
    const result = await stats('--zones', write('zones.geojson', gridZones()), '--layer', `forest=${write('forest.geojson', forest)}`, '--format', 'csv', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFF乡镇代码,乡镇,/);
    expect(readFileSync(join(directory, 'stats-old.csv'), 'utf8')).toBe('old');
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('a missing output folder is exit 2 with a message, not a stack trace', async () => {
    const result = await stats('--zones', write('zones.geojson', gridZones()), '--layer', `forest=${write('forest.geojson', forest)}`, '--out', join(directory, 'no-such-folder', 'stats.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out: the folder ".*no-such-folder" does not exist/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('empty zones or an empty layer is exit 3 naming the file', async () => {
    const noZones = await stats('--zones', write('empty-zones.geojson', empty), '--layer', `forest=${write('forest.geojson', forest)}`, '--lang', 'en');
    expect(noZones.code).toBe(3);
    expect(noZones.stderr).toMatch(/--zones: ".*empty-zones\.geojson" holds no features to measure/);
    const noLayer = await stats('--zones', write('zones.geojson', gridZones()), '--layer', `fire=${write('empty-layer.geojson', empty)}`, '--lang', 'en');
    expect(noLayer.code).toBe(3);
    expect(noLayer.stderr).toMatch(/--layer fire: ".*empty-layer\.geojson" holds no features to measure/);
  }, 120_000);

  it('layer ids named after Object.prototype members are plain ids', async () => {
    const layer = write('forest.geojson', forest);
    const result = await stats(
      '--zones', write('zones.geojson', gridZones()),
      '--layer', `toString=${layer}`, '--layer', `__proto__=${layer}`, '--layer', `constructor=${layer}`, '--layer', `hasOwnProperty=${layer}`,
      '--category', '__proto__=DI_LEI', '--format', 'json',
    );
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { totals: { layers: Record<string, { featureCount: number }> }; layers: Array<{ id: string }> };
    expect(json.layers.map((entry) => entry.id)).toEqual(['toString', '__proto__', 'constructor', 'hasOwnProperty']);
    expect(Object.keys(json.totals.layers)).toEqual(['toString', '__proto__', 'constructor', 'hasOwnProperty']);
    for (const id of Object.keys(json.totals.layers)) expect(json.totals.layers[id]!.featureCount, id).toBe(1);
  }, 120_000);

  it('says which layer of a zip with two shapefiles it used (the polygons)', async () => {
    const mixed: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { NAME: '塔' }, geometry: { type: 'Point', coordinates: [108.72, 28.82] } }, ...forest.features],
    };
    const zip = write('mixed.zip', writeShapefile(mixed, { name: 'mix' }).zip);
    const result = await stats('--zones', write('zones.geojson', gridZones()), '--layer', `forest=${zip}`, '--lang', 'en');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/--layer forest: ".*mixed\.zip" holds 2 layers: "mix_polygons" \(1\), "mix_points" \(1\); using "mix_polygons"/);
  }, 120_000);

  it('says a KML with several folders is read whole', async () => {
    const placemark = (x: number) =>
      `<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>${box(x, 28.81, 0.01).map((p) => p.join(',')).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>2022年</name>${placemark(108.71)}</Folder><Folder><name>2023年</name>${placemark(108.76)}</Folder></Document></kml>`;
    const result = await stats('--zones', write('zones.geojson', gridZones()), '--layer', `plots=${write('plots.kml', kml)}`, '--lang', 'en');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/--layer plots: all 2 features used, from 2 folders: "2022年", "2023年"/);
  }, 120_000);

  it('shows control characters from attributes and ids escaped, never raw', async () => {
    const zones = gridZones();
    zones.features[0]!.properties!.NAME = '乡\u001b[2J\u001b[31m红\r\u0007\u009b\u202e';
    const result = await stats('--zones', write('evil.geojson', zones), '--layer', `a\u001b[1m=${write('forest.geojson', forest)}`, '--lang', 'en');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stderr).not.toMatch(CONTROL);
    expect(result.stdout).toContain('乡\\x1b[2J\\x1b[31m红\\x0d\\x07\\x9b\\u202e');
    expect(result.stderr).toContain('--layer a\\x1b[1m:');
  }, 120_000);
});
