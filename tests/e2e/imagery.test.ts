/**
 * Orthophotos in a real browser: a GeoTIFF generated here in CGCS2000 Gauss–Krüger (EPSG:4545)
 * is opened, drawn under the county at the right place (pixel check of its two coloured halves),
 * remembered over a reload and removed; a GeoTIFF without a known CRS asks for one; raster
 * PMTiles and MBTiles archives built here draw their own tiles where they belong.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTransform } from '../../src/lib/geo/crs/transform';
import { lonLatToTileCoordinate } from '../../src/lib/geo/raster/web-mercator-tiles';
import { buildMbtiles, buildPmtiles, type FixtureTile } from '../unit/fixtures/tile-archives';
import { colourAt, near } from './map-pixels';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';

const baseUrl = inject('baseUrl');
const toGk = createTransform('EPSG:4326', 'EPSG:4545');
const fromGk = createTransform('EPSG:4545', 'EPSG:4326');
const PIXEL = 5;
const SIZE = 400; // 2 km × 2 km
const [centreEasting, centreNorthing] = toGk([108.77, 28.84]) as [number, number];
const ORIGIN_X = Math.round(centreEasting - (SIZE * PIXEL) / 2);
const ORIGIN_Y = Math.round(centreNorthing + (SIZE * PIXEL) / 2);
const MAGENTA = [230, 0, 230];
const CYAN = [0, 200, 230];

/** Left half magenta, right half cyan. */
function orthophoto(geoKeys: boolean): Buffer {
  const values = new Uint8Array(SIZE * SIZE * 3);
  for (let row = 0; row < SIZE; row += 1) {
    for (let column = 0; column < SIZE; column += 1) values.set(column < SIZE / 2 ? MAGENTA : CYAN, (row * SIZE + column) * 3);
  }
  const metadata: Record<string, unknown> = {
    width: SIZE,
    height: SIZE,
    PhotometricInterpretation: 2,
    ModelPixelScale: [PIXEL, PIXEL, 0],
    ModelTiepoint: [0, 0, 0, ORIGIN_X, ORIGIN_Y, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: geoKeys ? 4545 : 32767,
  };
  return Buffer.from(writeArrayBuffer(values, metadata));
}



/** A quarter of the way into each half, on the middle row. */
const magentaPoint = fromGk([ORIGIN_X + SIZE * PIXEL * 0.25, ORIGIN_Y - SIZE * PIXEL * 0.5]) as [number, number];
const cyanPoint = fromGk([ORIGIN_X + SIZE * PIXEL * 0.75, ORIGIN_Y - SIZE * PIXEL * 0.5]) as [number, number];

describe('orthophotos', () => {
  let session: BrowserSession;
  const folder = mkdtempSync(join(tmpdir(), 'forest-map-imagery-'));
  const withCrs = join(folder, '正射影像-4545.tif');
  const withoutCrs = join(folder, 'user-defined.tif');

  beforeAll(async () => {
    writeFileSync(withCrs, orthophoto(true));
    writeFileSync(withoutCrs, orthophoto(false));
    session = await openBrowser();
    // Only the base layers: the thematic fills would cover the imagery.
    await session.page.goto(`${baseUrl}#map=14.5/28.8400/108.7700&layers=&lang=zh`);
    await waitForMapReady(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens a Gauss–Krüger GeoTIFF and draws it at its place under the county', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-data').click();
    await page.getByTestId('imagery-file').setInputFiles(withCrs);
    await expect(page.getByTestId('imagery-layer').first().textContent({ timeout: 60_000 })).resolves.toContain('EPSG:4545');
    await page.getByTestId('imagery-layer').getByRole('button', { name: '缩放至影像' }).click();
    await page.waitForTimeout(800);
    await waitForIdle(page);
    expect(near(await colourAt(page, magentaPoint), MAGENTA), `magenta half: ${await colourAt(page, magentaPoint)}`).toBe(true);
    expect(near(await colourAt(page, cyanPoint), CYAN), `cyan half: ${await colourAt(page, cyanPoint)}`).toBe(true);
    // The boundary between the halves is where Gauss–Krüger puts it: 10 m either side are different colours.
    const west = fromGk([ORIGIN_X + SIZE * PIXEL * 0.5 - 10, ORIGIN_Y - SIZE * PIXEL * 0.3]) as [number, number];
    const east = fromGk([ORIGIN_X + SIZE * PIXEL * 0.5 + 10, ORIGIN_Y - SIZE * PIXEL * 0.3]) as [number, number];
    expect(near(await colourAt(page, west), MAGENTA)).toBe(true);
    expect(near(await colourAt(page, east), CYAN)).toBe(true);
    await page.screenshot({ path: artifactPath('imagery-gk.png') });
    expect(problems).toEqual([]);
  });

  it('remembers the imagery over a reload, and removes it', async () => {
    const { page, problems } = session;
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-data').click();
    await expect(page.getByTestId('imagery-layer').first().textContent({ timeout: 60_000 })).resolves.toContain('正射影像-4545.tif');
    await page.waitForTimeout(500);
    await waitForIdle(page);
    expect(near(await colourAt(page, magentaPoint), MAGENTA)).toBe(true);
    await page.getByTestId('imagery-layer').getByRole('button', { name: '移除' }).click();
    await expect.poll(() => page.getByTestId('imagery-layer').count()).toBe(0);
    await page.waitForTimeout(500);
    await waitForIdle(page);
    expect(near(await colourAt(page, magentaPoint), MAGENTA)).toBe(false);
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-data').click();
    await expect(page.getByTestId('imagery-panel').textContent()).resolves.toContain('尚未打开影像');
    expect(problems).toEqual([]);
  });

  it('asks for the coordinate system of a GeoTIFF that does not name a known one', async () => {
    const { page, problems } = session;
    await page.getByTestId('imagery-file').setInputFiles(withoutCrs);
    await expect(page.getByTestId('imagery-problem').textContent({ timeout: 60_000 })).resolves.toContain('坐标系无法识别');
    await page.getByTestId('imagery-crs').selectOption('EPSG:4545');
    await page.getByTestId('imagery-question').getByRole('button', { name: '按此坐标系打开' }).click();
    await expect(page.getByTestId('imagery-layer').first().textContent({ timeout: 60_000 })).resolves.toContain('人工选择');
    expect(problems).toEqual([]);
  });

  it('opens raster PMTiles and MBTiles archives and draws their tiles', async () => {
    const { page, problems } = session;
    const GREEN = [20, 160, 60];
    const ORANGE = [240, 140, 20];
    /** A solid 256-pixel PNG tile, encoded by the browser itself. */
    const solidPng = (colour: number[]) =>
      page.evaluate(async (rgb) => {
        const canvas = new OffscreenCanvas(256, 256);
        const context = canvas.getContext('2d')!;
        context.fillStyle = `rgb(${rgb.join(',')})`;
        context.fillRect(0, 0, 256, 256);
        return [...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())];
      }, colour);
    // Zoom-14 tiles around a point 3 km east of the GeoTIFF, filling the view.
    const probe: [number, number] = [108.8, 28.86];
    const [centreX, centreY] = lonLatToTileCoordinate(14, probe[0], probe[1]).map(Math.floor) as [number, number];
    const tilesOf = (bytes: Uint8Array): FixtureTile[] => {
      const tiles: FixtureTile[] = [];
      for (let dx = -3; dx <= 3; dx += 1) for (let dy = -3; dy <= 3; dy += 1) tiles.push({ z: 14, x: centreX + dx, y: centreY + dy, bytes });
      return tiles;
    };
    const pmtilesFile = join(folder, '航拍-瓦片.pmtiles');
    const mbtilesFile = join(folder, 'ortho.mbtiles');
    writeFileSync(pmtilesFile, buildPmtiles(tilesOf(new Uint8Array(await solidPng(GREEN))), { bounds: [108.7, 28.79, 108.9, 28.93] }));
    writeFileSync(mbtilesFile, await buildMbtiles(tilesOf(new Uint8Array(await solidPng(ORANGE))), { format: 'png', minzoom: '14', maxzoom: '14' }));
    // Only the hash changes: reload so the map starts at the new view.
    await page.goto(`${baseUrl}#map=14.5/${probe[1]}/${probe[0]}&layers=&lang=zh`);
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-data').click();
    // The orthophoto of the test before comes back from storage: count once it has.
    await page.locator('[data-testid="imagery-panel"][data-restored="true"]').waitFor();
    const layersBefore = await page.getByTestId('imagery-layer').count();

    await page.getByTestId('imagery-file').setInputFiles(pmtilesFile);
    await expect.poll(() => page.getByTestId('imagery-layer').count(), { timeout: 60_000 }).toBe(layersBefore + 1);
    await expect(page.getByTestId('imagery-layer').first().textContent()).resolves.toContain('PMTiles');
    await page.waitForTimeout(800);
    await waitForIdle(page);
    expect(near(await colourAt(page, probe), GREEN), `PMTiles: ${await colourAt(page, probe)}`).toBe(true);
    await page.getByTestId('imagery-layer').first().getByRole('button', { name: '移除' }).click();
    await expect.poll(() => page.getByTestId('imagery-layer').count()).toBe(layersBefore);

    await page.getByTestId('imagery-file').setInputFiles(mbtilesFile);
    await expect.poll(() => page.getByTestId('imagery-layer').count(), { timeout: 60_000 }).toBe(layersBefore + 1);
    await expect(page.getByTestId('imagery-layer').first().textContent()).resolves.toContain('MBTiles');
    await page.waitForTimeout(800);
    await waitForIdle(page);
    expect(near(await colourAt(page, probe), ORANGE), `MBTiles: ${await colourAt(page, probe)}`).toBe(true);
    await page.screenshot({ path: artifactPath('imagery-mbtiles.png') });
    expect(problems).toEqual([]);
  });
});
