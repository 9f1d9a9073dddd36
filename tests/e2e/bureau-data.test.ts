/**
 * A bureau's own data in a real browser:
 * - a plot drawn on 建设用地 (the largest built-up sub-compartment of the sample inventory) is
 *   flagged with the land class and its 亩 (it used to report "no conflict");
 * - an imported inventory given the sub-compartments role replaces the catalog file in the
 *   conflict check (its coded 0210 = 耕地 is flagged) and, lacking YU_BI_DU, makes the
 *   statistics panel warn; the rule for unknown canopy changes the forest area;
 * - ten county outlines given the townships role are summed as "合计（10个区域）", and the plan
 *   targets are not compared, with the reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { labelPoint } from '../../src/lib/geo/label-point';
import { ConflictIndex } from '../../src/lib/geo/plot-conflict-index';
import { keepConflictFields } from '../../src/lib/geo/plot-conflict-inputs';
import { PLOT_CONFLICT_RULES, conflictLayer } from '../../src/lib/layers/derived';
import { computePlotConflicts } from '../../src/lib/geo/plot-conflicts';
import { formatArea } from '../../src/lib/geo/units';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';

const baseUrl = inject('baseUrl');

type PlotsWindow = { __plots: { all: Array<{ id: string; deleted: boolean; geometry: Polygon }> } };
type ImportedWindow = { __importedLayers: { layers: Array<{ id: string; name: string }> } };

async function readSampleStands(): Promise<FeatureCollection> {
  const features: Feature[] = [];
  for await (const feature of deserialize(new Uint8Array(readFileSync('public/data/subcompartments.fgb')))) features.push(feature as Feature);
  return { type: 'FeatureCollection', features };
}

/** The 建设用地 stand with the largest area. */
function largestBuiltUpStand(stands: FeatureCollection): Feature<Polygon> {
  let best: Feature<Polygon> | null = null;
  let bestArea = 0;
  for (const feature of stands.features) {
    if (feature.properties?.DI_LEI !== '建设用地' || feature.geometry?.type !== 'Polygon') continue;
    const area = geometryAreaSquareMetres(feature.geometry);
    if (area > bestArea) [best, bestArea] = [feature as Feature<Polygon>, area];
  }
  if (!best) throw new Error('the sample inventory has no 建设用地 stand');
  return best;
}

/** What the geo core flags for this plot against these sub-compartments. */
async function expectedFinding(stands: FeatureCollection, geometry: Polygon, landClass: string): Promise<number> {
  const index = new ConflictIndex([{ id: 'subcompartments', features: keepConflictFields(conflictLayer('subcompartments'), stands), categoryField: 'DI_LEI' }]);
  const [result] = await computePlotConflicts(index, [{ id: 'p', geometry }], { flagRules: PLOT_CONFLICT_RULES });
  const finding = result!.findings.find((entry) => entry.layerId === 'subcompartments' && entry.value === landClass);
  if (!finding) throw new Error(`the geo core finds no ${landClass} under the plot`);
  return finding.areaSquareMetres;
}

async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('map has no box');
  return box;
}

async function clickMap(page: Page, offset: { x: number; y: number }): Promise<void> {
  const box = await mapBox(page);
  await page.mouse.click(box.x + offset.x, box.y + offset.y);
  await page.waitForTimeout(120);
}

async function livePlot(page: Page): Promise<{ id: string; geometry: Polygon }> {
  return page.evaluate(() => {
    const plot = (window as unknown as PlotsWindow).__plots.all.find((entry) => !entry.deleted)!;
    return JSON.parse(JSON.stringify({ id: plot.id, geometry: plot.geometry })) as { id: string; geometry: Polygon };
  });
}

async function importFile(page: Page, path: string): Promise<string> {
  const before = await page.evaluate(() => (window as unknown as ImportedWindow).__importedLayers.layers.map((layer) => layer.id));
  await page.getByTestId('tab-data').click();
  await page.getByTestId('import-input').setInputFiles([path]);
  await page.getByTestId('import-dialog').waitFor();
  await page.getByTestId('import-accept').click();
  await page.getByTestId('import-dialog').waitFor({ state: 'hidden', timeout: 60_000 });
  const after = await page.evaluate(() => (window as unknown as ImportedWindow).__importedLayers.layers.map((layer) => layer.id));
  const added = after.filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  return added[0]!;
}

async function giveRole(page: Page, layerId: string, role: string): Promise<void> {
  const entry = page.locator(`[data-testid="imported-layer"][data-layer-id="${layerId}"]`);
  const select = entry.getByTestId('role-select');
  // The role's panel stays open after a first choice.
  if (!(await select.isVisible())) await entry.locator('details.role > summary').click();
  await select.selectOption(role);
}

/**
 * Waits until the map draws the sub-compartments from this kind of source: the sample's vector
 * tiles ('vector'), or an imported stand-in's fed features ('geojson').
 */
