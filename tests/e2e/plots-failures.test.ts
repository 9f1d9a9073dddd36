/**
 * Plots survive failed writes and bad files: a drawn plot whose save fails (full disk) stays on
 * the map with the reason and a retry button and is saved exactly once on retry; a failed
 * attribute save is shown and retried, and a delayed save stays with the plot it was made for;
 * an import with bad geometry brings in the good plot and lists the refused ones with reasons.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import {
  drawPolygon,
  failPlotWrites,
  livePlots,
  PLOT_VIEW,
  restorePlotWrites,
  storedPlots,
  waitForDrawingTools,
  waitForPlotCount,
  type StoredPlotLike,
} from './plots-helpers';

const baseUrl = inject('baseUrl');

interface UnsavedLike {
  key: string;
  status: string;
  geometry: { coordinates: number[][][] };
}

async function unsavedPlots(page: Page): Promise<UnsavedLike[]> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __plots: { unsaved: UnsavedLike[] } }).__plots.unsaved)) as UnsavedLike[]);
}

describe('plots when saving fails, and bad plot files', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowser();
    page = session.page;
    await page.goto(`${baseUrl}${PLOT_VIEW}`);
    await waitForMapReady(page);
    await page.getByTestId('tab-plots').click();
    await page.getByTestId('plot-empty').waitFor();
    await waitForDrawingTools(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('keeps a drawn plot whose save failed (storage full), says why, and saves it once on retry', async () => {
    const { problems } = session;
    await failPlotWrites(page);
    const clicked = await drawPolygon(page, [
      { dx: -170, dy: -90 },
      { dx: 10, dy: -80 },
      { dx: 5, dy: 70 },
      { dx: -160, dy: 60 },
    ]);
    const unsaved = page.getByTestId('plot-unsaved');
    await unsaved.waitFor();
    await expect(unsaved.textContent()).resolves.toContain('存储空间不足');
    expect(await livePlots(page)).toHaveLength(0);
    expect(await storedPlots(page)).toHaveLength(0);
    // The drawing is kept, vertex for vertex, and still on the map.
    const [kept] = await unsavedPlots(page);
    expect(kept!.status).toBe('failed');
    const ring = kept!.geometry.coordinates[0]!;
    for (const point of clicked) expect(ring.some(([lng, lat]) => Math.abs(lng! - point.lng) < 1e-7 && Math.abs(lat! - point.lat) < 1e-7)).toBe(true);
    await waitForIdle(page);
    const onMap = await page.evaluate(() => {
      type MapLike = { queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[] };
      const map = (window as unknown as { __forestMap: { map: MapLike } }).__forestMap.map;
      return map.queryRenderedFeatures({ layers: ['plots-fill'] }).filter((feature) => feature.properties.unsaved === true).length;
    });
    expect(onMap).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('plots-save-failed-zh.png') });

    // Space freed: retry saves it, once.
    await restorePlotWrites(page);
    await page.getByTestId('plot-unsaved-retry').click();
    await waitForPlotCount(page, 1);
    await page.getByTestId('plot-editor').waitFor();
    expect(await page.getByTestId('plot-unsaved').count()).toBe(0);
    const stored = await storedPlots(page);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.geometry.coordinates[0]).toEqual(ring);
    expect(stored[0]!.id).toBe((await livePlots(page))[0]!.id);
    expect(problems).toEqual([]);
  });

  it('shows a failed attribute save with a retry that writes the edit to its own plot only', async () => {
    const { problems } = session;
    // A second plot to switch to.
    await drawPolygon(page, [
      { dx: 60, dy: -90 },
      { dx: 200, dy: -85 },
      { dx: 195, dy: 40 },
      { dx: 65, dy: 35 },
    ]);
    await waitForPlotCount(page, 2);
    const [plotA, plotB] = (await livePlots(page)) as [StoredPlotLike, StoredPlotLike];
    await page.locator(`[data-testid="plot-row"][data-plot-id="${plotA.id}"]`).click();
    await page.getByTestId('plot-editor').waitFor();

    // The write of A's new name fails while B is already selected.
    await failPlotWrites(page);
    await page.getByTestId('plot-name').fill('甲地块（新名称）');
    await page.evaluate((id) => (window as unknown as { __plots: { select(id: string): void } }).__plots.select(id), plotB.id);
    await page.waitForFunction((name) => (document.querySelector('[data-testid="plot-name"]') as HTMLInputElement).value === name, plotB.name);
    const failure = page.getByTestId('plot-notice').filter({ hasText: '存储空间不足' });
    await failure.waitFor();
    await expect(failure.textContent()).resolves.toContain(plotA.name);
    // B's notes typed meanwhile: their save fails too.
    await page.getByTestId('plot-notes').fill('乙地块备注');
    await page.getByTestId('plot-notes').blur();
    await page.waitForTimeout(800);
    let stored = await storedPlots(page);
    expect(stored.find((plot) => plot.id === plotA.id)!.name).toBe(plotA.name);
    // Nothing is lost on screen.
    let shown = await livePlots(page);
    expect(shown.find((plot) => plot.id === plotA.id)!.name).toBe('甲地块（新名称）');
    expect(shown.find((plot) => plot.id === plotB.id)!.notes).toBe('乙地块备注');

    await restorePlotWrites(page);
    // One notice (with its retry) per plot whose save failed: A and B.
    await expect(page.getByTestId('plot-retry-save').count()).resolves.toBe(2);
    while ((await page.getByTestId('plot-retry-save').count()) > 0) {
      await page.getByTestId('plot-retry-save').first().click();
      await page.waitForTimeout(300);
    }
    stored = await storedPlots(page);
    const storedA = stored.find((plot) => plot.id === plotA.id)!;
    const storedB = stored.find((plot) => plot.id === plotB.id)!;
    expect(storedA.name).toBe('甲地块（新名称）');
    expect(storedA.notes).toBe('');
    expect(storedB.name).toBe(plotB.name);
    expect(storedB.notes).toBe('乙地块备注');
    shown = await livePlots(page);
    expect(shown.find((plot) => plot.id === plotB.id)!.name).toBe(plotB.name);
    expect(problems).toEqual([]);
  });

  it('imports the good plot of a GeoJSON and lists the refused ones (infinite coordinates, self-intersection) with reasons', async () => {
    const { problems } = session;
    const before = (await livePlots(page)).length;
    const square = [[108.386, 28.884], [108.388, 28.884], [108.388, 28.886], [108.386, 28.886], [108.386, 28.884]];
    // 1e400 is Infinity once parsed; the bow tie crosses itself.
    const text = `{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"MING_CHENG":"好地块"},"geometry":{"type":"Polygon","coordinates":[${JSON.stringify(square)}]}},
      {"type":"Feature","properties":{"MING_CHENG":"坐标溢出地块"},"geometry":{"type":"Polygon","coordinates":[[[1e400,28.884],[108.39,28.884],[108.39,28.886],[1e400,28.884]]]}},
      {"type":"Feature","properties":{"MING_CHENG":"蝴蝶结地块"},"geometry":{"type":"Polygon","coordinates":[[[108.38,28.88],[108.382,28.882],[108.382,28.88],[108.38,28.882],[108.38,28.88]]]}}
    ]}`;
    await page.getByTestId('plot-import-input').setInputFiles({ name: '外业地块.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(text) });
    await waitForPlotCount(page, before + 1);
    const report = page.getByTestId('plot-notice').filter({ hasText: '外业地块' });
    await report.waitFor();
    const reportText = (await report.textContent()) ?? '';
    expect(reportText).toContain('导入 1 个地块');
    expect(reportText).toContain('拒绝 2 个');
    const refused = await report.getByTestId('plot-notice-detail').allTextContents();
    expect(refused).toHaveLength(2);
    // The reader takes the infinite one out (name and all); it is still listed by its number.
    expect(refused[0]).toContain('第2个要素');
    expect(refused[0]).toMatch(/无穷大|有限数值/);
    expect(refused[1]).toContain('蝴蝶结地块');
    expect(refused[1]).toContain('自相交');
    await page.screenshot({ path: artifactPath('plots-import-refused-zh.png') });
    const names = (await livePlots(page)).map((plot) => plot.name);
    expect(names).toContain('好地块');
    expect(names).not.toContain('坐标溢出地块');
    expect(names).not.toContain('蝴蝶结地块');
    for (const plot of await storedPlots(page)) {
      expect(plot.geometry.coordinates.flat(2).every((value) => Number.isFinite(value))).toBe(true);
    }
    expect(problems).toEqual([]);
  });
});
