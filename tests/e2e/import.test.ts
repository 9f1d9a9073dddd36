/**
 * The import workflow in a real browser: a GBK shapefile (zip, EPSG:4524, no .cpg) and a GeoJSON
 * uploaded through the file input, previewed (encoding switch, CRS from the .prj), added to the
 * map, shown in the attribute table, given the townships role, kept across a reload; a broken
 * file reported with its exact message while the imported layers stay. Fixtures are generated
 * here into a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Polygon } from 'geojson';
import { importFailure } from '../../src/lib/io/errors';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { brokenFiles, gbkShapefile4524, selfIntersectingGeoJson } from '../unit/fixtures/io/fixtures';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { switchLanguage } from './language';

const baseUrl = inject('baseUrl');

/** Two official-looking township polygons around 龚滩镇 and 钟多街道 (WGS84). */
const TOWNSHIPS_GEOJSON = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { XZMC: '龚滩镇', XZDM: '500242104', 备注: '官方界线' }, geometry: { type: 'Polygon', coordinates: [[[108.28, 28.84], [108.45, 28.84], [108.45, 28.98], [108.28, 28.98], [108.28, 28.84]]] } },
    { type: 'Feature', properties: { XZMC: '钟多街道', XZDM: '500242002', 备注: '官方界线' }, geometry: { type: 'Polygon', coordinates: [[[108.7, 28.78], [108.84, 28.78], [108.84, 28.88], [108.7, 28.88], [108.7, 28.78]]] } },
  ],
};

interface ImportedLayerInfo {
  id: string;
  name: string;
  role: string;
}

async function importedLayers(page: Page): Promise<ImportedLayerInfo[]> {
  return page.evaluate(() => {
    const state = (window as unknown as { __importedLayers: { layers: Array<{ id: string; name: string; assignment: { role: string } }> } }).__importedLayers;
    return state.layers.map((layer) => ({ id: layer.id, name: layer.name, role: layer.assignment.role }));
  });
}

async function renderedFeatures(page: Page, layers: string[]): Promise<Array<Record<string, unknown>>> {
  return page.evaluate((ids) => {
    const map = (window as unknown as { __forestMap: { map: { queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: Record<string, unknown> }> } } }).__forestMap.map;
    return map.queryRenderedFeatures({ layers: ids }).map((feature) => feature.properties);
  }, layers);
}

/**
 * The page's attributes of the imported layer's features the map shows in these style layers: the
 * map's copy has none (style-fields.ts), its feature ids are the page's feature indices.
 */
async function renderedAttributes(page: Page, layerId: string, layers: string[]): Promise<Array<Record<string, unknown> | null>> {
  return page.evaluate(
    ({ layerId, layers }) => {
      const hooks = window as unknown as {
        __forestMap: { map: { queryRenderedFeatures(options: { layers: string[] }): Array<{ id?: unknown }> } };
        __importedLayers: { collection(id: string): { features: Array<{ properties: Record<string, unknown> | null }> } | undefined };
      };
      const features = hooks.__importedLayers.collection(layerId)?.features ?? [];
      return hooks.__forestMap.map.queryRenderedFeatures({ layers }).map((feature) => features[Number(feature.id)]?.properties ?? null);
    },
    { layerId, layers },
  );
}

/** Ids of the map's features of a style layer at a position, and the position: the page's feature's vertex average. */
async function featureIdsAtFeature(page: Page, layerId: string, featureIndex: number, styleLayer: string): Promise<unknown[]> {
  return page.evaluate(
    ({ layerId, featureIndex, styleLayer }) => {
      const hooks = window as unknown as {
        __forestMap: { map: { project(position: [number, number]): { x: number; y: number }; queryRenderedFeatures(point: [number, number], options: { layers: string[] }): Array<{ id?: unknown }> } };
        __importedLayers: { collection(id: string): { features: Array<{ geometry: { coordinates: number[][][] } }> } | undefined };
      };
      const ring = hooks.__importedLayers.collection(layerId)!.features[featureIndex]!.geometry.coordinates[0]!.slice(1);
      const centre: [number, number] = [ring.reduce((sum, p) => sum + p[0]!, 0) / ring.length, ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length];
      const point = hooks.__forestMap.map.project(centre);
      return hooks.__forestMap.map.queryRenderedFeatures([point.x, point.y], { layers: [styleLayer] }).map((feature) => feature.id);
    },
    { layerId, featureIndex, styleLayer },
  );
}