async function waitForSubcompartmentSource(page: Page, type: 'vector' | 'geojson'): Promise<void> {
  await page.waitForFunction(
    (wanted) => (window as unknown as { __forestMap: { map: { getSource(id: string): { type: string } | undefined } } }).__forestMap.map.getSource('source-subcompartments')?.type === wanted,
    type,
    { timeout: 60_000 },
  );
  await waitForIdle(page);
}

/** The land classes (DI_LEI) the map draws for the sub-compartments at this position. */
async function drawnLandClasses(page: Page, position: Position): Promise<string[]> {
  return page.evaluate((at) => {
    const map = (window as unknown as { __forestMap: { map: {
      project(p: [number, number]): { x: number; y: number };
      queryRenderedFeatures(point: [number, number], options: { layers: string[] }): { properties: Record<string, unknown> }[];
    } } }).__forestMap.map;
    const point = map.project(at);
    return map.queryRenderedFeatures([point.x, point.y], { layers: ['subcompartments-fill'] }).map((feature) => String(feature.properties['DI_LEI']));
  }, position as [number, number]);
}

/** Waits for a freshly computed statistics table (the panel recomputes when a role changes). */
async function waitForStatistics(page: Page, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const running = await page.getByTestId('statistics-progress').count();
    if (running === 0 && (await page.getByTestId('statistics-table').count()) > 0 && (await check())) return;
    await page.waitForTimeout(500);
  }
  throw new Error('statistics did not reach the expected state');
}

