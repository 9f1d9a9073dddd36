import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { OverlayResult } from '../../src/lib/geo/overlay/types';
import { countyTotals } from '../../src/lib/geo/overlay/county-totals';
import { buildStatisticsTable, cellInUnit } from '../../src/lib/statistics/table';
import { parsePlanTargets, targetProgress } from '../../src/lib/geo/plan-targets';
import { muToSquareMetres } from '../../src/lib/geo/units';
import { toCsvTable, toOutputTable, toXlsxSheets } from '../../src/lib/statistics/table-export';
import type { ZonesKind } from '../../src/lib/geo/overlay/county-zones';
import { viewRows } from '../../src/lib/statistics/table-view';
import { writeCsv } from '../../src/lib/io/write-csv';
import { conflictCategoryLabel } from '../../src/lib/state/plots/conflict-labels';
import { writeXlsx } from '../../src/lib/io/write-xlsx';
import planFile from '../../data/plan-targets.json';

/** Two townships with known areas (in 亩, converted to m²) and three layers. */
function knownResult(): OverlayResult {
  const m2 = muToSquareMetres;
  const zone = (index: number, id: string, name: string, areaMu: number, forestMu: number, fireMu: Record<string, number>, reserveMu: Record<string, number>) => ({
    index,
    id,
    name,
    areaSquareMetres: m2(areaMu),
    forestAreaSquareMetres: m2(forestMu),
    forestCoverage: forestMu / areaMu,
    layers: {
      subcompartments: { areaSquareMetres: m2(areaMu), featureCount: 10, categories: {} },
      fireZones: {
        areaSquareMetres: m2(Object.values(fireMu).reduce((a, b) => a + b, 0)),
        featureCount: Object.keys(fireMu).length,
        categories: Object.fromEntries(Object.entries(fireMu).map(([key, mu]) => [key, { areaSquareMetres: m2(mu), featureCount: 1 }])),
      },
      reserveForest: {
        areaSquareMetres: m2(Object.values(reserveMu).reduce((a, b) => a + b, 0)),
        featureCount: Object.keys(reserveMu).length,
        categories: Object.fromEntries(Object.entries(reserveMu).map(([key, mu]) => [key, { areaSquareMetres: m2(mu), featureCount: 1 }])),
      },
    },
  });
  const summary = (id: string, categoryField?: string) => ({
    id,
    ...(categoryField ? { categoryField } : {}),
    featureCount: 2,
    measuredFeatureCount: 2,
    featuresInZones: 2,
    categoryFeaturesInZones: {},
    areaSquareMetres: 0,
    outsideAreaSquareMetres: 0,
    path: { interior: 2, touching: 0, clipped: 0 },
  });
  return {
    zones: [
      zone(0, '500242108', '龚滩镇', 1000, 600, { '5': 50, '10': 1 }, { '2023年已收储': 100, 规划: 200 }),
      zone(1, '500242001', '桃花源街道', 3000, 2100, { '2': 30 }, { 规划: 900 }),
    ],
    layers: [summary('subcompartments', 'DI_LEI'), summary('fireZones', 'DENG_JI'), summary('reserveForest', 'ZHUANG_TAI')],
    forestLayerId: 'subcompartments',
    notes: [],
    elapsedMilliseconds: 1,
  };
}

