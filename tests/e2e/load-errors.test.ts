/**
 * A broken data file is named and the rest of the map still loads; a missing catalog gives one
 * clear message (not one per layer), and the layer reads already under way end quietly.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openBrowser, waitForMapReady, type BrowserSession } from './browser';

const baseUrl = inject('baseUrl');

describe('loading the catalog layers', () => {
  let session: BrowserSession | undefined;

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('names a broken layer file and draws every other layer', async () => {
    session = await openBrowser();
    const { page, problems } = session;
    await page.route('**/data/rivers.fgb', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'this is not a FlatGeobuf file' }));
    await page.goto(baseUrl);
    await waitForMapReady(page);
    const errors = page.getByRole('alert').locator('li');
    await expect(errors.count()).resolves.toBe(1);
    await expect(errors.first().textContent()).resolves.toContain('rivers.fgb');
    const rendered = await page.evaluate(() => {
      const map = (window as unknown as { __forestMap: { map: { queryRenderedFeatures(options: { layers: string[] }): unknown[]; getLayer(id: string): unknown } } }).__forestMap.map;
      return {
        subcompartments: map.queryRenderedFeatures({ layers: ['subcompartments-fill'] }).length,
        townships: map.queryRenderedFeatures({ layers: ['townships-line'] }).length,
        rivers: Boolean(map.getLayer('rivers-line')),
      };
    });
    expect(rendered.subcompartments).toBeGreaterThan(0);
    expect(rendered.townships).toBeGreaterThan(0);
    expect(rendered.rivers).toBe(false);
    expect(problems).toEqual([]);
  });

  it('says once that the catalog is missing, and a layer file failing meanwhile is no unhandled rejection', async () => {
    session = await openBrowser();
    const { page, problems } = session;
    await page.route('**/data/catalog.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    // Read while the catalog is asked for, and failing with nobody waiting for it.
    await page.route('**/data/rivers.fgb', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(baseUrl);
    const errors = page.getByRole('alert').locator('li');
    await errors.first().waitFor();
    await page.getByTestId('load-progress').waitFor({ state: 'detached' });
    await expect(errors.count()).resolves.toBe(1);
    await expect(errors.first().textContent()).resolves.toMatch(/catalog\.json: HTTP 404.*npm run data/);
    // The expected 404s (and Chromium's console lines for them) only.
    const expected = [/HTTP 404: .*\/data\/(catalog\.json|rivers\.fgb)$/, /^console error: Failed to load resource: .* 404/];
    expect(problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)))).toEqual([]);
  });
});
