/**
 * The corridor tool in a real browser: pick the Wujiang, change the width per bank and see the
 * per-township table follow; a bad width is named; the corridor is saved as a named corridor
 * layer that the layer list and the statistics use; rename and delete work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { switchLanguage } from './language';
import { inject } from 'vitest';

const baseUrl = inject('baseUrl');

/** The per-township table as [township, 亩] pairs. */
async function townshipTable(page: Page): Promise<[string, number][]> {
  const rows = await page.locator('[data-testid="corridor-townships"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
  return rows.map((cells) => [cells[0]!, Number(cells[1]!.replace(/,/g, ''))]);
}

const total = (rows: readonly [string, number][]): number => rows.reduce((sum, [, mu]) => sum + mu, 0);

async function setWidth(page: Page, width: string): Promise<void> {
  const input = page.getByTestId('corridor-width');
  await input.fill(width);
}

describe('corridor tool', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowser({ width: 1500, height: 950 });
    await session.page.goto(`${baseUrl}#lang=zh`);
    await waitForMapReady(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws the Wujiang corridor and updates the per-township table when the width changes', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-corridors').click();
    // The shipped corridors are the first saved ones.
    await expect.poll(() => page.getByTestId('corridor-saved-item').count(), { timeout: 60_000 }).toBe(2);
    await page.getByTestId('corridor-river').selectOption('catalog:乌江');
    await page.locator('[data-testid="corridor-townships"] tbody tr').first().waitFor({ timeout: 120_000 });
    const wide = await townshipTable(page);
    expect(wide.length).toBeGreaterThan(2);
    // The default 1,000 m per bank: the shipped Wujiang corridor's area (catalog.json: the
    // Wujiang is the larger of the two; both together 161,412 亩).
    expect(total(wide)).toBeGreaterThan(60_000);
    expect(total(wide)).toBeLessThan(161_413);

    await setWidth(page, '200');
    await expect.poll(async () => total(await townshipTable(page)), { timeout: 120_000 }).toBeLessThan(0.3 * total(wide));
    const narrow = await townshipTable(page);
    // Five times narrower: a fifth of the area, give or take the round ends and the clipped edges.
    expect(total(narrow) / total(wide)).toBeGreaterThan(0.17);
    expect(total(narrow) / total(wide)).toBeLessThan(0.23);
    // The total above the table is the sum of the rows.
    const areaText = (await page.getByTestId('corridor-area').textContent())!;
    expect(Number(/([\d,]+\.\d\d)/.exec(areaText)![1]!.replace(/,/g, ''))).toBeCloseTo(total(narrow), 0);
    await expect(page.getByTestId('corridor-overlaps').textContent()).resolves.toContain('耕地');
    await waitForIdle(page);
    await page.screenshot({ path: artifactPath('corridor-zh.png') });
    expect(problems).toEqual([]);
  });

  it('names a bad width instead of computing', async () => {
    const { page, problems } = session;
    await setWidth(page, '两百');
    await expect(page.getByTestId('corridor-issues').textContent()).resolves.toContain('宽度“两百”无效');
    await expect(page.getByTestId('corridor-save').isDisabled()).resolves.toBe(true);
    await setWidth(page, '200');
    await expect.poll(() => page.getByTestId('corridor-issues').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('saves a named corridor that the layer list and the statistics use', async () => {
    const { page, problems } = session;
    await expect.poll(() => page.getByTestId('corridor-save').isDisabled(), { timeout: 120_000 }).toBe(false);
    await page.getByTestId('corridor-name').fill('乌江窄廊道');
    await page.getByTestId('corridor-save').click();
    await expect.poll(() => page.getByTestId('corridor-saved').textContent()).toContain('乌江窄廊道');
    expect(await page.getByTestId('corridor-saved-item').count()).toBe(3);

    await page.getByTestId('tab-layers').click();
    await expect(page.getByTestId('items-corridors').textContent()).resolves.toContain('乌江窄廊道');

    await page.getByTestId('tab-statistics').click();
    const header = page.locator('[data-testid="statistics-table"] thead');
    await expect.poll(async () => (await header.count()) > 0 && (await header.textContent())!.includes('乌江窄廊道'), { timeout: 180_000 }).toBe(true);
    expect(problems).toEqual([]);
  });

  it('renames and deletes a saved corridor, in English too', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-corridors').click();
    const item = page.getByTestId('corridor-saved-item').filter({ hasText: '乌江窄廊道' });
    await item.getByRole('button', { name: '重命名' }).click();
    await page.getByTestId('corridor-rename-input').fill('乌江二百米廊道');
    await page.getByTestId('corridor-rename-input').press('Enter');
    await expect.poll(() => page.getByTestId('corridor-saved').textContent()).toContain('乌江二百米廊道');

    await switchLanguage(page, 'en');
    await expect(page.getByTestId('corridor-panel').textContent()).resolves.toContain('Area per township');
    await waitForIdle(page);
    await page.screenshot({ path: artifactPath('corridor-en.png') });

    await page.getByTestId('corridor-saved-item').filter({ hasText: '乌江二百米廊道' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('corridor-saved-item').count()).toBe(2);
    // Still gone after a reload (IndexedDB), and the shipped two are still there.
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-corridors').click();
    await expect.poll(() => page.getByTestId('corridor-saved-item').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.getByTestId('corridor-saved').textContent()).not.toContain('乌江二百米廊道');
    expect(problems).toEqual([]);
  });
});
