/**
 * The sub-compartments' vector tiles (subcompartments.pmtiles): drawn from the archive when it was
 * cut from the layer's FlatGeobuf; fed from the FlatGeobuf, with a warning naming the reason, when
 * the archive was cut from other data (a bureau replaced the file without rebuilding) or is not an
 * archive at all (a static server answering with a page). Clicks find the same feature either way.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { buildVectorTileArchive } from '../../src/lib/io/tile-archives/vector-tile-archive';
import { openBrowser, waitForMapReady, type BrowserSession } from './browser';

const baseUrl = inject('baseUrl');
const VIEW = '#map=12.00/28.84000/108.77000&layers=townships,subcompartments&lang=zh';

async function subcompartmentsOnMap(page: Page): Promise<{ type: string | undefined; rendered: number }> {
  return page.evaluate(() => {
    const map = (window as unknown as { __forestMap: { map: {
      getSource(id: string): { type: string } | undefined;
      queryRenderedFeatures(options: { layers: string[] }): unknown[];
    } } }).__forestMap.map;
    return { type: map.getSource('source-subcompartments')?.type, rendered: map.queryRenderedFeatures({ layers: ['subcompartments-fill'] }).length };
  });
}

/** The console warnings that mention the sub-compartments, collected from now on. */
function subcompartmentWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('subcompartments')) warnings.push(message.text());
  });
  return warnings;
}

/** Clicks the middle of the map and returns the selected feature's panel text. */
async function clickMiddle(page: Page): Promise<string> {
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const panel = page.getByTestId('feature-panel');
  await panel.waitFor({ timeout: 30_000 });
  return (await panel.textContent()) ?? '';
}

describe('the sub-compartments’ vector tiles', () => {
  let session: BrowserSession | null = null;

  afterEach(async () => {
    await session?.close();
    session = null;
  });

  it('draw the layer from the archive, and a click describes the same sub-compartment as the fed layer does', async () => {
    session = await openBrowser();
    const warnings = subcompartmentWarnings(session.page);
    await session.page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(session.page);
    const drawn = await subcompartmentsOnMap(session.page);
    expect(drawn.type).toBe('vector');
    expect(drawn.rendered).toBeGreaterThan(100);
    const fromTiles = await clickMiddle(session.page);
    expect(fromTiles).toContain('小班');
    expect(warnings).toEqual([]);
    expect(session.problems).toEqual([]);
    await session.close();

    // The same view with an archive cut from the first 100 features only: the feature count differs.
    session = await openBrowser();
    const stale = await readFlatGeobuf(new Uint8Array(readFileSync('public/data/subcompartments.fgb')), 'subcompartments.fgb');
    stale.features = stale.features.slice(0, 100);
    const staleArchive = Buffer.from(buildVectorTileArchive(stale, { layerName: 'subcompartments', minZoom: 6, maxZoom: 13, tolerance: 0 }));
    await session.page.route('**/data/subcompartments.pmtiles', (route) => route.fulfill({ status: 200, body: staleArchive, contentType: 'application/octet-stream' }));
    const staleWarnings = subcompartmentWarnings(session.page);
    await session.page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(session.page);
    const fed = await subcompartmentsOnMap(session.page);
    expect(fed.type).toBe('geojson');
    expect(fed.rendered).toBeGreaterThan(100);
    expect(staleWarnings).toEqual(['subcompartments: the vector tiles were cut from 100 features, the layer has 43355; run "npm run data:ensure" to cut them again']);
    expect(await clickMiddle(session.page)).toBe(fromTiles);
    expect(session.problems).toEqual([]);
  });

  it('are drawn while the layer’s FlatGeobuf is still on its way, and kept once it has come', async () => {
    session = await openBrowser();
    const { page } = session;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/data/subcompartments.fgb', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}${VIEW}`);
    // The archive's tiles are on the map (not merely requested) while the loading progress still waits for the file.
    await page.waitForFunction(
      () => {
        const map = (window as unknown as { __forestMap?: { map: { getSource(id: string): { type: string } | undefined; queryRenderedFeatures(options: { layers: string[] }): unknown[]; getLayer(id: string): unknown } } }).__forestMap?.map;
        return map?.getSource('source-subcompartments')?.type === 'vector' && Boolean(map.getLayer('subcompartments-fill')) && map.queryRenderedFeatures({ layers: ['subcompartments-fill'] }).length > 100;
      },
      undefined,
      { timeout: 60_000, polling: 250 },
    );
    await expect(page.getByTestId('load-progress').isVisible()).resolves.toBe(true);
    release();
    await waitForMapReady(page);
    const drawn = await subcompartmentsOnMap(page);
    expect(drawn.type).toBe('vector');
    expect(drawn.rendered).toBeGreaterThan(100);
    expect(await clickMiddle(page)).toContain('小班');
    expect(session.problems).toEqual([]);
  });

  it('give way to the fed layer when the answer is no archive, with a warning naming the file', async () => {
    session = await openBrowser();
    await session.page.route('**/data/subcompartments.pmtiles', (route) => route.fulfill({ status: 200, body: '<!doctype html><title>x</title>', contentType: 'text/html' }));
    const warnings = subcompartmentWarnings(session.page);
    await session.page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(session.page);
    const fed = await subcompartmentsOnMap(session.page);
    expect(fed.type).toBe('geojson');
    expect(fed.rendered).toBeGreaterThan(100);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^subcompartments\.pmtiles: the map draws the layer from its FlatGeobuf instead \(.+\)$/);
    expect(session.problems).toEqual([]);
  });
});
