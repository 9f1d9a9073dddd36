/**
 * Online basemaps in a real browser, with no internet: a local tile server stands in for Tianditu
 * (an intranet mirror address is a setting the app has anyway). Choosing Tianditu imagery asks
 * for a key; with a fake key the tiles are requested in the Web Mercator matrix set with that
 * key and drawn under the county at the right place; the choice survives a reload; when the
 * server is gone the app says so and keeps working, with no console error of its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lonLatToTileCoordinate } from '../../src/lib/geo/raster/web-mercator-tiles';
import { colourAt, near as nearColour } from './map-pixels';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';

const baseUrl = inject('baseUrl');
const KEY = 'feedc0de0123456789abcdef01234567';
const TEAL = [10, 150, 140];
const PROBE: [number, number] = [108.8, 28.86];

interface TileRequest {
  readonly layer: string;
  readonly matrixSet: string | null;
  readonly key: string | null;
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** A stand-in Tianditu WMTS server: teal imagery tiles, transparent annotation tiles. */
function tileServer(imagery: Buffer, annotation: Buffer): { server: Server; requests: TileRequest[] } {
  const requests: TileRequest[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const layer = url.searchParams.get('LAYER') ?? '';
    requests.push({
      layer,
      matrixSet: url.searchParams.get('TILEMATRIXSET'),
      key: url.searchParams.get('tk'),
      z: Number(url.searchParams.get('TILEMATRIX')),
      x: Number(url.searchParams.get('TILECOL')),
      y: Number(url.searchParams.get('TILEROW')),
    });
    response.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    response.end(layer === 'img' ? imagery : annotation);
  });
  return { server, requests };
}

async function pngOf(page: Page, rgba: number[]): Promise<Buffer> {
  const bytes = await page.evaluate(async (colour) => {
    const canvas = new OffscreenCanvas(256, 256);
    const context = canvas.getContext('2d')!;
    context.fillStyle = `rgba(${colour.slice(0, 3).join(',')},${colour[3]! / 255})`;
    context.fillRect(0, 0, 256, 256);
    return [...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())];
  }, rgba);
  return Buffer.from(bytes);
}


const near = (actual: number[], expected: number[]) => nearColour(actual, expected, 30);

describe('online basemaps', () => {
  let session: BrowserSession;
  let tiles: { server: Server; requests: TileRequest[] };
  let tileOrigin = '';

  beforeAll(async () => {
    session = await openBrowser();
    await session.page.goto(`${baseUrl}#map=13/${PROBE[1]}/${PROBE[0]}&layers=&lang=zh`);
    await waitForMapReady(session.page);
    tiles = tileServer(await pngOf(session.page, [...TEAL, 255]), await pngOf(session.page, [0, 0, 0, 0]));
    await new Promise<void>((resolve) => tiles.server.listen(0, '127.0.0.1', resolve));
    tileOrigin = `http://127.0.0.1:${(tiles.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => tiles?.server.close(resolve));
  });

  it('starts with no basemap, asks for a Tianditu key, then draws its tiles with it', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-data').click();
    await expect(page.getByTestId('basemap-status').getAttribute('data-status')).resolves.toBe('off');
    const paper = await colourAt(page, PROBE);
    expect(near(paper, TEAL)).toBe(false);

    await page.getByTestId('basemap-choice').selectOption('tianditu-img');
    await expect(page.getByTestId('basemap-problem').textContent()).resolves.toContain('密钥');
    expect(tiles.requests).toHaveLength(0);

    await page.getByTestId('basemap-key').fill(KEY);
    await page.getByTestId('basemap-server').fill(tileOrigin);
    await page.getByTestId('basemap-save').click();
    await expect.poll(() => page.getByTestId('basemap-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('shown');
    await waitForIdle(page);
    expect(near(await colourAt(page, PROBE), TEAL), `basemap colour: ${await colourAt(page, PROBE)}`).toBe(true);

    // Web Mercator ("w") tiles around the probe, imagery and annotation, each with the key.
    // (MapLibre asks for 256-pixel tiles one zoom above the map's.)
    const coversProbe = (request: TileRequest) => {
      const [x, y] = lonLatToTileCoordinate(request.z, PROBE[0], PROBE[1]).map(Math.floor);
      return request.x === x && request.y === y;
    };
    expect(new Set(tiles.requests.map((request) => request.layer))).toEqual(new Set(['img', 'cia']));
    expect(tiles.requests.every((request) => request.matrixSet === 'w' && request.key === KEY)).toBe(true);
    expect(tiles.requests.some((request) => request.layer === 'img' && (request.z === 13 || request.z === 14) && coversProbe(request))).toBe(true);
    await page.screenshot({ path: artifactPath('basemap-tianditu.png') });
    expect(problems).toEqual([]);
  });

  it('remembers the basemap and key over a reload', async () => {
    const { page, problems } = session;
    const before = tiles.requests.length;
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-data').click();
    await expect(page.getByTestId('basemap-choice').inputValue()).resolves.toBe('tianditu-img');
    await expect.poll(() => page.getByTestId('basemap-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('shown');
    await waitForIdle(page);
    expect(tiles.requests.length).toBeGreaterThan(before);
    expect(near(await colourAt(page, PROBE), TEAL)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('says when the basemap cannot load and keeps the map working', async () => {
    const { page, problems } = session;
    await new Promise((resolve) => tiles.server.close(resolve));
    tiles.server.closeAllConnections();
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-data').click();
    await expect.poll(() => page.getByTestId('basemap-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('unreachable');
    // The county and its layers still load and respond.
    await page.getByTestId('tab-layers').click();
    await page.getByTestId('tab-data').click();
    // Only the browser's own reports of the refused tile requests: no error from the app or MapLibre.
    const unexpected = problems.filter(
      (problem) => !(problem.startsWith(`request failed: ${tileOrigin}`) || (problem.startsWith('console error: Failed to load resource') && !problem.includes(baseUrl))),
    );
    expect(unexpected).toEqual([]);
    problems.length = 0;
    // Back to no basemap: nothing is requested any more.
    await page.getByTestId('basemap-choice').selectOption('none');
    await expect(page.getByTestId('basemap-status').getAttribute('data-status')).resolves.toBe('off');
  });
});
