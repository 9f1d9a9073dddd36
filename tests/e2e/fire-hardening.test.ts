/**
 * The fire office's edits under pressure: a review typed just before another zone is clicked,
 * a review started with its status, and the camera clicked after another was deleted (the map
 * draws the facility list the coverage figure counts, also after a reload).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser';
import { drawnFacilities, openFireSession, reloadFirePanel, selectFacility, type DrawnFacility } from './fire-helpers';

const baseUrl = inject('baseUrl');
function zoneRow(page: Page, zoneId: string) {
  return page.locator(`[data-testid="zone-list"] li[data-zone="${zoneId}"]`);
}

async function openZone(page: Page, zoneId: string): Promise<void> {
  await zoneRow(page, zoneId).locator('button').click();
  await expect.poll(() => page.getByTestId('zone-detail').locator('.zone-id').textContent()).toBe(zoneId);
}

describe('fire office edits', () => {
  let session: BrowserSession;
  let facilities = new Map<string, DrawnFacility>();

  beforeAll(async () => {
    ({ session, facilities } = await openFireSession(baseUrl));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('saves a review typed just before another zone is clicked to the zone it was typed for', async () => {
    const { page, problems } = session;
    const rows = page.locator('[data-testid="zone-list"] li');
    const zoneA = (await rows.nth(0).getAttribute('data-zone'))!;
    const zoneB = (await rows.nth(1).getAttribute('data-zone'))!;
    await openZone(page, zoneA);
    await page.getByTestId('review-reviewer').fill('防火办 甲');
    await page.getByTestId('review-notes').fill('甲区的备注');
    // Within the form's half-second typing delay.
    await rows.nth(1).locator('button').click();
    await expect.poll(() => page.getByTestId('zone-detail').locator('.zone-id').textContent()).toBe(zoneB);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('review-reviewer').inputValue()).toBe('');
    expect(await page.getByTestId('review-notes').inputValue()).toBe('');

    await reloadFirePanel(page);
    await openZone(page, zoneB);
    await expect.poll(() => page.getByTestId('review-history').textContent()).toContain('尚无修改记录');
    expect(await page.getByTestId('review-notes').inputValue()).toBe('');
    await openZone(page, zoneA);
    await expect.poll(() => page.getByTestId('review-notes').inputValue()).toBe('甲区的备注');
    expect(await page.getByTestId('review-reviewer').inputValue()).toBe('防火办 甲');
    expect(problems).toEqual([]);
  }, 480_000);

  it('pre-fills today’s date and never records a history entry without its author', async () => {
    const { page, problems } = session;
    const zoneC = (await page.locator('[data-testid="zone-list"] li').nth(2).getAttribute('data-zone'))!;
    await openZone(page, zoneC);
    const today = await page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    expect(await page.getByTestId('review-date').inputValue()).toBe(today);
    // The status first, the reviewer a moment later.
    await page.getByTestId('review-status').selectOption('已审核');
    await page.waitForTimeout(1200);
    await page.getByTestId('review-reviewer').fill('防火办 乙');
    await expect.poll(() => page.getByTestId('review-history').textContent(), { timeout: 10_000 }).toContain('防火办 乙');
    await reloadFirePanel(page);
    await openZone(page, zoneC);
    await expect.poll(() => page.getByTestId('review-status').inputValue()).toBe('已审核');
    const authors = await page.locator('[data-testid="review-history"] .when').allTextContents();
    expect(authors.length).toBeGreaterThan(0);
    for (const line of authors) expect(line).toContain('防火办 乙');
    expect(await page.getByTestId('review-history').textContent()).toContain('未审核 → 已审核');
    expect(problems).toEqual([]);
  }, 480_000);

  it('edits the camera that was clicked after another was deleted, also after a reload', async () => {
    const { page, problems } = session;
    await selectFacility(page, facilities.get('SP-010')!);
    await page.getByTestId('facility-remove').click();
    await expect.poll(async () => (await drawnFacilities(page)).has('SP-010'), { timeout: 60_000 }).toBe(false);

    await selectFacility(page, facilities.get('SP-033')!);
    expect(await page.getByTestId('feature-panel').textContent()).toContain('SP-033');
    expect(await page.getByTestId('facility-editor').textContent()).not.toContain('SP-034');

    await reloadFirePanel(page);
    expect((await drawnFacilities(page)).has('SP-010')).toBe(false);
    await selectFacility(page, facilities.get('SP-033')!);
    expect(await page.getByTestId('facility-editor').textContent()).not.toContain('SP-034');
    expect(problems).toEqual([]);
  }, 480_000);
});
