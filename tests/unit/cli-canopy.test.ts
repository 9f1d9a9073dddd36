/**
 * `npm run stats` on an inventory without canopy density (YU_BI_DU): a warning on stderr and in
 * the written file, exit code 0, and --canopy-unknown choosing whether such arbor land counts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStats } from './fixtures/cli-run';
import { box, collection, feature, gridZones } from './fixtures/geo/synthetic';

let directory = '';

const stats = runStats;

const write = (name: string, value: unknown) => {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

// Two arbor stands and a bamboo stand inside zone Z0; no YU_BI_DU field at all.
const inventory = collection([
  feature([box(108.705, 28.805, 0.01)], { DI_LEI: '乔木林地' }),
  feature([box(108.72, 28.805, 0.01)], { DI_LEI: '0111' }),
  feature([box(108.705, 28.82, 0.01)], { DI_LEI: '竹林地' }),
]);

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'cli-canopy-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run stats without canopy density', () => {
  it('warns on stderr and in the CSV, keeps exit code 0, and applies the chosen rule', async () => {
    const zones = write('zones.geojson', gridZones());
    const layer = `subcompartments=${write('stands.geojson', inventory)}`;
    const strictOut = join(directory, 'strict.csv');
    const strict = await stats('--zones', zones, '--layer', layer, '--format', 'csv', '--out', strictOut, '--lang', 'en');
    expect(strict.code, strict.stderr).toBe(0);
    expect(strict.stderr).toContain('warning: the sub-compartment layer has no canopy-density field (YU_BI_DU): 2 arbor forest stands cannot be tested');
    expect(strict.stderr).toMatch(/note: Forest coverage = .*not counted \(strict\)/);
    const strictLines = readFileSync(strictOut, 'utf8').trimEnd().split('\r\n');
    expect(strictLines.slice(-2).map((line) => line.split(',')[0])).toEqual([
      expect.stringMatching(/^"Warning: the sub-compartment layer has no canopy-density field/), // quoted: it has a comma
      expect.stringMatching(/^Note: Forest coverage = .*not counted \(strict\)/),
    ]);

    const lenient = await stats('--zones', zones, '--layer', layer, '--format', 'json', '--canopy-unknown', 'forest');
    expect(lenient.code, lenient.stderr).toBe(0);
    const strictJson = await stats('--zones', zones, '--layer', layer, '--format', 'json');
    type Json = { totals: { forestAreaSquareMetres: number }; canopy: { rule: string; survey: { arborWithoutCanopy: number; fieldPresent: boolean } } };
    const counted = JSON.parse(lenient.stdout) as Json;
    const notCounted = JSON.parse(strictJson.stdout) as Json;
    expect(counted.canopy).toMatchObject({ rule: 'forest', survey: { arborWithoutCanopy: 2, fieldPresent: false } });
    expect(notCounted.canopy.rule).toBe('not-forest');
    // Counting the two arbor stands adds about two bamboo-sized stands of forest.
    expect(counted.totals.forestAreaSquareMetres / notCounted.totals.forestAreaSquareMetres).toBeCloseTo(3, 2);
    expect(lenient.stderr).toMatch(/均计为森林|all counted as forest/);
  }, 120_000);

  it('refuses an unknown rule with exit code 2 and lists the option in --help', async () => {
    const bad = await stats('--zones', write('z.geojson', gridZones()), '--layer', `subcompartments=${write('s.geojson', inventory)}`, '--canopy-unknown', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--canopy-unknown must be not-forest or forest, not "maybe"');
    const help = await stats('--help');
    expect(help.stdout).toContain('--canopy-unknown not-forest|forest');
  }, 60_000);
});
