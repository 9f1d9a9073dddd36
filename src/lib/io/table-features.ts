/**
 * Turns a table (header + rows, from CSV or XLSX) into point features, or into WKT geometries when
 * the table has a geometry column. Every column is kept as an attribute.
 */
import type { Feature } from 'geojson';
import { detectCoordinateColumns, parseCoordinate } from './coordinate-columns';
import { fail } from './errors';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './table-limits';
import type { ImportWarning, TableColumns } from './types';
import { parseWkt } from './wkt-read';

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Throws 'table-too-large' naming what exceeded its cap. */
export function tableTooLarge(file: string, what: 'rows' | 'columns', count: number, limit: number): never {
  fail('table-too-large', file, { what: `${count}${what === 'rows' ? '行' : '列'}`, whatEn: `${count} ${what}`, limit: String(limit) });
}

/** Attribute value of a cell: numeric text becomes a number unless it has a leading zero (codes). */
export function cellValue(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  const text = value.trim();
  if (text === '') return null;
  if (/^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/**
 * Builds features from a table.
 * @throws ImportError 'no-coordinate-columns' listing the headers, or 'no-features' when no row has coordinates.
 */
export function tableToFeatures(table: Table, file: string, chosen: TableColumns | undefined, warnings: ImportWarning[]): Feature[] {
  if (table.headers.length > MAX_TABLE_COLUMNS) tableTooLarge(file, 'columns', table.headers.length, MAX_TABLE_COLUMNS);
  if (table.rows.length > MAX_TABLE_ROWS) tableTooLarge(file, 'rows', table.rows.length, MAX_TABLE_ROWS);
  const columns = detectCoordinateColumns(table.headers, chosen);
  if (!columns) fail('no-coordinate-columns', file, { columns: table.headers.join(', ') || '—' });
  const index = (name: string | undefined) => (name === undefined ? -1 : table.headers.indexOf(name));
  const xIndex = index(columns.x);
  const yIndex = index(columns.y);
  const wktIndex = index(columns.wkt);
  const features: Feature[] = [];
  let skipped = 0;
  table.rows.forEach((row, rowIndex) => {
    const properties: Record<string, unknown> = {};
    table.headers.forEach((header, column) => {
      if (column !== wktIndex && header !== '') properties[header] = cellValue(row[column]);
    });
    if (row.every((cell) => cell === null || cell === undefined || cell === '')) return;
    let geometry = null;
    if (wktIndex >= 0) {
      geometry = typeof row[wktIndex] === 'string' ? parseWkt(row[wktIndex] as string) : null;
    } else {
      const x = parseCoordinate(row[xIndex]);
      const y = parseCoordinate(row[yIndex]);
      if (Number.isFinite(x) && Number.isFinite(y)) geometry = { type: 'Point' as const, coordinates: [x, y] };
    }
    if (!geometry) {
      skipped++;
      return;
    }
    features.push({ type: 'Feature', id: rowIndex + 1, properties, geometry });
  });
  const used = columns.wkt !== undefined ? `WKT “${columns.wkt}”` : `X “${columns.x}”, Y “${columns.y}”`;
  warnings.push({ file, message: { zh: `坐标列：${used}`, en: `coordinate columns: ${used}` } });
  if (skipped > 0) {
    warnings.push({ file, message: { zh: `${skipped}行没有可读的坐标，已跳过`, en: `${skipped} rows without readable coordinates were skipped` } });
  }
  if (features.length === 0) fail('no-features', file, { format: 'table' });
  return features;
}
