/**
 * The statistics table as files: CSV (UTF-8 with BOM, opens in Excel on Chinese Windows),
 * XLSX (a sheet with every column plus one sheet per theme; number formats, frozen header,
 * bold totals row) and GeoJSON of the townships with their figures as properties.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { cellInUnit, type StatisticsColumn, type StatisticsTable } from './table';
import { unitLabel, type AreaUnit } from '../geo/units';
import type { OutputTable, TableColumn } from '../io/table-write';
import type { XlsxSheet } from '../io/write-xlsx';
import { t, type Locale } from '../i18n';

const DECIMALS: Record<AreaUnit, number> = { mu: 2, hectare: 4, squareMetre: 1, squareKilometre: 4, tenThousandMu: 4 };

/** Header with its unit, e.g. "土地面积(亩)", "森林覆盖率(%)". */
export function columnHeader(column: StatisticsColumn, locale: Locale, unit: AreaUnit): string {
  const title = column.header[locale];
  if (column.kind === 'area') return t(locale, 'statistics.header.area', { title, unit: unitLabel(unit, locale) });
  if (column.kind === 'ratio') return t(locale, 'statistics.header.ratio', { title });
  return title;
}

/** A cell rounded as it is displayed (so exports equal the table on screen). */
export function displayValue(column: StatisticsColumn, value: unknown, unit: AreaUnit): string | number | null {
  if (column.kind === 'text') return value === null || value === undefined ? '' : String(value);
  const number = cellInUnit(column, value as number | null, unit);
  if (number === null) return null;
  if (column.kind === 'count') return number;
  const decimals = column.kind === 'ratio' ? 2 : DECIMALS[unit];
  return Number(number.toFixed(decimals));
}

function numberFormat(column: StatisticsColumn, unit: AreaUnit): string | undefined {
  if (column.kind === 'count') return '#,##0';
  if (column.kind === 'ratio') return '0.00';
  if (column.kind === 'area') return `#,##0.${'0'.repeat(DECIMALS[unit])}`;
  return undefined;
}

/** The table (all or some columns) as rows for the CSV/XLSX writers. */
export function toOutputTable(
  table: StatisticsTable,
  locale: Locale,
  unit: AreaUnit,
  columns: readonly StatisticsColumn[] = table.columns,
): OutputTable {
  const outputColumns: TableColumn[] = columns.map((column) => ({
    key: column.key,
    header: columnHeader(column, locale, unit),
    ...(numberFormat(column, unit) ? { numberFormat: numberFormat(column, unit)! } : {}),
  }));
  const rows = table.rows.map((row) => {
    const values: Record<string, unknown> = {};
    for (const column of columns) values[column.key] = displayValue(column, row.cells[column.key], unit);
    if (row.isTotal) values.name = table.totalLabel[locale];
    return values;
  });
  return { columns: outputColumns, rows };
}

/** The notes as lines: "警告：…" for warnings, "注：…" for the rules applied. */
export function noteLines(table: StatisticsTable, locale: Locale): string[] {
  return table.notes.map((note) => {
    return t(locale, note.severity === 'warning' ? 'statistics.note.warning' : 'statistics.note.rule', { text: note.message });
  });
}

/** The CSV: the table, then a blank line and one line per note in the first column. */
export function toCsvTable(table: StatisticsTable, locale: Locale, unit: AreaUnit): OutputTable {
  const output = toOutputTable(table, locale, unit);
  const firstKey = output.columns[0]?.key ?? 'code';
  const notes = noteLines(table, locale);
  if (notes.length === 0) return output;
  return { columns: output.columns, rows: [...output.rows, {}, ...notes.map((line) => ({ [firstKey]: line }))] };
}

/** XLSX sheets: everything first, then one sheet per theme (code and name repeated), then the notes. */
export function toXlsxSheets(table: StatisticsTable, locale: Locale, unit: AreaUnit): XlsxSheet[] {
  const identity = table.columns.filter((column) => column.key === 'code' || column.key === 'name');
  const sheets: XlsxSheet[] = [{ name: t(locale, 'statistics.title'), totalsRow: true, ...toOutputTable(table, locale, unit) }];
  const themes = [...new Set(table.columns.map((column) => column.theme))].filter((theme) => theme !== 'township');
  for (const theme of themes) {
    const columns = [...identity, ...table.columns.filter((column) => column.theme === theme)];
    sheets.push({ name: t(locale, `statistics.sheet.${theme}`), totalsRow: true, ...toOutputTable(table, locale, unit, columns) });
  }
  const notes = noteLines(table, locale);
  if (notes.length > 0) {
    sheets.push({ name: t(locale, 'statistics.notesTitle'), columns: [{ key: 'note', header: t(locale, 'statistics.notesTitle') }], rows: notes.map((note) => ({ note })) });
  }
  return sheets;
}

/**
 * Townships with their statistics as properties (areas in the chosen unit, coverage in %),
 * keyed by the zone id (township code) — for GIS tools.
 */
export function toStatisticsGeoJson(table: StatisticsTable, townships: FeatureCollection, locale: Locale, unit: AreaUnit): FeatureCollection {
  const byCode = new Map(table.rows.filter((row) => !row.isTotal).map((row) => [row.id, row]));
  const features: Feature[] = [];
  for (const township of townships.features) {
    const code = String(township.properties?.CODE ?? township.id ?? '');
    const row = byCode.get(code);
    if (!row) continue;
    const properties: Record<string, unknown> = {};
    for (const column of table.columns) properties[columnHeader(column, locale, unit)] = displayValue(column, row.cells[column.key], unit);
    features.push({ type: 'Feature', properties, geometry: township.geometry });
  }
  return { type: 'FeatureCollection', features };
}
