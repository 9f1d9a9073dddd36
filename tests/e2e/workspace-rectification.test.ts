/**
 * The rectification workflow in two browsers against a real workspace server: the fire officer
 * orders 需整改 → the station sees the order live (overdue marked) without reloading, attaches a
 * phone photo (EXIF time and GPS) and reports 已整改 → the fire officer sees it and accepts →
 * both see every step with its author. A station cannot report on another township's zone: the
 * UI does not offer it and the API refuses it (403); it sees reviews and facilities read-only.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withExif } from '../unit/fixtures/exif-jpeg';
import { openBrowser, waitForMapReady, type BrowserSession } from './browser';
import { signInCookie, signInThroughUi, startWorkspaceServer, type WorkspaceServer } from './workspace-server';

/** A deadline already past, so the order shows as overdue. */
const PAST_DEADLINE = '2026-01-15';
const PHOTO_GPS = { lat: 28.84123, lon: 108.77456 };

/** The session probe before signing in answers 401 on purpose. */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter((problem) => !/^HTTP 401: .*\/api\/session$/.test(problem));
}

async function openFireTab(page: Page): Promise<void> {
  await waitForMapReady(page);
  await page.getByTestId('tab-fire').click();
  await page.getByTestId('zone-list').waitFor({ timeout: 120_000 });
}

async function selectZone(page: Page, zoneId: string): Promise<void> {
  await page.locator(`[data-testid="zone-list"] [data-zone="${zoneId}"] button`).click();
  await page.locator('[data-testid="rectification-panel"]').waitFor({ timeout: 60_000 });
}

const panelStatus = (page: Page, status: string) => page.locator(`[data-testid="rectification-panel"][data-status="${status}"]`).waitFor({ timeout: 60_000 });

/** A 2400 × 1800 camera-sized JPEG drawn in the page, with an EXIF block (time, GPS) put in. */
async function phonePhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 2400, 1800);
    gradient.addColorStop(0, '#2e7d32');
    gradient.addColorStop(1, '#8d6e63');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 2400, 1800);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  return Buffer.from(withExif(new Uint8Array(Buffer.from(base64, 'base64')), { dateTimeOriginal: '2026:11:30 10:15:42', ...PHOTO_GPS }));
}

interface HistoryStep {
  readonly step: string;
  readonly author: string;
}

async function historySteps(page: Page): Promise<HistoryStep[]> {
  return page.locator('[data-testid="rectification-history"] li').evaluateAll((items) =>
    items.map((item) => ({ step: item.getAttribute('data-step') ?? '', author: item.getAttribute('data-author') ?? '' })),
  );
}