describe('statistics table model', () => {
  const result = knownResult();
  const table = buildStatisticsTable(result, countyTotals(result));

  it('has one row per zone and a total row whose coverage is forest ÷ land of the county', () => {
    expect(table.rows.map((row) => row.id)).toEqual(['500242108', '500242001', '']);
    const total = table.rows[2]!;
    expect(total.isTotal).toBe(true);
    expect(cellInUnit(table.columns.find((column) => column.key === 'area')!, total.cells.area!, 'mu')).toBeCloseTo(4000, 9);
    expect(total.cells.coverage).toBeCloseTo(2700 / 4000, 12);
  });

  it('gives category columns for fire levels in numeric order, with readable headers', () => {
    const fireKeys = table.columns.filter((column) => column.key.startsWith('fireZones.') && column.key !== 'fireZones.area' && column.key !== 'fireZones.count');
    expect(fireKeys.map((column) => column.key)).toEqual(['fireZones.2', 'fireZones.5', 'fireZones.10']);
    // The level's label is the catalog's, as in the legend and the plot conflict check.
    expect(fireKeys[0]!.header).toEqual({ zh: '森林火灾高风险区：二级（较低）', en: 'Forest-fire high-risk zones: Level 2 (moderate)' });
    expect(fireKeys[0]!.header.en.endsWith(conflictCategoryLabel('fireZones', '2', 'en'))).toBe(true);
    expect(table.rows[0]!.cells['reserveForest.2023年已收储']).toBeCloseTo(muToSquareMetres(100), 6);
  });

  it('converts areas to 公顷 and ratios to percent for display', () => {
    const area = table.columns.find((column) => column.key === 'area')!;
    const coverage = table.columns.find((column) => column.key === 'coverage')!;
    expect(cellInUnit(area, muToSquareMetres(15), 'hectare')).toBeCloseTo(1, 12);
    expect(cellInUnit(coverage, 0.645, 'mu')).toBeCloseTo(64.5, 12);
  });

  it('sorts and filters rows, keeping the total last and unfiltered', () => {
    const sorted = viewRows(table.rows, { sortKey: 'coverage', descending: true, filter: '' });
    expect(sorted.map((row) => row.id)).toEqual(['500242001', '500242108', '']);
    const filtered = viewRows(table.rows, { sortKey: null, descending: false, filter: '龚滩' });
    expect(filtered.map((row) => row.id)).toEqual(['500242108', '']);
  });
});

const TOWNSHIPS: ZonesKind = { kind: 'townships', zoneCount: 2 };

