/**
 * The statistics panel in a real browser: its figures equal the CLI's on the same files; sort,
 * filter and row click work; the CSV and XLSX downloads read back equal to the table.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { STATISTICS_LAYERS } from '../../src/lib/layers/derived';
import { layerById } from '../../src/lib/layers/catalog';
import type { OverlayResult } from '../../src/lib/geo/overlay/types';
import { artifactPath, jumpTo, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { switchLanguage } from './language';

const baseUrl = inject('baseUrl');

/** The CLI on the very files the app serves. */
function cliStatistics(): OverlayResult {
  const layerArguments = STATISTICS_LAYERS.flatMap((id) => ['--layer', `${id}=public/data/${layerById(id).file}`]);
  const output = execFileSync('npx', ['tsx', 'src/cli/stats.ts', '--zones', 'public/data/townships.fgb', ...layerArguments, '--format', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as OverlayResult;
}

/** Parses a CSV line (quoted cells allowed) — enough for our own export. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"';
        index++;
      } else if (character === '"') quoted = false;
      else current += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      cells.push(current);
      current = '';
    } else current += character;
  }
  cells.push(current);
  return cells;
}

describe('township statistics panel', () => {
  let session: BrowserSession;
  let cli: OverlayResult;

  beforeAll(async () => {
    cli = cliStatistics();
    session = await openBrowser({ width: 1500, height: 950 });
    await session.page.goto(`${baseUrl}#lang=zh`);
    await waitForMapReady(session.page);
    await session.page.getByTestId('tab-statistics').click();
    await session.page.locator('[data-testid="statistics-table"] tbody tr').first().waitFor({ timeout: 120_000 });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows one row per township plus the county total, with the figures the CLI computes', async () => {
    const { page, problems } = session;
    const rows = page.locator('[data-testid="statistics-table"] tbody tr');
    expect(await rows.count()).toBe(cli.zones.length + 1);
    for (const zone of cli.zones.slice(0, 39)) {
      const row = page.locator(`[data-testid="statistics-table"] tbody tr[data-code="${zone.id}"]`);
      await expect(row.locator('td[data-key="name"]').textContent()).resolves.toBe(zone.name);
      const area = Number((await row.locator('td[data-key="area"]').textContent())!.replace(/,/g, ''));
      expect(area).toBeCloseTo(Number(squareMetresToMu(zone.areaSquareMetres).toFixed(2)), 2);
      const coverage = (await row.locator('td[data-key="coverage"]').textContent())!;
      expect(coverage).toBe(`${(zone.forestCoverage! * 100).toFixed(2)}%`);
      const reserve = Number((await row.locator('td[data-key="reserveForest.area"]').textContent())!.replace(/,/g, ''));
      expect(reserve).toBeCloseTo(Number(squareMetresToMu(zone.layers.reserveForest!.areaSquareMetres).toFixed(2)), 2);
    }
    // The dashboard reads the same totals: coverage near the plan's 64.5 %.
    const coverageCard = page.locator('[data-target="forestCoverage"] [data-testid="target-actual"]');
    expect(Number((await coverageCard.textContent())!.replace('%', ''))).toBeCloseTo(64.5, 0);
    // The 39 townships are the county: its total, compared with the plan; every stand has its canopy density.
    await expect(page.locator('[data-testid="statistics-table"] tbody tr.total td[data-key="name"]').textContent()).resolves.toBe('全县合计');
    await expect(page.getByTestId('statistics-warning').count()).resolves.toBe(0);
    await expect(page.getByTestId('targets-not-compared').count()).resolves.toBe(0);
    await expect(page.getByTestId('statistics-notes').textContent()).resolves.toContain('郁闭度未知的乔木林地不计为森林（严格）');
    await page.screenshot({ path: artifactPath('statistics-panel.png') });
    expect(problems).toEqual([]);
  });

  it('sorts by coverage and filters by township name, keeping the total row last', async () => {
    const { page, problems } = session;
    await page.locator('th button[data-key="coverage"]').click();
    const coverages = await page.locator('[data-testid="statistics-table"] tbody tr:not(.total) td[data-key="coverage"]').allTextContents();
    const values = coverages.map((text) => Number(text.replace('%', '')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.getByTestId('statistics-filter').fill('镇');
    const names = await page.locator('[data-testid="statistics-table"] tbody tr:not(.total) td[data-key="name"]').allTextContents();
    expect(names.length).toBeGreaterThan(5);
    expect(names.every((name) => name.includes('镇'))).toBe(true);
    await expect(page.locator('[data-testid="statistics-table"] tbody tr').last().getAttribute('class')).resolves.toContain('total');
    await page.getByTestId('statistics-filter').fill('');
    expect(problems).toEqual([]);
  });

  it('zooms to a township when its row is clicked', async () => {
    const { page, problems } = session;
    await page.locator('[data-testid="statistics-table"] tbody tr[data-code="500242108"]').click(); // 龚滩镇
    await page.waitForTimeout(900);
    await waitForIdle(page);
    const center = await page.evaluate(() => (window as unknown as { __forestMap: { map: { getCenter(): { lng: number; lat: number } } } }).__forestMap.map.getCenter());
    expect(center.lng).toBeGreaterThan(108.25);
    expect(center.lng).toBeLessThan(108.5);
    await expect(page.getByTestId('feature-panel').textContent()).resolves.toContain('龚滩镇');
    expect(problems).toEqual([]);
  });

  it('draws the coverage choropleth with its legend', async () => {
    const { page, problems } = session;
    await page.getByTestId('statistics-choropleth').check();
    await page.getByTestId('coverage-legend').waitFor();
    await jumpTo(page, [108.8, 28.86], 8.3);
    const rendered = await page.evaluate(() => (window as unknown as { __forestMap: { map: { queryRenderedFeatures(options: { layers: string[] }): unknown[] } } }).__forestMap.map.queryRenderedFeatures({ layers: ['coverage-choropleth'] }).length);
    expect(rendered).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('statistics-choropleth.png') });
    expect(problems).toEqual([]);
  });

  it('exports CSV (UTF-8 with BOM) and XLSX that read back equal to the table', async () => {
    const { page, problems } = session;
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^酉阳县乡镇森林资源统计_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    const header = csvCells(lines[0]!);
    expect(header.slice(0, 5)).toEqual(['乡镇代码', '乡镇', '土地面积(亩)', '森林面积(亩)', '森林覆盖率(%)']);
    // The table, a blank line, then the notes: the coverage rule applied (no warning on the sample data).
    expect(lines.length).toBe(cli.zones.length + 2 + 2);
    expect(csvCells(lines[cli.zones.length + 3]!)[0]).toMatch(/^注：森林覆盖率 =（郁闭度≥0.2的乔木林地 \+ 竹林地 \+ 特殊灌木林地）÷ 土地面积；郁闭度未知的乔木林地不计为森林（严格）$/);
    const firstZone = cli.zones[0]!;
    const firstLine = lines.map(csvCells).find((cells) => cells[0] === String(firstZone.id))!;
    expect(firstLine[1]).toBe(firstZone.name);
    expect(Number(firstLine[2])).toBeCloseTo(squareMetresToMu(firstZone.areaSquareMetres), 2);
    expect(csvCells(lines[cli.zones.length + 1]!)[1]).toBe('全县合计');

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('乡镇统计');
    expect(sheet.getRow(1).getCell(2).value).toBe('乡镇');
    expect(sheet.views[0]?.state).toBe('frozen');
    expect(workbook.worksheets.map((entry) => entry.name)).toContain('森林防火');
    expect(String(workbook.getWorksheet('说明')!.getRow(2).getCell(1).value)).toMatch(/^注：森林覆盖率/);
    const row = sheet.getRows(2, cli.zones.length)!.find((entry) => entry.getCell(1).value === String(firstZone.id))!;
    expect(row.getCell(2).value).toBe(firstZone.name);
    expect(Number(row.getCell(3).value)).toBeCloseTo(squareMetresToMu(firstZone.areaSquareMetres), 2);
    expect(sheet.getRow(cli.zones.length + 2).getCell(2).value).toBe('全县合计');
    expect(sheet.getRow(cli.zones.length + 2).font?.bold).toBe(true);
    expect(problems).toEqual([]);
  });

  it('shows the panel in English', async () => {
    const { page, problems } = session;
    await switchLanguage(page, 'en');
    await expect(page.locator('[data-testid="statistics-table"] th button[data-key="coverage"]').textContent()).resolves.toContain('Forest coverage');
    await page.getByTestId('statistics-unit').selectOption('hectare');
    await expect(page.locator('[data-testid="statistics-table"] th button[data-key="area"]').textContent()).resolves.toContain('(ha)');
    await page.screenshot({ path: artifactPath('statistics-panel-en.png') });
    expect(problems).toEqual([]);
  });
});