/** Waits until the map shows at least `count` features of these style layers. */
async function waitForRendered(page: Page, layers: string[], count = 1): Promise<void> {
  await page.waitForFunction(
    ({ ids, wanted }) => {
      const map = (window as unknown as { __forestMap: { map: { getLayer(id: string): unknown; queryRenderedFeatures(options: { layers: string[] }): unknown[] } } }).__forestMap.map;
      return ids.every((id) => map.getLayer(id)) && map.queryRenderedFeatures({ layers: ids }).length >= wanted;
    },
    { ids: layers, wanted: count },
    { timeout: 60_000, polling: 250 },
  );
  await waitForIdle(page);
}

describe('importing the bureau’s own files', () => {
  let session: BrowserSession;
  let folder: string;
  let zipPath: string;
  let townshipsPath: string;
  let brokenPath: string;
  let invalidPath: string;
  let brokenMessage: { zh: string; en: string };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'import-e2e-'));
    const parts = await gbkShapefile4524();
    zipPath = join(folder, '小班.zip');
    writeFileSync(zipPath, zipSync(Object.fromEntries(parts.map((part) => [part.name, part.bytes]))));
    townshipsPath = join(folder, '官方乡镇界.geojson');
    writeFileSync(townshipsPath, JSON.stringify(TOWNSHIPS_GEOJSON));
    const invalid = selfIntersectingGeoJson();
    invalidPath = join(folder, invalid.name);
    writeFileSync(invalidPath, invalid.bytes);
    const broken = (await brokenFiles()).invalidJson;
    brokenPath = join(folder, broken.name);
    writeFileSync(brokenPath, broken.bytes);
    brokenMessage = importFailure('invalid-json', broken.name, { line: 3, column: 16 }).message;
    session = await openBrowser();
    await session.page.goto(`${baseUrl}#lang=zh`);
    await waitForMapReady(session.page);
  });

  afterAll(async () => {
    await session?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('previews a GBK shapefile in EPSG:4524 and a GeoJSON: counts, Chinese text, CRS from the .prj, encoding switch, invalid geometry', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-data').click();
    await page.getByTestId('import-input').setInputFiles([zipPath, townshipsPath, invalidPath]);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    const plots = dialog.locator('[data-testid="import-layer"][data-layer-name="小班"]');
    await expect(plots.getByTestId('import-feature-count').textContent()).resolves.toBe('3');
    await expect(plots.getByTestId('crs-code').textContent()).resolves.toBe('EPSG:4524');
    await expect(plots.getByTestId('crs-source').textContent()).resolves.toBe('来自 .prj 文件');
    await expect(plots.getByTestId('crs-confidence').textContent()).resolves.toBe('100%');
    await expect(plots.getByTestId('encoding-select').inputValue()).resolves.toBe('gbk');
    await expect(plots.getByTestId('encoding-reason').textContent()).resolves.toContain('没有.cpg文件');
    const preview = plots.getByTestId('attribute-preview');
    await expect(preview.textContent()).resolves.toContain('金丝楠木');
    await expect(preview.textContent()).resolves.toContain('龚滩镇');
    const townships = dialog.locator('[data-testid="import-layer"][data-layer-name="官方乡镇界"]');
    await expect(townships.getByTestId('import-feature-count').textContent()).resolves.toBe('2');
    await expect(townships.getByTestId('crs-code').textContent()).resolves.toBe('EPSG:4326');
    await page.screenshot({ path: artifactPath('import-preview-zh.png') });

    // UTF-8 shows the GBK bytes as garbage at once; the re-read confirms it; GBK brings the text back.
    await plots.getByTestId('encoding-select').selectOption('utf-8');
    await expect(preview.textContent()).resolves.not.toContain('金丝楠木');
    await expect(preview.textContent()).resolves.toContain('\uFFFD');
    await page.waitForFunction(() => document.querySelector('[data-layer-name="小班"] [data-testid="encoding-reason"]')?.textContent?.includes('utf-8'));
    await expect(preview.textContent()).resolves.not.toContain('金丝楠木');
    await plots.getByTestId('encoding-select').selectOption('gbk');
    await expect(preview.textContent()).resolves.toContain('金丝楠木');
    await page.waitForFunction(() => document.querySelector('[data-layer-name="小班"] [data-testid="encoding-reason"]')?.textContent?.includes('gbk'));
    await expect(preview.textContent()).resolves.toContain('金丝楠木');

    // The bow-tie polygon is listed with its reason; repairing reads the file again.
    const invalid = dialog.locator('[data-testid="import-layer"][data-layer-name="地块"]');
    await expect(invalid.getByTestId('invalid-count').textContent()).resolves.toBe('1');
    await expect(invalid.locator('[data-testid="issue-list"] li[data-feature-index="1"]').textContent()).resolves.toContain('编号bad-1');
    await expect(invalid.getByTestId('issue-list').textContent()).resolves.toContain('环自相交');
    await expect(invalid.getByTestId('issue-list').textContent()).resolves.toContain('已保留');
    await invalid.getByTestId('invalid-repair').check();
    await page.waitForFunction(() => document.querySelector('[data-layer-name="地块"] [data-testid="issue-list"]')?.textContent?.includes('已修复'));
    await invalid.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('import-issues-zh.png') });
    await invalid.getByTestId('import-include').uncheck();
    await expect(dialog.getByTestId('import-accept').textContent()).resolves.toContain('(2)');
    expect(problems).toEqual([]);
  });

  it('adds the layers to the map with an attribute table that shows the right count and intact Chinese text', async () => {
    const { page, problems } = session;
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
    const layers = await importedLayers(page);
    expect(layers.map((layer) => layer.name).sort()).toEqual(['官方乡镇界', '小班']);
    const plots = layers.find((layer) => layer.name === '小班')!;
    const townships = layers.find((layer) => layer.name === '官方乡镇界')!;
    await waitForRendered(page, [`${plots.id}-fill`]);
    await waitForRendered(page, [`${townships.id}-fill`]);
    // The map's copy carries no attributes (the imported style reads none); the page's has them.
    expect((await renderedFeatures(page, [`${plots.id}-fill`])).every((properties) => Object.keys(properties).length === 0)).toBe(true);
    const rendered = await renderedAttributes(page, plots.id, [`${plots.id}-fill`]);
    expect(rendered.map((properties) => properties?.YOU_SHI_SZ)).toContain('马尾松');

    const entry = page.locator(`[data-testid="imported-layer"][data-layer-id="${plots.id}"]`);
    await expect(entry.getByTestId('imported-count').textContent()).resolves.toBe('3');
    await entry.getByTestId('imported-table').click();
    const table = page.getByTestId('attribute-table');
    await table.waitFor();
    await expect(table.getByTestId('attribute-total').textContent()).resolves.toBe('3');
    await expect(table.getByTestId('attribute-row').count()).resolves.toBe(3);
    const text = (await table.textContent()) ?? '';
    for (const value of ['龚滩镇', '两罾乡', '钟多街道', '金丝楠木', '乔木林地', '竹林地']) expect(text).toContain(value);
    await table.getByTestId('attribute-search').fill('楠木');
    await expect(table.getByTestId('attribute-shown').textContent({ timeout: 5_000 })).resolves.toBe('1');
    await table.getByTestId('attribute-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="attribute-row"]').length === 3);
    await table.getByTestId('sort-MIAN_JI').click();
    await expect(table.getByTestId('attribute-row').first().getAttribute('data-feature-index')).resolves.toBe('2');

    // A row click zooms to the feature, highlights it and shows its attributes in the feature panel.
    await table.locator('[data-testid="attribute-row"][data-feature-index="1"]').click();
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor();
    await expect(panel.locator('tr[data-field="YOU_SHI_SZ"] td').textContent()).resolves.toBe('金丝楠木');
    await expect(panel.getByTestId('feature-area').textContent()).resolves.toMatch(/亩/);
    await page.waitForTimeout(900);
    await waitForIdle(page);
    // The map numbers the features as the page does (ids assigned in MapLibre's worker, compact-feed.ts).
    expect(await featureIdsAtFeature(page, plots.id, 1, `${plots.id}-fill`)).toEqual([1]);
    await page.screenshot({ path: artifactPath('import-table-zh.png') });
    expect(problems).toEqual([]);
  });

  it('replaces the schematic township boundaries when a polygon layer is given the townships role', async () => {
    const { page, problems } = session;
    const townships = (await importedLayers(page)).find((layer) => layer.name === '官方乡镇界')!;
    await page.getByTestId('attribute-close').click();
    await page.evaluate(() => (window as unknown as { __forestMap: { fitBounds(bounds: number[]): void } }).__forestMap.fitBounds([108.2, 28.3, 109.3, 29.4]));
    await page.waitForTimeout(900);
    await waitForIdle(page);
    expect((await renderedFeatures(page, ['townships-line'])).length).toBeGreaterThan(10);

    const entry = page.locator(`[data-testid="imported-layer"][data-layer-id="${townships.id}"]`);
    await entry.locator('details.role summary').click();
    await entry.getByTestId('role-select').selectOption('townships');
    await expect(entry.getByTestId('field-NAME').inputValue()).resolves.toBe('XZMC');
    await expect(entry.getByTestId('field-CODE').inputValue()).resolves.toBe('XZDM');
    await page.waitForFunction(() => {
      const map = (window as unknown as { __forestMap: { map: { queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: Record<string, unknown> }> } } }).__forestMap.map;
      const names = new Set(map.queryRenderedFeatures({ layers: ['townships-line'] }).map((feature) => feature.properties.NAME));
      return names.size === 2 && names.has('龚滩镇') && names.has('钟多街道');
    });
    const effective = await page.evaluate(() => {
      const state = (window as unknown as { __importedLayers: { effectiveLayer(role: string): { features: Array<{ properties: Record<string, unknown> }> } | null } }).__importedLayers;
      return state.effectiveLayer('townships')?.features.map((feature) => [feature.properties.NAME, feature.properties.CODE]) ?? null;
    });
    expect(effective).toEqual([
      ['龚滩镇', '500242104'],
      ['钟多街道', '500242002'],
    ]);
    // Its own style layers give way to the township layer's.
    expect(await renderedFeatures(page, [`${townships.id}-fill`])).toEqual([]);
    await page.screenshot({ path: artifactPath('import-townships-role.png') });
    expect(problems).toEqual([]);
  });

  it('keeps the imported layers, their role and the replaced boundaries after a reload', async () => {
    const { page, problems } = session;
    const before = await importedLayers(page);
    await page.evaluate(() => (window as unknown as { __importedLayers: { whenSaved(): Promise<void> } }).__importedLayers.whenSaved());
    await page.reload();
    await waitForMapReady(page);
    await page.waitForFunction(() => (window as unknown as { __importedLayers?: { layers: unknown[]; restoring: boolean } }).__importedLayers?.layers.length === 2);
    const after = await importedLayers(page);
    expect(after).toEqual(before);
    const plots = after.find((layer) => layer.name === '小班')!;
    await page.getByTestId('tab-data').click();
    await page.locator(`[data-testid="imported-layer"][data-layer-id="${plots.id}"]`).getByTestId('imported-zoom').click();
    await page.waitForTimeout(900);
    await waitForRendered(page, [`${plots.id}-fill`]);
    await page.waitForFunction(() => {
      const map = (window as unknown as { __forestMap: { map: { querySourceFeatures(source: string): Array<{ properties: Record<string, unknown> }> } } }).__forestMap.map;
      // Both townships of the stand-in, and none of the sample's 39.
      const names = new Set(map.querySourceFeatures('source-townships').map((feature) => feature.properties.NAME));
      return names.size === 2 && names.has('龚滩镇') && names.has('钟多街道');
    });
    expect(problems).toEqual([]);
  });

  it('computes the statistics panel’s rows from the imported townships', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-statistics').click();
    await page.getByTestId('statistics-compute').click();
    const rows = page.locator('[data-testid="statistics-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBe(3);
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-code')))).toEqual(['500242104', '500242002', '']);
    // Land area is the imported polygon's own ellipsoidal area, not the schematic township's.
    const feature = TOWNSHIPS_GEOJSON.features.find((entry) => entry.properties.XZDM === '500242002')!;
    const expectedMu = squareMetresToMu(geometryAreaSquareMetres(feature.geometry as Polygon));
    const shown = Number((await rows.nth(1).locator('td[data-key="area"]').textContent())!.replace(/,/g, ''));
    expect(shown).toBeCloseTo(expectedMu, 2);
    // The layer panel says the schematic townships are replaced, with the imported count.
    await page.getByTestId('tab-layers').click();
    await expect(page.getByTestId('replaced-townships').textContent()).resolves.toContain('2 个要素');
    await page.getByTestId('tab-data').click();
    expect(problems).toEqual([]);
  });

  it('reports a broken file with its exact message while the imported layers stay on the map', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-data').click();
    await page.getByTestId('import-input').setInputFiles([brokenPath]);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(dialog.getByTestId('import-error').textContent()).resolves.toBe(brokenMessage.zh);
    await page.screenshot({ path: artifactPath('import-error-zh.png') });
    await dialog.getByTestId('import-close').click();
    await dialog.waitFor({ state: 'hidden' });
    const layers = await importedLayers(page);
    expect(layers).toHaveLength(2);
    const plots = layers.find((layer) => layer.name === '小班')!;
    await waitForRendered(page, [`${plots.id}-fill`]);
    expect(problems).toEqual([]);
  });

  it('shows the preview and the attribute table in English', async () => {
    const { page, problems } = session;
    await switchLanguage(page, 'en');
    await page.getByTestId('import-input').setInputFiles([zipPath, brokenPath]);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(dialog.getByTestId('import-error').textContent()).resolves.toBe(brokenMessage.en);
    const plots = dialog.locator('[data-testid="import-layer"][data-layer-name="小班"]');
    await expect(plots.getByTestId('crs-source').textContent()).resolves.toBe('from the .prj file');
    await expect(plots.getByTestId('attribute-preview').textContent()).resolves.toContain('金丝楠木');
    await page.screenshot({ path: artifactPath('import-preview-en.png') });
    await dialog.getByTestId('import-close').click();
    await dialog.waitFor({ state: 'hidden' });
    const plotsLayer = (await importedLayers(page)).find((layer) => layer.name === '小班')!;
    await page.locator(`[data-testid="imported-layer"][data-layer-id="${plotsLayer.id}"]`).getByTestId('imported-table').click();
    const table = page.getByTestId('attribute-table');
    await table.waitFor();
    await expect(table.getByTestId('attribute-count').textContent()).resolves.toContain('Total 3 features');
    await table.locator('[data-testid="attribute-row"][data-feature-index="0"]').click();
    await page.getByTestId('feature-panel').waitFor();
    await page.waitForTimeout(900);
    await waitForIdle(page);
    await page.screenshot({ path: artifactPath('import-table-en.png') });
    expect(problems).toEqual([]);
  });

  it('takes files dropped on the map', async () => {
    const { page, problems } = session;
    const text = JSON.stringify(TOWNSHIPS_GEOJSON);
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'dropped.geojson', { type: 'application/geo+json' }));
      return transfer;
    }, text);
    await page.dispatchEvent('[data-testid="map"]', 'dragenter', { dataTransfer });
    await page.getByTestId('import-drop-overlay').waitFor();
    await page.dispatchEvent('[data-testid="map"]', 'drop', { dataTransfer });
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(page.getByTestId('import-drop-overlay').count()).resolves.toBe(0);
    await expect(dialog.locator('[data-testid="import-layer"][data-layer-name="dropped"]').getByTestId('import-feature-count').textContent()).resolves.toBe('2');
    await dialog.getByTestId('import-close').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });

  it('removes an imported layer from the map and from storage', async () => {
    const { page, problems } = session;
    const plots = (await importedLayers(page)).find((layer) => layer.name === '小班')!;
    await page.locator(`[data-testid="imported-layer"][data-layer-id="${plots.id}"]`).getByTestId('imported-remove').click();
    await expect(page.getByTestId('attribute-table').count()).resolves.toBe(0);
    expect((await importedLayers(page)).map((layer) => layer.name)).toEqual(['官方乡镇界']);
    expect(await page.evaluate((id) => Boolean((window as unknown as { __forestMap: { map: { getLayer(id: string): unknown } } }).__forestMap.map.getLayer(`${id}-fill`)), plots.id)).toBe(false);
    await page.evaluate(() => (window as unknown as { __importedLayers: { whenSaved(): Promise<void> } }).__importedLayers.whenSaved());
    await page.reload();
    await waitForMapReady(page);
    await page.waitForFunction(() => (window as unknown as { __importedLayers?: { restoring: boolean; layers: unknown[] } }).__importedLayers?.layers.length === 1);
    expect((await importedLayers(page)).map((layer) => layer.name)).toEqual(['官方乡镇界']);
    expect(problems).toEqual([]);
  });
});
