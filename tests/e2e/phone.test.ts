/**
 * Phones in the field: the app at 390×844 and 360×740 (every sidebar tab, Chinese and English,
 * no sideways scrolling, the map still large), a plot drawn by tapping and finished with the
 * button, "where am I" with a mocked GPS (denied first, then a fix: the marker and its accuracy
 * circle at the right place, and plot vertices added where the device is), and the installed
 * app opening offline with its sample data once the service worker is active.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeatureCollection, Polygon } from 'geojson';
import { distanceMetres } from '../../src/lib/geo/area';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { switchLanguage } from './language';
import { livePlots, waitForDrawingTools, waitForPlotCount } from './plots-helpers';

const baseUrl = inject('baseUrl');
const PHONES = [
  { name: '390x844', width: 390, height: 844 },
  { name: '360x740', width: 360, height: 740 },
] as const;
/** 楠木湾 (两罾乡), where the plot tests work too. */
const VIEW = '#map=14.00/28.88800/108.39000&layers=townships,subcompartments,nanmuProtection,corridors,afforestation2023';
const MIN_MAP_HEIGHT = 300;

type MapWindow = {
  __forestMap: {
    map: {
      project(p: [number, number]): { x: number; y: number };
      getSource(id: string): { serialize(): { data: FeatureCollection } } | undefined;
      queryRenderedFeatures(p: [number, number], options: { layers: string[] }): unknown[];
      getCenter(): { lng: number; lat: number };
    };
  };
};

let session: BrowserSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function layout(page: Page): Promise<{ scrollWidth: number; innerWidth: number; mapHeight: number; mapWidth: number; titleHeight: number; titleLineHeight: number; minFontPx: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
    const title = document.querySelector('h1')!;
    // The smallest text size of visible sidebar and top-bar text: readable means ≥ 10.5 px (0.65rem).
    const sizes = [...document.querySelectorAll('.topbar *, .sidebar *')]
      .filter((element) => element instanceof HTMLElement && element.offsetParent !== null && [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim()))
      .map((element) => parseFloat(getComputedStyle(element).fontSize));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      mapHeight: canvas.height,
      mapWidth: canvas.width,
      titleHeight: title.getBoundingClientRect().height,
      titleLineHeight: parseFloat(getComputedStyle(title).lineHeight) || parseFloat(getComputedStyle(title).fontSize) * 1.6,
      minFontPx: Math.min(...sizes),
    };
  });
}

async function tabIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="tab-"]', (buttons) => buttons.map((button) => button.getAttribute('data-testid')!.slice(4)));
}