describe('statistics exports', () => {
  const result = knownResult();
  const table = buildStatisticsTable(result, countyTotals(result), { zonesKind: TOWNSHIPS });

  it('writes a CSV with BOM, unit headers, rounded figures and a county total row', () => {
    const csv = writeCsv(toOutputTable(table, 'zh', 'mu'));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['乡镇代码', '乡镇', '土地面积(亩)', '森林面积(亩)', '森林覆盖率(%)']);
    expect(lines[1]!.split(',').slice(0, 5)).toEqual(['500242108', '龚滩镇', '1000', '600', '60']);
    expect(lines[3]!.split(',').slice(0, 5)).toEqual(['', '全县合计', '4000', '2700', '67.5']);
  });

  it('keeps a township name that looks like a formula from running in Excel', () => {
    const tricky = knownResult();
    tricky.zones[0] = { ...tricky.zones[0]!, name: '=HYPERLINK("x")' };
    const csv = writeCsv(toOutputTable(buildStatisticsTable(tricky, countyTotals(tricky), { zonesKind: TOWNSHIPS }), 'zh', 'mu'));
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('writes XLSX sheets per theme with number formats, a frozen header and a bold total row', async () => {
    const bytes = await writeXlsx(toXlsxSheets(table, 'zh', 'hectare'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['乡镇统计', '森林资源', '森林防火', '国家储备林']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('土地面积(公顷)');
    expect(sheet.getRow(2).getCell(3).value).toBeCloseTo(1000 / 15, 4);
    expect(sheet.getColumn(3).numFmt).toBe('#,##0.0000');
    expect(sheet.views[0]?.state).toBe('frozen');
    expect(sheet.getRow(4).getCell(2).value).toBe('全县合计');
    expect(sheet.getRow(4).font?.bold).toBe(true);
    const fire = workbook.getWorksheet('森林防火')!;
    expect(fire.getRow(1).getCell(1).value).toBe('乡镇代码');
  });
});

describe('what the total row sums, and the notes in every export', () => {
  const result = knownResult();
  const other: ZonesKind = { kind: 'other', zoneCount: 2, reason: { zh: '2个区域中有0个与本县39个乡镇的代码或名称对应', en: '0 of the 2 zones match' } };
  const canopy = { rule: 'not-forest' as const, survey: { featureCount: 20, arborCount: 12, arborWithoutCanopy: 12, fieldPresent: false } };
  const table = buildStatisticsTable(result, countyTotals(result), { zonesKind: other, canopy });

  it('names the total "合计（2个区域）" when the zones are not the county’s townships, also without knowing', () => {
    expect(table.totalLabel).toEqual({ zh: '合计（2个区域）', en: 'Total of 2 zones' });
    expect(buildStatisticsTable(result, countyTotals(result)).totalLabel.zh).toBe('合计（2个区域）');
    const lines = writeCsv(toCsvTable(table, 'zh', 'mu')).slice(1).trim().split('\r\n');
    expect(lines[3]!.split(',').slice(0, 2)).toEqual(['', '合计（2个区域）']);
  });

  it('writes the warnings and the coverage rule under the CSV and on a notes sheet of the XLSX', async () => {
    const lines = writeCsv(toCsvTable(table, 'zh', 'mu')).slice(1).trim().split('\r\n');
    const notes = lines.slice(5).map((line) => line.split(',')[0]);
    expect(lines[4]!.replace(/,/g, '')).toBe('');
    expect(notes[0]).toMatch(/^警告：合计行是2个区域之和，不是全县合计/);
    expect(notes[1]).toMatch(/^警告：小班图层没有郁闭度字段（YU_BI_DU）：12个乔木林地小班无法按郁闭度≥0.2判定，均未计为森林/);
    expect(notes[2]).toMatch(/^注：森林覆盖率 =（郁闭度≥0.2的乔木林地 \+ 竹林地 \+ 特殊灌木林地）÷ 土地面积；郁闭度未知的乔木林地不计为森林（严格）/);
    const bytes = await writeXlsx(toXlsxSheets(table, 'en', 'mu'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Notes')!;
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^Warning: the total row sums 2 zones/);
    expect(sheet.getRow(4).getCell(1).value).toMatch(/^Note: Forest coverage = .*not counted \(strict\)/);
    expect(workbook.worksheets[0]!.getRow(4).getCell(2).value).toBe('Total of 2 zones');
  });
});

describe('plan targets', () => {
  const plan = parsePlanTargets(planFile);

  it('reads the 2023 plan file', () => {
    expect(plan.year).toBe(2023);
    expect(plan.targets.map((target) => target.id)).toEqual(['afforestation', 'forestCoverage', 'reservePlanned', 'reserveTaken2023', 'pineRetrofit']);
  });

  it('computes progress from county totals, not from typed-in numbers', () => {
    const result = knownResult();
    const progress = targetProgress(plan, countyTotals(result));
    const coverage = progress.find((entry) => entry.target.id === 'forestCoverage')!;
    expect(coverage.actual).toBeCloseTo(0.675, 12);
    expect(coverage.met).toBe(true);
    const taken = progress.find((entry) => entry.target.id === 'reserveTaken2023')!;
    expect(taken.actual).toBeCloseTo(100, 6);
    expect(taken.fraction).toBeCloseTo(100 / 300000, 12);
    expect(taken.met).toBe(false);
    // No afforestation layer in this result: not measurable rather than zero.
    const afforestation = progress.find((entry) => entry.target.id === 'afforestation')!;
    expect(afforestation.actual).toBeNull();
    expect(afforestation.met).toBeNull();
  });

  it('names the target and field of a mistake in the plan file', () => {
    const broken = structuredClone(planFile) as { targets: { unit: string }[] };
    broken.targets[2]!.unit = 'acres';
    expect(() => parsePlanTargets(broken, 'plan-2024.json')).toThrow('plan-2024.json: target 3 (reservePlanned): "unit" must be "mu" or "ratio"');
  });
});