describe('a bureau’s own data', () => {
  let session: BrowserSession;
  let page: Page;
  let folder: string;
  let stands: FeatureCollection;
  let builtUp: Feature<Polygon>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bureau-data-e2e-'));
    stands = await readSampleStands();
    builtUp = largestBuiltUpStand(stands);
    const [lng, lat] = labelPoint(builtUp.geometry)! as [number, number];
    session = await openBrowser({ width: 1400, height: 900 });
    page = session.page;
    await page.goto(`${baseUrl}#map=16.00/${lat.toFixed(5)}/${lng.toFixed(5)}&layers=townships,subcompartments&lang=zh`);
    await waitForMapReady(page);
    await page.getByTestId('tab-plots').click();
    await page.getByTestId('plot-empty').waitFor();
    await page.waitForFunction(() => !(document.querySelector('[data-testid="plot-tool-polygon"]') as HTMLButtonElement).disabled);
  });

  afterAll(async () => {
    await session?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('flags a plot drawn on 建设用地 with the land class and its 亩', async () => {
    const { problems } = session;
    await page.getByTestId('plot-snap').uncheck();
    await page.getByTestId('plot-tool-polygon').click();
    const box = await mapBox(page);
    const corners = [
      { x: box.width / 2 - 45, y: box.height / 2 - 40 },
      { x: box.width / 2 + 45, y: box.height / 2 - 40 },
      { x: box.width / 2 + 45, y: box.height / 2 + 40 },
      { x: box.width / 2 - 45, y: box.height / 2 + 40 },
    ];
    for (const corner of corners) await clickMap(page, corner);
    await clickMap(page, corners[0]!);
    await page.getByTestId('plot-editor').waitFor();

    const plot = await livePlot(page);
    const built = await expectedFinding(stands, plot.geometry, '建设用地');
    const finding = page.locator('[data-testid="plot-conflict-finding"][data-layer="subcompartments"]').filter({ hasText: '建设用地' });
    await finding.waitFor({ timeout: 120_000 });
    await expect(finding.textContent()).resolves.toBe(`位于建设用地上 ${formatArea(built, 'mu', 'zh')}`);
    await expect(page.getByTestId('plot-conflicts-none').count()).resolves.toBe(0);
    await page.getByTestId('plot-conflicts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('bureau-plot-on-built-up-land.png') });
    expect(problems).toEqual([]);
  });

  it('checks the plot against an imported inventory given the sub-compartments role (coded 0210 = 耕地)', async () => {
    const { problems } = session;
    const plot = await livePlot(page);
    const ring = plot.geometry.coordinates[0]!;
    const xs = ring.map((position) => position[0]!);
    const ys = ring.map((position) => position[1]!);
    const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
    // A cultivated stand (national code 0210) under the whole plot, an arbor stand beside it; no YU_BI_DU.
    const inventory: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { XIANG: '测试乡', DI_LEI: '0210', MIAN_JI: 100 }, geometry: { type: 'Polygon', coordinates: [square(Math.min(...xs) - 0.002, Math.min(...ys) - 0.002, Math.max(...xs) + 0.002, Math.max(...ys) + 0.002)] } },
        { type: 'Feature', properties: { XIANG: '测试乡', DI_LEI: '乔木林地', MIAN_JI: 100 }, geometry: { type: 'Polygon', coordinates: [square(Math.max(...xs) + 0.002, Math.min(...ys) - 0.002, Math.max(...xs) + 0.012, Math.max(...ys) + 0.002)] } },
      ],
    };
    const path = join(folder, '县局小班.geojson');
    writeFileSync(path, JSON.stringify(inventory));
    const layerId = await importFile(page, path);
    await waitForSubcompartmentSource(page, 'vector');
    await giveRole(page, layerId, 'subcompartments');
    await waitForSubcompartmentSource(page, 'geojson');
    expect(await drawnLandClasses(page, ring[0]!)).toEqual(['0210']);

    await page.getByTestId('tab-plots').click();
    // A click on the selected row would deselect it.
    if ((await page.getByTestId('plot-editor').count()) === 0) await page.locator(`[data-testid="plot-row"][data-plot-id="${plot.id}"]`).click();
    const cultivated = await expectedFinding(inventory, plot.geometry, '耕地');
    const finding = page.locator('[data-testid="plot-conflict-finding"][data-layer="subcompartments"]').filter({ hasText: '耕地' });
    await finding.waitFor({ timeout: 120_000 });
    await expect(finding.textContent()).resolves.toBe(`位于耕地上 ${formatArea(cultivated, 'mu', 'zh')}（耕地不得造林）`);
    // The catalog's 建设用地 is no longer under the plot: the imported layer plays the role.
    await expect(page.locator('[data-testid="plot-conflict-finding"]').filter({ hasText: '建设用地' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('plot-conflicts').textContent()).resolves.toContain('森林资源小班：使用导入的图层“县局小班”');
    // Without the role the map goes back to the sample's tiles, and with it again to the stand-in.
    await page.getByTestId('tab-data').click();
    await giveRole(page, layerId, 'reference');
    await waitForSubcompartmentSource(page, 'vector');
    const sample = await drawnLandClasses(page, ring[0]!);
    expect(sample.length).toBeGreaterThan(0);
    expect(sample).not.toContain('0210');
    await giveRole(page, layerId, 'subcompartments');
    await waitForSubcompartmentSource(page, 'geojson');
    expect(problems).toEqual([]);
  });

  it('warns in the statistics panel that the imported inventory has no canopy density, and applies the chosen rule', async () => {
    const { problems } = session;
    await page.getByTestId('tab-statistics').click();
    const warning = page.locator('[data-testid="statistics-warning"][data-code="canopy-field-missing"]');
    await warning.waitFor({ timeout: 180_000 });
    await expect(warning.textContent()).resolves.toContain('小班图层没有郁闭度字段（YU_BI_DU）：1个乔木林地小班无法按郁闭度≥0.2判定，均未计为森林');
    const forestCell = page.locator('[data-testid="statistics-table"] tbody tr.total td[data-key="forest"]');
    const strictForest = (await forestCell.textContent()) ?? '';
    expect(strictForest).toBe('0.00');
    await page.getByTestId('statistics-canopy-rule').selectOption('forest');
    await waitForStatistics(page, async () => ((await forestCell.textContent()) ?? '') !== strictForest);
    expect(Number(((await forestCell.textContent()) ?? '').replace(/,/g, ''))).toBeGreaterThan(0);
    await expect(page.getByTestId('statistics-notes').textContent()).resolves.toContain('郁闭度未知的乔木林地计为森林');
    await expect(warning.textContent()).resolves.toContain('均计为森林');
    await page.screenshot({ path: artifactPath('bureau-statistics-canopy-warning.png') });
    expect(problems).toEqual([]);
  });

  it('sums ten county outlines given the townships role as "合计（10个区域）" and does not compare them with the plan', async () => {
    const { problems } = session;
    const youyang = JSON.parse(readFileSync('data/youyang-county.geojson', 'utf8')) as FeatureCollection;
    const neighbours = JSON.parse(readFileSync('data/neighbor-counties.geojson', 'utf8')) as FeatureCollection;
    const path = join(folder, '十个区县.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [...youyang.features, ...neighbours.features] }));
    const layerId = await importFile(page, path);
    await giveRole(page, layerId, 'townships');
    await page.getByTestId('tab-statistics').click();
    const totalName = page.locator('[data-testid="statistics-table"] tbody tr.total td[data-key="name"]');
    await waitForStatistics(page, async () => ((await totalName.textContent()) ?? '') === '合计（10个区域）');
    await expect(page.locator('[data-testid="statistics-table"] tbody tr').count()).resolves.toBe(11);
    await expect(page.getByTestId('targets-dashboard').count()).resolves.toBe(0);
    const reason = (await page.getByTestId('targets-not-compared').textContent()) ?? '';
    expect(reason).toContain('未与2023年计划目标比较');
    expect(reason).toContain('10个区域中有0个与本县39个乡镇的代码或名称对应');
    await expect(page.locator('[data-testid="statistics-warning"][data-code="zones-not-townships"]').textContent()).resolves.toContain('合计行是10个区域之和，不是全县合计');
    await page.screenshot({ path: artifactPath('bureau-statistics-ten-counties.png') });
    expect(problems).toEqual([]);
  });
});