describe('rectification workflow in two browsers', () => {
  let server: WorkspaceServer;
  let officer: BrowserSession;
  let station: BrowserSession;

  beforeAll(async () => {
    server = await startWorkspaceServer({ staticDir: inject('buildDir') });
    officer = await openBrowser();
    station = await openBrowser();
    for (const session of [officer, station]) {
      // Two Chromiums with software WebGL on a busy machine: actions may wait long for the page.
      session.page.setDefaultTimeout(120_000);
      await session.page.goto(server.baseUrl);
      await session.page.locator('[data-testid="workspace-mode"][data-mode="workspace"]').waitFor({ timeout: 60_000 });
    }
    await waitForMapReady(officer.page);
    await signInThroughUi(officer.page, server.users.fire_officer);
    await waitForMapReady(station.page);
    await signInThroughUi(station.page, server.users.station);
    for (const session of [officer, station]) await openFireTab(session.page);
  }, 600_000);

  afterAll(async () => {
    await officer?.close();
    await station?.close();
    await server?.stop();
  }, 120_000);

  it('the fire officer orders rectification; the station sees it live, overdue, without reloading', async () => {
    const zoneId = server.stationZone.zoneId;
    await station.page.getByTestId('rectification-orders').waitFor();
    expect(await station.page.locator(`[data-testid="rectification-orders"] [data-zone="${zoneId}"]`).count()).toBe(0);

    const page = officer.page;
    await selectZone(page, zoneId);
    await page.locator('[data-order-action="清理可燃物"]').check();
    await page.locator('[data-order-action="防火隔离带"]').check();
    await page.getByTestId('rectification-deadline').fill(PAST_DEADLINE);
    await page.getByTestId('rectification-order-notes').fill('春防前完成');
    await page.getByTestId('rectification-order-submit').click();
    await panelStatus(page, '需整改');

    const order = station.page.locator(`[data-testid="rectification-orders"] [data-zone="${zoneId}"]`);
    await order.waitFor({ timeout: 60_000 });
    expect(await order.getAttribute('data-overdue')).toBe('true');
    expect(await order.textContent()).toContain('已逾期');
    expect(await order.textContent()).toContain('清理林下可燃物');
    expect(unexpected(officer.problems)).toEqual([]);
  }, 300_000);

  it('the station attaches a phone photo (resized, EXIF time and GPS kept) and reports 已整改', async () => {
    const page = station.page;
    const zoneId = server.stationZone.zoneId;
    await page.locator(`[data-testid="rectification-orders"] [data-zone="${zoneId}"] button`).click();
    await page.getByTestId('rectification-report-form').waitFor({ timeout: 60_000 });
    const photo = await phonePhoto(page);
    await page.getByTestId('rectification-photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    const draft = page.getByTestId('rectification-draft-photo');
    await draft.waitFor({ timeout: 60_000 });
    expect(await draft.textContent()).toContain('2026-11-30 10:15:42');
    expect(await draft.textContent()).toContain(`${PHOTO_GPS.lon.toFixed(5)}°E, ${PHOTO_GPS.lat.toFixed(5)}°N`);
    await page.getByTestId('rectification-report-notes').fill('已清理林下可燃物并开设隔离带');
    await page.getByTestId('rectification-report-submit').click();
    await panelStatus(page, '已整改');

    const shown = page.getByTestId('rectification-photo');
    await shown.waitFor();
    expect(Number(await shown.getAttribute('data-lon'))).toBeCloseTo(PHOTO_GPS.lon, 4);
    expect(Number(await shown.getAttribute('data-lat'))).toBeCloseTo(PHOTO_GPS.lat, 4);
    // The stored photo is the resized JPEG: longer edge 1600 px.
    const size = await shown.locator('img').evaluate(async (image: HTMLImageElement) => {
      const response = await fetch(image.src);
      const bitmap = await createImageBitmap(await response.blob());
      return { type: response.headers.get('content-type'), width: bitmap.width, height: bitmap.height };
    });
    expect(size).toEqual({ type: 'image/jpeg', width: 1600, height: 1200 });
    // The order has left the station's open list.
    await page.locator(`[data-testid="rectification-orders"] [data-zone="${zoneId}"]`).waitFor({ state: 'detached', timeout: 60_000 });
    expect(unexpected(station.problems)).toEqual([]);
  }, 300_000);

  it('the fire officer sees the report live and accepts it; the history shows every step with its author', async () => {
    const page = officer.page;
    await panelStatus(page, '已整改');
    await page.getByTestId('rectification-report').waitFor();
    expect(await page.getByTestId('rectification-report').textContent()).toContain('已清理林下可燃物并开设隔离带');
    await page.getByTestId('rectification-accept').click();
    await panelStatus(page, '已审核');

    const expected = [
      { step: 'accepted', author: 'fire_officer' },
      { step: 'reported', author: 'station' },
      { step: 'ordered', author: 'fire_officer' },
    ];
    expect(await historySteps(page)).toEqual(expected);
    await panelStatus(station.page, '已审核');
    await station.page.waitForFunction(() => document.querySelectorAll('[data-testid="rectification-history"] li').length === 3, undefined, { timeout: 60_000 });
    expect(await historySteps(station.page)).toEqual(expected);
    expect(unexpected(officer.problems)).toEqual([]);
    expect(unexpected(station.problems)).toEqual([]);
  }, 300_000);

  it("a station is not offered another township's zone, and the server refuses its report (403)", async () => {
    const other = server.otherZone.zoneId;
    const officerCookie = await signInCookie(server.baseUrl, server.users.fire_officer);
    const headers = { 'content-type': 'application/json', origin: new URL(server.baseUrl).origin };
    const ordered = await fetch(new URL(`api/reviews/${other}`, server.baseUrl), {
      method: 'PUT',
      headers: { ...headers, cookie: officerCookie },
      body: JSON.stringify({ revision: 0, status: '需整改', reviewer: 'fire_officer', reviewDate: '2026-12-01', notes: '', actions: ['巡护'], deadline: '2027-01-31' }),
    });
    expect(ordered.status).toBe(200);

    const page = station.page;
    await selectZone(page, other);
    await panelStatus(page, '需整改');
    await page.getByTestId('rectification-not-yours').waitFor();
    expect(await page.getByTestId('rectification-report-form').count()).toBe(0);
    // The review form and the facility editor are the fire office's: read-only here, with the reason.
    await page.getByTestId('review-read-only').waitFor();
    expect(await page.getByTestId('review-status').isDisabled()).toBe(true);
    expect(await page.getByTestId('review-notes').isDisabled()).toBe(true);
    await page.getByTestId('facility-read-only').waitFor();
    expect(await page.getByTestId('facility-add').count()).toBe(0);
    expect(await page.locator(`[data-testid="rectification-orders"] [data-zone="${other}"]`).count()).toBe(0);

    const stationCookie = await signInCookie(server.baseUrl, server.users.station);
    const refused = await fetch(new URL(`api/reviews/${other}/report`, server.baseUrl), {
      method: 'POST',
      headers: { ...headers, cookie: stationCookie },
      body: JSON.stringify({ revision: 1, notes: '不是本乡镇', photos: [] }),
    });
    expect(refused.status).toBe(403);
    expect(unexpected(station.problems)).toEqual([]);
  }, 300_000);
});

describe('rectification in local-only mode', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser();
    session.page.setDefaultTimeout(120_000);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('the static build shows no rectification workflow and asks nothing of /api', async () => {
    const page = session.page;
    const apiRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api')) apiRequests.push(request.url());
    });
    await page.goto(inject('baseUrl'));
    await openFireTab(page);
    await page.locator('[data-testid="zone-list"] [data-zone] button').first().click();
    await page.getByTestId('zone-detail').waitFor();
    expect(await page.locator('[data-testid="workspace-mode"]').getAttribute('data-mode')).toBe('local');
    expect(await page.getByTestId('rectification-panel').count()).toBe(0);
    expect(await page.getByTestId('rectification-orders').count()).toBe(0);
    expect(apiRequests).toEqual([]);
    expect(session.problems).toEqual([]);
  }, 300_000);
});
