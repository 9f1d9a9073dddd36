/**
 * Elevation models in a real browser: a DEM GeoTIFF generated here (Float32, CGCS2000
 * Gauss–Krüger EPSG:4545: flat in the west, falling 0.7 m per metre eastwards in the east) is
 * opened in the imagery panel and recognised as a DEM; its hillshade shades the steep half and
 * leaves the flat half as it was; a plot imported over the steep half shows its slope (35.0°)
 * and the steep flag, which goes when the threshold is raised above the slope.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTransform } from '../../src/lib/geo/crs/transform';
import { colourAt } from './map-pixels';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { waitForPlotCount } from './plots-helpers';

const baseUrl = inject('baseUrl');
const toGk = createTransform('EPSG:4326', 'EPSG:4545');
const fromGk = createTransform('EPSG:4545', 'EPSG:4326');
const CELL = 10;
const WIDTH = 300; // 3 km
const HEIGHT = 200; // 2 km
const [centreEasting, centreNorthing] = toGk([108.77, 28.84]) as [number, number];
const ORIGIN_X = Math.round(centreEasting - (WIDTH * CELL) / 2);
const ORIGIN_Y = Math.round(centreNorthing + (HEIGHT * CELL) / 2);
/** Flat at 900 m west of the middle column, then down 0.7 m per metre eastwards (35.0°, facing away from MapLibre's north-west light). */
const STEEP_FROM = WIDTH / 2;

function demTiff(): Buffer {
  const heights = new Float32Array(WIDTH * HEIGHT);
  for (let row = 0; row < HEIGHT; row += 1) {
    for (let column = 0; column < WIDTH; column += 1) heights[row * WIDTH + column] = 900 - Math.max(0, column + 0.5 - STEEP_FROM) * CELL * 0.7;
  }
  return Buffer.from(
    writeArrayBuffer(heights, {
      width: WIDTH,
      height: HEIGHT,
      ModelPixelScale: [CELL, CELL, 0],
      ModelTiepoint: [0, 0, 0, ORIGIN_X, ORIGIN_Y, 0],
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 4545,
      GDAL_NODATA: '-9999\u0000',
    }),
  );
}

/** A GK point given in DEM cells (column, row from the north-west corner), in WGS84. */
const at = (column: number, row: number) => fromGk([ORIGIN_X + column * CELL, ORIGIN_Y - row * CELL]) as [number, number];
const flatPoint = at(WIDTH * 0.25, HEIGHT * 0.5);
const steepPoint = at(WIDTH * 0.75, HEIGHT * 0.5);

/** A 400 m × 400 m plot well inside the steep half. */
function steepPlot(): string {
  const ring = [at(200, 60), at(240, 60), at(240, 100), at(200, 100), at(200, 60)];
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: '陡坡试验地块' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  });
}

const brightness = (colour: number[]) => colour[0]! + colour[1]! + colour[2]!;

describe('elevation models', () => {
  let session: BrowserSession;
  const folder = mkdtempSync(join(tmpdir(), 'forest-map-dem-'));
  const demPath = join(folder, '高程-4545.tif');

  beforeAll(async () => {
    writeFileSync(demPath, demTiff());
    session = await openBrowser();
    // Only the base layers, so the hillshade lies on the plain county fill.
    await session.page.goto(`${baseUrl}#map=13.5/28.8400/108.7700&layers=&lang=zh`);
    await waitForMapReady(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens a DEM GeoTIFF and shades its steep half with a hillshade, leaving flat ground as it was', async () => {
    const { page, problems } = session;
    await waitForIdle(page);
    const flatBefore = await colourAt(page, flatPoint);
    const steepBefore = await colourAt(page, steepPoint);
    await page.getByTestId('tab-data').click();
    await page.getByTestId('imagery-file').setInputFiles(demPath);
    await page.getByTestId('imagery-dem').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('imagery-layer').first().textContent()).resolves.toContain('EPSG:4545');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __forestMap: { map: { getStyle(): { layers: { type: string }[] } } } }).__forestMap.map.getStyle().layers.some((layer) => layer.type === 'hillshade')))
      .toBe(true);
    await page.waitForTimeout(800);
    await waitForIdle(page);
    const flatAfter = await colourAt(page, flatPoint);
    const steepAfter = await colourAt(page, steepPoint);
    await page.screenshot({ path: artifactPath('dem-hillshade.png') });
    // Before the DEM both points show the same county fill.
    expect(Math.abs(brightness(flatBefore) - brightness(steepBefore)), `before: ${flatBefore} / ${steepBefore}`).toBeLessThan(15);
    // Flat ground is not shaded; the 35° slope facing away from the light is clearly darker.
    expect(Math.abs(brightness(flatAfter) - brightness(flatBefore)), `flat: ${flatBefore} → ${flatAfter}`).toBeLessThan(20);
    expect(brightness(flatAfter) - brightness(steepAfter), `flat ${flatAfter} vs steep ${steepAfter}`).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });

  it('shows a plot’s slope over the steep half and flags it; a higher threshold lifts the flag', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-plots').click();
    await page.getByTestId('plot-import-input').setInputFiles({ name: '陡坡.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(steepPlot()) });
    await waitForPlotCount(page, 1);
    // The import selects the plot it stored (after storing it): wait for that, never toggle it.
    await page.getByTestId('plot-list').locator('li.selected').filter({ hasText: '陡坡试验地块' }).waitFor();
    await page.getByTestId('plot-slope-mean').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('plot-slope-mean').textContent()).resolves.toBe('35.0°');
    await expect(page.getByTestId('plot-slope-max').textContent()).resolves.toBe('35.0°');
    await expect(page.getByTestId('plot-slope-share').textContent()).resolves.toBe('100.0%');
    await expect(page.getByTestId('plot-slope-flag').textContent()).resolves.toContain('陡坡');
    await expect(page.getByTestId('plot-row-steep').count()).resolves.toBe(1);

    await page.getByTestId('plot-slope-threshold').fill('40');
    await page.getByTestId('plot-slope-threshold').press('Enter');
    await expect.poll(() => page.getByTestId('plot-slope-flag').count()).toBe(0);
    await expect(page.getByTestId('plot-slope-share').textContent()).resolves.toBe('0.0%');
    await expect(page.getByTestId('plot-row-steep').count()).resolves.toBe(0);
    // The threshold is remembered in this browser.
    await expect(page.evaluate(() => localStorage.getItem('youyang-forest-map.slope-threshold.v1'))).resolves.toBe('40');
    await page.screenshot({ path: artifactPath('dem-plot-slope.png') });
    expect(problems).toEqual([]);
  });
});
