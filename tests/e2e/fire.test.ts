/**
 * The fire office's journey in a real browser: filter high-level zones, review one, reload and
 * find the review and its history; move a camera and see the coverage change; export the
 * review table; print view; a bad radius is refused.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, jumpTo, openBrowser, type BrowserSession } from './browser';
import { clickMapAt, openFirePanel } from './fire-helpers';

const baseUrl = inject('baseUrl');

async function filterHighLevels(page: Page): Promise<void> {
  await page.getByTestId('filter-level-4').click();
  await page.getByTestId('filter-level-5').click();
}

describe('fire office', () => {
  let session: BrowserSession;
  let zoneId = '';

  beforeAll(async () => {
    session = await openBrowser({ width: 1500, height: 950 });
    await session.page.goto(`${baseUrl}#lang=zh`);
    await openFirePanel(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('filters to high-level zones and records a review that survives a reload, with its history', async () => {
    const { page, problems } = session;
    await filterHighLevels(page);
    const badges = await page.locator('[data-testid="zone-list"] .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(3);
    expect(badges.every((level) => Number(level) >= 4)).toBe(true);

    const first = page.locator('[data-testid="zone-list"] li').first();
    zoneId = (await first.getAttribute('data-zone'))!;
    await first.locator('button').click();
    await page.getByTestId('review-form').waitFor();
    await page.getByTestId('review-status').selectOption('需整改');
    await page.getByTestId('review-reviewer').fill('防火办 张工');
    await page.getByTestId('review-date').fill('2026-11-29');
    await page.locator('[data-action="取水点"]').check();
    await page.getByTestId('review-notes').fill('防火隔离带未贯通，需补建取水点');
    await expect.poll(() => page.getByTestId('review-save-state').textContent(), { timeout: 10_000 }).toBe('已自动保存');
    // Saved as typed: the last keystrokes reach the history without any save button.
    await expect.poll(() => page.getByTestId('review-history').textContent(), { timeout: 10_000 }).toContain('需补建取水点');
    await page.screenshot({ path: artifactPath('fire-review.png') });

    await page.reload();
    await openFirePanel(page);
    await filterHighLevels(page);
    const row = page.locator(`[data-testid="zone-list"] li[data-zone="${zoneId}"]`);
    await expect(row.locator('.status').textContent()).resolves.toBe('需整改');
    await row.locator('button').click();
    await expect.poll(() => page.getByTestId('review-status').inputValue()).toBe('需整改');
    await expect.poll(() => page.getByTestId('review-reviewer').inputValue()).toBe('防火办 张工');
    await expect.poll(() => page.getByTestId('review-notes').inputValue()).toBe('防火隔离带未贯通，需补建取水点');
    expect(await page.locator('[data-action="取水点"]').isChecked()).toBe(true);
    const history = await page.getByTestId('review-history').textContent();
    expect(history).toContain('未审核 → 需整改');
    expect(history).toContain('防火隔离带未贯通，需补建取水点');
    expect(problems).toEqual([]);
  });

  // Software WebGL on a shared 2-core machine: four map jumps can take minutes.
  it('recomputes the zone’s coverage when a camera that sees it is moved away', async () => {
    const { page, problems } = session;
    // A zone that exactly one facility sees: moving that facility away must change its coverage.
    await filterHighLevels(page); // toggles the level filter off again: all zones
    const candidate = page.locator('[data-testid="zone-list"] li[data-facilities]:not([data-facilities=""]):not([data-facilities*=","])').first();
    zoneId = (await candidate.getAttribute('data-zone'))!;
    const facilityId = (await candidate.getAttribute('data-facilities'))!;
    await candidate.locator('button').click();
    await expect.poll(() => page.getByTestId('zone-facilities').textContent()).toBe(facilityId);
    const coverageCell = page.locator(`[data-testid="zone-list"] li[data-zone="${zoneId}"] [data-testid="zone-coverage"]`);
    const before = await coverageCell.textContent();

    // At county zoom every facility is in a loaded tile, so the source can be searched.
    await jumpTo(page, [108.8, 28.86], 8);
    const position = await page.evaluate((id) => {
      const hooks = window as unknown as {
        __forestMap: { map: { querySourceFeatures(source: string): { id?: number | string; geometry: { coordinates: [number, number] } }[] } };
        __app: { feature(layerId: string, featureId: number): { properties: Record<string, unknown> | null } | undefined };
      };
      const drawn = hooks.__forestMap.map.querySourceFeatures('source-fireFacilities');
      return drawn.find((feature) => hooks.__app.feature('fireFacilities', Number(feature.id))?.properties?.SHE_SHI_ID === id)?.geometry.coordinates ?? null;
    }, facilityId);
    expect(position).not.toBeNull();
    await clickMapAt(page, position!);
    await expect.poll(() => page.getByTestId('facility-editor').textContent()).toContain(facilityId);
    await expect.poll(() => page.getByTestId('facility-radius').inputValue()).not.toBe('');

    // A bad radius is refused with a message and changes nothing.
    await page.getByTestId('facility-radius').fill('-100');
    await page.getByTestId('facility-radius-apply').click();
    await expect(page.getByTestId('facility-error').textContent()).resolves.toBe('监视半径不能为负数：-100 米');
    await expect(coverageCell.textContent()).resolves.toBe(before);

    await page.getByTestId('facility-move').click();
    // Far to the north-east corner of the county, away from this zone.
    await clickMapAt(page, [109.25, 29.3]);
    await expect.poll(() => coverageCell.textContent(), { timeout: 60_000 }).not.toBe(before);
    await page.screenshot({ path: artifactPath('fire-coverage.png') });
    expect(problems).toEqual([]);
  }, 480_000);

  it('exports the review table as CSV with the recorded review', async () => {
    const { page, problems } = session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-reviews-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^森林火灾高风险区审核表_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('风险区编号,名称,火险等级');
    const catalog = JSON.parse(readFileSync('public/data/catalog.json', 'utf8')) as { layers: { fireZones: { featureCount: number } } };
    expect(lines.length).toBe(catalog.layers.fireZones.featureCount + 1);
    expect(csv).toContain('需整改');
    expect(csv).toContain('防火办 张工');
    expect(problems).toEqual([]);
  });

  it('renders the printable zone sheet with the map, the review and the history', async () => {
    const { page, problems } = session;
    await page.locator('[data-testid="zone-list"] li').first().locator('button').click();
    await page.getByTestId('print-sheet').click();
    const sheet = page.getByTestId('zone-sheet');
    await sheet.waitFor();
    expect(await sheet.locator('img').count()).toBe(1);
    await expect(sheet.textContent()).resolves.toContain('森林火灾高风险区巡查单');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: artifactPath('fire-zone-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await sheet.getByRole('button', { name: '关闭' }).click();
    expect(problems).toEqual([]);
  });
});