describe('the app on a phone', () => {
  for (const phone of PHONES) {
    it(`fits ${phone.name} on every tab, in Chinese and English`, async () => {
      session = await openBrowser({ width: phone.width, height: phone.height, mobile: true });
      const { page } = session;
      await page.goto(`${baseUrl}${VIEW}`);
      await waitForMapReady(page);
      for (const locale of ['zh', 'en'] as const) {
        if (locale === 'en') await switchLanguage(page, 'en');
        const tabs = await tabIds(page);
        expect(tabs.length).toBeGreaterThanOrEqual(5);
        for (const tab of tabs) {
          await page.getByTestId(`tab-${tab}`).click();
          await page.waitForTimeout(400);
          const measured = await layout(page);
          expect(measured.scrollWidth, `${tab} (${locale}) scrolls sideways`).toBeLessThanOrEqual(measured.innerWidth);
          expect(measured.mapHeight, `${tab} (${locale}) map height`).toBeGreaterThanOrEqual(MIN_MAP_HEIGHT);
          expect(measured.mapWidth).toBe(phone.width);
          // The title on one line, not a character per line.
          expect(measured.titleHeight).toBeLessThan(measured.titleLineHeight * 1.5);
          expect(measured.minFontPx, `${tab} (${locale}) smallest text`).toBeGreaterThanOrEqual(10.5);
          await page.screenshot({ path: artifactPath(`phone-${phone.name}-${tab}-${locale}.png`) });
        }
      }
      // Folded down to its tabs, the sheet leaves the map most of the screen.
      // The canvas follows the sheet through MapLibre's resize observer, a frame or more later.
      await page.getByTestId('sheet-handle').click();
      await expect.poll(() => page.getByTestId('sheet-handle').getAttribute('aria-expanded')).toBe('false');
      await expect.poll(async () => (await layout(page)).mapHeight, { timeout: 10_000 }).toBeGreaterThan(phone.height * 0.6);
      await page.screenshot({ path: artifactPath(`phone-${phone.name}-folded.png`) });
      expect(session.problems).toEqual([]);
    });
  }

  it('draws a plot by tapping and finishes it with the button', async () => {
    session = await openBrowser({ width: 390, height: 844, mobile: true });
    const { page } = session;
    await page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(page);
    await page.getByTestId('tab-plots').click();
    await waitForDrawingTools(page);
    const before = (await livePlots(page)).length;
    await page.getByTestId('plot-snap').uncheck();
    await page.getByTestId('plot-tool-polygon').tap();
    const box = (await page.getByTestId('map').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    for (const [dx, dy] of [[-70, -50], [70, -50], [60, 60]] as const) {
      await page.touchscreen.tap(centre.x + dx, centre.y + dy);
      await page.waitForTimeout(150);
    }
    await page.screenshot({ path: artifactPath('phone-draw-taps.png') });
    await page.getByTestId('plot-draw-finish').tap();
    await waitForPlotCount(page, before + 1);
    const plot = (await livePlots(page)).at(-1)!;
    expect(plot.geometry.coordinates[0]).toHaveLength(4);
    expect(session.problems).toEqual([]);
  });
});

describe('where am I', () => {
  it('says when location is denied, then shows the GPS fix with its accuracy circle and walks plot vertices', async () => {
    session = await openBrowser({ width: 390, height: 844, mobile: true });
    const { page, context } = session;
    await page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(page);

    // No permission granted: the browser refuses, and the app says so.
    await page.getByTestId('location-button').click();
    await expect(page.getByTestId('location-message').getAttribute('data-status')).resolves.toBe('denied');
    await page.screenshot({ path: artifactPath('phone-location-denied.png') });
    await page.getByTestId('location-message').getByRole('button').click();

    const origin = new URL(baseUrl).origin;
    await context.grantPermissions(['geolocation'], { origin });
    const fix = { longitude: 108.392, latitude: 28.889, accuracy: 25 };
    await context.setGeolocation(fix);
    await page.getByTestId('location-button').click();
    await page.getByTestId('location-accuracy').waitFor();
    await expect(page.getByTestId('location-accuracy').textContent()).resolves.toContain('±25 m');
    // Follow mode centres the map on the fix.
    await page.waitForFunction(({ longitude, latitude }) => {
      const centre = (window as unknown as MapWindow).__forestMap.map.getCenter();
      return Math.abs(centre.lng - longitude) < 1e-6 && Math.abs(centre.lat - latitude) < 1e-6;
    }, fix);
    await waitForIdle(page);

    const source = await page.evaluate(() => (window as unknown as MapWindow).__forestMap.map.getSource('device-location')!.serialize().data);
    const point = source.features.find((feature) => feature.properties?.kind === 'position')!;
    expect(point.geometry).toEqual({ type: 'Point', coordinates: [fix.longitude, fix.latitude] });
    const circle = source.features.find((feature) => feature.properties?.kind === 'accuracy')!.geometry as Polygon;
    for (const vertex of circle.coordinates[0]!) expect(distanceMetres([fix.longitude, fix.latitude], vertex)).toBeCloseTo(fix.accuracy, 3);
    // The dot is drawn where the fix projects on screen.
    const rendered = await page.evaluate(({ longitude, latitude }) => {
      const map = (window as unknown as MapWindow).__forestMap.map;
      const at = map.project([longitude, latitude]);
      return map.queryRenderedFeatures([at.x, at.y], { layers: ['device-location-dot'] }).length;
    }, fix);
    expect(rendered).toBe(1);
    await page.screenshot({ path: artifactPath('phone-location.png') });

    // Walking a plot's boundary: a vertex at each of three fixes, then finish.
    await page.getByTestId('tab-plots').click();
    await waitForDrawingTools(page);
    const before = (await livePlots(page)).length;
    await page.getByTestId('plot-tool-polygon').click();
    const walk = [
      [108.392, 28.889],
      [108.3926, 28.889],
      [108.3926, 28.8895],
    ] as const;
    for (const [longitude, latitude] of walk) {
      await context.setGeolocation({ longitude, latitude, accuracy: 5 });
      await page.waitForFunction(
        ({ longitude, latitude }) => {
          const data = (window as unknown as MapWindow).__forestMap.map.getSource('device-location')!.serialize().data;
          const coordinates = (data.features.find((feature) => feature.properties?.kind === 'position')?.geometry as { coordinates: number[] } | undefined)?.coordinates;
          return coordinates?.[0] === longitude && coordinates[1] === latitude;
        },
        { longitude, latitude },
      );
      await page.getByTestId('plot-add-gps-vertex').click();
    }
    await page.screenshot({ path: artifactPath('phone-location-walk.png') });
    await page.getByTestId('plot-draw-finish').click();
    await waitForPlotCount(page, before + 1);
    const ring = (await livePlots(page)).at(-1)!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(4);
    for (const [index, [longitude, latitude]] of walk.entries()) {
      const vertex = ring.find((position) => Math.abs(position[0]! - longitude) < 1e-8 && Math.abs(position[1]! - latitude) < 1e-8);
      expect(vertex, `vertex ${index} at the GPS fix`).toBeDefined();
    }
    expect(session.problems).toEqual([]);
  });
});

describe('the installed app', () => {
  it('opens offline with its sample data once the service worker is active', async () => {
    session = await openBrowser({ width: 390, height: 844, mobile: true, serviceWorkers: 'allow' });
    const { page, context } = session;
    await page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(page);
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!;
      return (await fetch(link.href)).json() as Promise<{ icons: { src: string }[]; start_url: string }>;
    });
    expect(manifest.start_url).toBe('./');
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
    await page.getByTestId('offline-ready').waitFor({ timeout: 120_000 });
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      if (registration.active?.state !== 'activated') await new Promise((resolve) => registration.active!.addEventListener('statechange', resolve));
    });

    await context.setOffline(true);
    await page.reload();
    await waitForMapReady(page);
    // No load errors shown (LoadProgress lists them in an alert).
    await expect(page.locator('.map-area [role="alert"]').count()).resolves.toBe(0);
    const features = await page.evaluate(() => {
      const map = (window as unknown as { __forestMap: { map: {
        querySourceFeatures(id: string, options?: { sourceLayer: string }): unknown[];
        getSource(id: string): { type: string } | undefined;
      } } }).__forestMap.map;
      return {
        townships: map.querySourceFeatures('source-townships').length,
        // The sub-compartments come from their vector-tile archive, fetched whole from the worker's cache.
        subcompartmentsSource: map.getSource('source-subcompartments')?.type,
        subcompartments: map.querySourceFeatures('source-subcompartments', { sourceLayer: 'subcompartments' }).length,
      };
    });
    expect(features.townships).toBeGreaterThan(0);
    expect(features.subcompartmentsSource).toBe('vector');
    expect(features.subcompartments).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('phone-offline.png') });
    expect(session.problems).toEqual([]);
  });
});
