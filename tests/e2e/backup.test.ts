/**
 * "Back up all my work" in a real browser: a plot, a fire-zone review with its history, a
 * facility edit and an imported layer with a role and a style are backed up to one file; the
 * site's database is deleted (the open page is told to reload instead of hanging); restoring the
 * file brings every record back exactly, and the panels show them again.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, openBrowser, waitForMapReady, type BrowserSession } from './browser';
import { PLOT_VIEW, drawPolygon, waitForDrawingTools, waitForPlotCount } from './plots-helpers';

const baseUrl = inject('baseUrl');
const STORES = ['plots', 'reviews', 'reviewHistory', 'settings', 'importedLayers'] as const;

const TOWNSHIPS = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { XZMC: '龚滩镇', XZDM: '500242104' }, geometry: { type: 'Polygon', coordinates: [[[108.3, 28.85], [108.42, 28.85], [108.42, 28.95], [108.3, 28.95], [108.3, 28.85]]] } },
    { type: 'Feature', properties: { XZMC: '钟多街道', XZDM: '500242002' }, geometry: { type: 'Polygon', coordinates: [[[108.7, 28.8], [108.8, 28.8], [108.8, 28.86], [108.7, 28.86], [108.7, 28.8]]] } },
  ],
};

/** Every record of the stores a backup holds, read straight from IndexedDB (typed arrays as lists, history without its local sequence). */
async function databaseContents(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    (stores) =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const request = indexedDB.open('youyang-forest-map');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const transaction = database.transaction([...stores], 'readonly');
          const result: Record<string, unknown[]> = {};
          for (const store of stores) {
            const read = transaction.objectStore(store).getAll();
            read.onsuccess = () => (result[store] = read.result);
          }
          transaction.oncomplete = () => {
            database.close();
            const plain = JSON.parse(
              JSON.stringify(result, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value)),
            ) as Record<string, Array<Record<string, unknown>>>;
            plain.reviewHistory = plain.reviewHistory!.map(({ sequence: _sequence, ...entry }) => entry);
            resolve(plain);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    STORES,
  );
}

async function openFirePanel(page: Page): Promise<void> {
  await page.getByTestId('tab-fire').click();
  await page.getByTestId('county-coverage').waitFor({ timeout: 120_000 });
}

