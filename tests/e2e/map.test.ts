/**
 * The walking skeleton in a real browser: load, toggle every layer, click a sub-compartment,
 * switch language, reopen a saved view from the URL.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { LAYERS } from '../../src/lib/layers/catalog';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { switchLanguage } from './language';

const baseUrl = inject('baseUrl');
const LAYER_IDS = LAYERS.map((layer) => layer.id);

/** Style-layer ids of a catalog layer that are present in the running map. */
async function styleLayerIds(page: Page, layerId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const map = (window as unknown as { __forestMap: { map: { getStyle(): { layers: { id: string }[] } } } }).__forestMap.map;
    return map.getStyle().layers.map((layer) => layer.id).filter((styleId) => styleId.startsWith(`${id}-`));
  }, layerId);
}

async function renderedFeatureCount(page: Page, layers: string[]): Promise<number> {
  return page.evaluate((ids) => {
    const map = (window as unknown as { __forestMap: { map: { queryRenderedFeatures(options: { layers: string[] }): unknown[] } } }).__forestMap.map;
    return map.queryRenderedFeatures({ layers: ids }).length;
  }, layers);
}

describe('map of Youyang', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser();
    await session.page.goto(baseUrl);
    await waitForMapReady(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('loads every layer without console errors or failed requests, and shows the sample-data notice', async () => {
    const { page, problems } = session;
    await expect(page.getByTestId('sample-notice').textContent()).resolves.toContain('示例数据');
    await expect(page.locator('h1').textContent()).resolves.toBe('酉阳林业一张图');
    // Base layers render at the county view: outline, township boundaries and labels, rivers.
    for (const id of ['county', 'townships', 'rivers', 'subcompartments']) {
      const ids = await styleLayerIds(page, id);
      expect(ids.length, id).toBeGreaterThan(0);
      expect(await renderedFeatureCount(page, ids), id).toBeGreaterThan(0);
    }
    await page.screenshot({ path: artifactPath('map-county.png') });
    expect(problems).toEqual([]);
  });

  it('renders each thematic layer when toggled on and hides it when toggled off', async () => {
    const { page, problems } = session;
    for (const layer of LAYERS.filter((entry) => entry.toggleable)) {
      const toggle = page.getByTestId(`toggle-${layer.id}`);
      if (!(await toggle.isChecked())) await toggle.check();
      // Zoom to the layer so small features (nanmu groves) are rendered too.
      await page.locator(`li[data-layer="${layer.id}"] button.link`).click();
      await page.waitForTimeout(700);
      await waitForIdle(page);
      const ids = await styleLayerIds(page, layer.id);
      expect(await renderedFeatureCount(page, ids), `${layer.id} on`).toBeGreaterThan(0);
      await toggle.uncheck();
      await waitForIdle(page);
      expect(await renderedFeatureCount(page, ids), `${layer.id} off`).toBe(0);
    }
    expect(problems).toEqual([]);
  });

  it('keeps every catalog layer under the plots and the drawing tools, also one first shown after them', async () => {
    const { page, problems } = session;
    // The plot and drawing layers go on the map as soon as it loads; the toggling above added the
    // hidden layers (reserve forest, …) only when first shown, long after.
    const order = await page.evaluate(() => (window as unknown as { __forestMap: { map: { getStyle(): { layers: { id: string }[] } } } }).__forestMap.map.getStyle().layers.map((layer) => layer.id));
    const catalogIndices = order.flatMap((id, index) => (LAYER_IDS.some((layerId) => id.startsWith(`${layerId}-`)) ? [index] : []));
    const reserve = order.findIndex((id) => id.startsWith('reserveForest-'));
    const plots = order.indexOf('plots-fill');
    const drawing = order.findIndex((id) => id.startsWith('plot-draw'));
    expect(reserve).toBeGreaterThanOrEqual(0);
    expect(plots).toBeGreaterThan(0);
    expect(drawing).toBeGreaterThan(plots);
    expect(Math.max(...catalogIndices)).toBeLessThan(plots);
    expect(problems).toEqual([]);
  });

  it('shows the attributes of a clicked sub-compartment with Chinese labels and its ellipsoidal area', async () => {
    const { page, problems } = session;
    await page.goto(`${baseUrl}#map=13.00/28.85000/108.80000&layers=subcompartments&lang=zh`);
    await page.reload();
    await waitForMapReady(page);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    const point = { x: box.width / 2, y: box.height / 2 };
    // The feature under the pointer by its id (its index in the file: the tiles carry only what the style reads).
    const hit = await page.evaluate(({ x, y }) => {
      const map = (window as unknown as { __forestMap: { map: { queryRenderedFeatures(point: [number, number], options: { layers: string[] }): { id?: number | string; properties: Record<string, unknown> }[] } } }).__forestMap.map;
      const [feature] = map.queryRenderedFeatures([x, y], { layers: ['subcompartments-fill'] });
      return feature ? { id: feature.id, landClass: feature.properties.DI_LEI } : null;
    }, point);
    expect(typeof hit?.id).toBe('number');
    const file = await readFlatGeobuf(new Uint8Array(readFileSync('public/data/subcompartments.fgb')), 'subcompartments.fgb');
    const expected = file.features[hit!.id as number]!.properties!;
    expect(expected.DI_LEI).toBe(hit!.landClass);
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor();
    await expect(panel.locator('tr[data-field="XIANG"] th').textContent()).resolves.toBe('乡镇');
    await expect(panel.locator('tr[data-field="XIANG"] td').textContent()).resolves.toBe(String(expected!.XIANG));
    await expect(panel.locator('tr[data-field="DI_LEI"] td').textContent()).resolves.toBe(String(expected!.DI_LEI));
    const areaText = (await panel.getByTestId('feature-area').textContent()) ?? '';
    expect(areaText).toMatch(/亩/);
    expect(areaText).toMatch(/公顷/);
    // The ellipsoidal area shown matches the stored MIAN_JI (亩, 2 decimals) to display precision.
    const shownMu = Number(/([\d,]+\.\d+) 亩/.exec(areaText)?.[1]?.replace(/,/g, ''));
    expect(Math.abs(shownMu - Number(expected!.MIAN_JI))).toBeLessThanOrEqual(0.011);
    await page.screenshot({ path: artifactPath('feature-panel.png') });
    expect(problems).toEqual([]);
  });

  it('switches the interface to English and back', async () => {
    const { page, problems } = session;
    await switchLanguage(page, 'en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Youyang Forest Map');
    await expect(page.locator('.layer-panel h2').textContent()).resolves.toBe('Layers');
    await expect(page.getByTestId('toggle-subcompartments').locator('..').textContent()).resolves.toContain('Forest sub-compartments');
    const panel = page.getByTestId('feature-panel');
    if (await panel.isVisible()) {
      await expect(panel.locator('tr[data-field="XIANG"] th').textContent()).resolves.toBe('Township');
    }
    expect(page.url()).toContain('lang=en');
    await page.screenshot({ path: artifactPath('map-english.png') });
    await switchLanguage(page, 'zh');
    await expect(page.locator('h1').textContent()).resolves.toBe('酉阳林业一张图');
    expect(problems).toEqual([]);
  });

  it('reopens a saved view from the URL', async () => {
    const { problems } = session;
    const page = await session.context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${baseUrl}#map=11.50/29.05000/108.90000&layers=fireZones,fireFacilities&lang=en`);
    await waitForMapReady(page);
    const view = await page.evaluate(() => {
      const map = (window as unknown as { __forestMap: { map: { getZoom(): number; getCenter(): { lng: number; lat: number } } } }).__forestMap.map;
      return { zoom: map.getZoom(), center: map.getCenter() };
    });
    expect(view.zoom).toBeCloseTo(11.5, 2);
    expect(view.center.lat).toBeCloseTo(29.05, 4);
    expect(view.center.lng).toBeCloseTo(108.9, 4);
    expect(await page.getByTestId('toggle-fireZones').isChecked()).toBe(true);
    expect(await page.getByTestId('toggle-fireFacilities').isChecked()).toBe(true);
    expect(await page.getByTestId('toggle-subcompartments').isChecked()).toBe(false);
    await expect(page.locator('h1').textContent()).resolves.toBe('Youyang Forest Map');
    await page.screenshot({ path: artifactPath('saved-view.png') });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('finds a township by name and zooms to it', async () => {
    const { page, problems } = session;
    await page.goto(`${baseUrl}#lang=zh`);
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('township-search').fill('龚滩');
    await page.getByRole('option').first().locator('button').dispatchEvent('mousedown');
    await page.waitForTimeout(900);
    await waitForIdle(page);
    const center = await page.evaluate(() => {
      const map = (window as unknown as { __forestMap: { map: { getCenter(): { lng: number; lat: number }; getZoom(): number } } }).__forestMap.map;
      return { ...map.getCenter(), zoom: map.getZoom() };
    });
    // 龚滩镇 lies on the Wujiang in the far west of the county (seed 108.35°E, 28.91°N).
    expect(center.lng).toBeGreaterThan(108.25);
    expect(center.lng).toBeLessThan(108.5);
    expect(center.zoom).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});
