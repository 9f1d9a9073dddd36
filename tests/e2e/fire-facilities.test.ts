/**
 * The fire office's edits under pressure: a review typed just before another zone is clicked,
 * a review started with its status, and the camera clicked after another was deleted (the map
 * draws the facility list the coverage figure counts, also after a reload).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser';
import { clickMapAt, drawnFacilities, openFireSession, reloadFirePanel, selectFacility, type DrawnFacility, type Position } from './fire-helpers';

const baseUrl = inject('baseUrl');
/** Waits until the coverage figure is computed (not running) and returns its text. */
async function settledCoverage(page: Page): Promise<string> {
  await expect.poll(() => page.getByTestId('coverage-running').count(), { timeout: 120_000 }).toBe(0);
  return (await page.getByTestId('county-coverage').textContent())!;
}

describe('fire office facility edits', () => {
  let session: BrowserSession;
  let facilities = new Map<string, DrawnFacility>();

  beforeAll(async () => {
    ({ session, facilities } = await openFireSession(baseUrl));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws added and moved cameras where the coverage figure counts them, and removes an added one after a reload', async () => {
    const { page, problems } = session;
    const before = await settledCoverage(page);
    // The suggested site: a camera there certainly adds coverage.
    const suggestion = (await page.getByTestId('camera-suggestion').textContent())!.match(/([\d.]+)°E, ([\d.]+)°N/)!;
    const site: Position = [Number(suggestion[1]), Number(suggestion[2])];
    await page.getByTestId('facility-add').click();
    await clickMapAt(page, site);
    await expect.poll(() => page.getByTestId('facility-editor').textContent()).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const added = (await page.getByTestId('facility-editor').textContent())!.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)![0];
    await expect.poll(() => settledCoverage(page), { timeout: 120_000 }).not.toBe(before);
    const drawn = await drawnFacilities(page);
    expect(drawn.get(added)?.position[0]).toBeCloseTo(site[0], 3);
    expect(drawn.size).toBe(facilities.size + 1);

    // Moving SP-033 moves its marker and its viewing circle (same source).
    const moveTo: Position = [109.1, 29.25];
    await selectFacility(page, facilities.get('SP-033')!);
    await page.getByTestId('facility-move').click();
    await clickMapAt(page, moveTo);
    await expect.poll(async () => (await drawnFacilities(page)).get('SP-033')?.position[0] ?? 0, { timeout: 60_000 }).toBeCloseTo(moveTo[0], 3);

    await reloadFirePanel(page);
    const afterReload = await drawnFacilities(page);
    expect(afterReload.get('SP-033')?.position[1]).toBeCloseTo(moveTo[1], 3);
    expect(afterReload.has(added)).toBe(true);
    await selectFacility(page, afterReload.get(added)!);
    await page.getByTestId('facility-remove').click();
    await expect.poll(async () => (await drawnFacilities(page)).has(added), { timeout: 60_000 }).toBe(false);
    expect(problems).toEqual([]);
  }, 480_000);

  it('shows a failed facility write with its reason and a retry, keeping the edit', async () => {
    const { page, problems } = session;
    await selectFacility(page, facilities.get('SP-009')!);
    await page.evaluate(() => {
      const original = IDBObjectStore.prototype.put;
      (window as unknown as { restorePut: () => void }).restorePut = () => (IDBObjectStore.prototype.put = original);
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'settings') throw new DOMException('磁盘空间不足（测试）', 'QuotaExceededError');
        return original.apply(this, args);
      };
    });
    await page.getByTestId('facility-remove').click();
    await expect.poll(() => page.getByTestId('facility-error').textContent(), { timeout: 30_000 }).toContain('磁盘空间不足（测试）');
    expect((await drawnFacilities(page)).has('SP-009')).toBe(false);
    await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
    await page.getByTestId('facility-retry').click();
    await expect.poll(() => page.getByTestId('facility-error').count(), { timeout: 30_000 }).toBe(0);
    await reloadFirePanel(page);
    expect((await drawnFacilities(page)).has('SP-009')).toBe(false);
    expect(problems).toEqual([]);
  }, 480_000);

  it('accepts any whole number of metres as a radius and clears an old error once the value is valid', async () => {
    const { page, problems } = session;
    const camera = facilities.get('SP-034')!;
    await selectFacility(page, camera);
    await page.getByTestId('facility-radius').fill('-5');
    await page.getByTestId('facility-radius-apply').click();
    await expect.poll(() => page.getByTestId('facility-error').count()).toBe(1);
    await page.getByTestId('facility-radius').fill('1234');
    await expect.poll(() => page.getByTestId('facility-error').count()).toBe(0);
    await page.getByTestId('facility-radius-apply').click();
    await expect.poll(async () => (await drawnFacilities(page)).get('SP-034')?.radius, { timeout: 60_000 }).toBe(1234);
    await reloadFirePanel(page);
    await selectFacility(page, camera);
    expect(await page.getByTestId('facility-radius').inputValue()).toBe('1234');
    expect(problems).toEqual([]);
  }, 480_000);
});