describe('backup and restore of all the user’s work', () => {
  let session: BrowserSession;
  let folder: string;
  let backupPath = '';
  let before: Record<string, unknown[]> = {};
  let zoneId = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'backup-e2e-'));
    session = await openBrowser({ width: 1500, height: 950 });
    await session.page.goto(`${baseUrl}${PLOT_VIEW}`);
    await waitForMapReady(session.page);
  });

  afterAll(async () => {
    await session?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('draws a plot', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-plots').click();
    await waitForDrawingTools(page);
    await drawPolygon(page, [{ dx: -150, dy: -80 }, { dx: 20, dy: -70 }, { dx: 10, dy: 70 }, { dx: -140, dy: 60 }]);
    await page.getByTestId('plot-editor').waitFor();
    await page.getByTestId('plot-name').fill('备份测试地块');
    await page.getByTestId('plot-name').blur();
    await waitForPlotCount(page, 1);
    await page.waitForTimeout(600);
    expect(problems).toEqual([]);
  });

  it('keeps a facility edit and reviews a fire zone', async () => {
    const { page, problems } = session;
    // The facility list as the fire office's editor stores it (a camera's radius changed, a
    // watchtower added), written before the panel opens so the panel works from it. Editing it
    // through the map is covered by fire.test.ts; here only what is stored matters.
    await page.evaluate(
      (value) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('youyang-forest-map');
          request.onsuccess = () => {
            const database = request.result;
            const transaction = database.transaction('settings', 'readwrite');
            transaction.objectStore('settings').put({ id: 'fire-facilities', revision: 1, updatedAt: new Date().toISOString(), value });
            transaction.oncomplete = () => (database.close(), resolve());
            transaction.onerror = () => reject(transaction.error);
          };
          request.onerror = () => reject(request.error);
        }),
      [
        { id: 'SX-001', kind: '视频监控', name: '备份测试摄像头', position: [108.76, 28.84], radiusMetres: 4321 },
        { id: 'WT-NEW', kind: '瞭望塔', name: '新增瞭望塔', position: [108.9, 28.95], radiusMetres: 6000 },
      ],
    );
    await openFirePanel(page);
    const zone = page.locator('[data-testid="zone-list"] li').first();
    zoneId = (await zone.getAttribute('data-zone'))!;
    await zone.locator('button').click();
    await page.getByTestId('review-form').waitFor();
    await page.getByTestId('review-status').selectOption('需整改');
    await page.getByTestId('review-reviewer').fill('防火办 李工');
    await page.getByTestId('review-notes').fill('备份前的审核');
    await expect.poll(() => page.getByTestId('review-history').textContent(), { timeout: 30_000 }).toContain('备份前的审核');
    expect(problems).toEqual([]);
  });

  it('imports a layer, gives it a colour and the townships role', async () => {
    const { page, problems } = session;

    const townshipsPath = join(folder, '官方乡镇界.geojson');
    writeFileSync(townshipsPath, JSON.stringify(TOWNSHIPS));
    await page.getByTestId('tab-data').click();
    await page.getByTestId('import-input').setInputFiles([townshipsPath]);
    await page.getByTestId('import-dialog').waitFor({ state: 'visible', timeout: 60_000 });
    await page.getByTestId('import-accept').click();
    const entry = page.locator('[data-testid="imported-layer"][data-layer-name="官方乡镇界"]');
    await entry.waitFor();
    await entry.locator('input[type="color"]').fill('#123456');
    await entry.locator('details.role summary').click();
    await entry.getByTestId('role-select').selectOption('townships');
    await page.evaluate(() => (window as unknown as { __importedLayers: { whenSaved(): Promise<void> } }).__importedLayers.whenSaved());
    await expect.poll(async () => JSON.stringify((await databaseContents(page)).importedLayers), { timeout: 10_000 }).toContain('"role":"townships"');

    // Removing it can be undone from the notice: it comes back with its role and colour.
    await entry.getByTestId('imported-remove').click();
    await expect(entry.count()).resolves.toBe(0);
    await expect(page.getByTestId('imported-removed').textContent()).resolves.toContain('已移除图层“官方乡镇界”');
    await page.getByTestId('imported-undo-remove').click();
    await entry.waitFor();
    await expect(entry.getByTestId('imported-role').textContent()).resolves.toContain('乡镇');
    expect(await page.getByTestId('imported-removed').count()).toBe(0);
    await page.evaluate(() => (window as unknown as { __importedLayers: { whenSaved(): Promise<void> } }).__importedLayers.whenSaved());
    expect(problems).toEqual([]);
  });

  it('backs up all of it to one file', async () => {
    const { page, problems } = session;

    before = await databaseContents(page);
    expect(before.plots).toHaveLength(1);
    expect(before.reviews).toHaveLength(1);
    expect(before.reviewHistory!.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(before.importedLayers)).toContain('#123456');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-create').click()]);
    expect(download.suggestedFilename()).toMatch(/^酉阳林业一张图备份_\d{4}-\d{2}-\d{2}\.zip$/);
    backupPath = join(folder, download.suggestedFilename());
    copyFileSync((await download.path())!, backupPath);
    await expect(page.getByTestId('backup-made').textContent()).resolves.toContain('酉阳林业一张图备份');
    await page.screenshot({ path: artifactPath('backup-made.png') });
    expect(problems).toEqual([]);
  });

  it('survives deleting the site’s database: the open page is told to reload instead of hanging', async () => {
    const { page, problems } = session;
    // Clearing site data: the page's own connections close instead of blocking the deletion.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('youyang-forest-map');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
          request.onblocked = () => reject(new Error('deletion blocked by an open connection'));
        }),
    );
    await page.getByTestId('connection-banner').waitFor();
    await page.reload();
    await waitForMapReady(page);
    const empty = await databaseContents(page);
    for (const store of STORES) expect(empty[store], store).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('restores the file: every record is back exactly as it was', async () => {
    const { page, problems } = session;
    await page.getByTestId('tab-data').click();
    await page.getByTestId('backup-restore-input').setInputFiles([backupPath]);
    const review = page.getByTestId('restore-review');
    await review.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restore-conflict').count()).toBe(0);
    await expect(page.getByTestId('restore-count-importedLayers').locator('td').first().textContent()).resolves.toBe('1');
    await page.screenshot({ path: artifactPath('backup-restore-review.png') });
    await page.getByTestId('restore-apply').click();
    await page.getByTestId('restore-done').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('restore-done').textContent()).resolves.toMatch(/恢复完成：新增 \d+ 项，采用备份的 0 项，保留本机的 0 项/);
    expect(await databaseContents(page)).toEqual(before);
    expect(problems).toEqual([]);
  });

  it('refuses a file that is not a backup, saying so', async () => {
    const { page, problems } = session;
    const wrong = join(folder, '乡镇.geojson');
    writeFileSync(wrong, JSON.stringify(TOWNSHIPS));
    await page.getByTestId('backup-restore-input').setInputFiles([wrong]);
    await expect.poll(() => page.getByTestId('backup-error').textContent(), { timeout: 30_000 }).toContain('“乡镇.geojson”不是本应用的备份文件');
    expect(problems).toEqual([]);
  });

  it('shows the restored plot, imported layer and review again after a reload', { timeout: 420_000 }, async () => {
    const { page, problems } = session;
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-plots').click();
    await expect.poll(() => page.getByTestId('plot-row').allTextContents(), { timeout: 30_000 }).toEqual([expect.stringContaining('备份测试地块')]);
    await page.getByTestId('tab-data').click();
    const entry = page.locator('[data-testid="imported-layer"][data-layer-name="官方乡镇界"]');
    await entry.waitFor();
    await expect(entry.getByTestId('imported-role').textContent()).resolves.toContain('乡镇');
    await openFirePanel(page);
    const row = page.locator(`[data-testid="zone-list"] li[data-zone="${zoneId}"]`);
    await expect.poll(() => row.locator('.status').textContent(), { timeout: 30_000 }).toBe('需整改');
    await row.locator('button').click();
    await expect.poll(() => page.getByTestId('review-history').textContent(), { timeout: 30_000 }).toContain('备份前的审核');
    expect(problems).toEqual([]);
  });
});
