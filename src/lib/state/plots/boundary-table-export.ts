/**
 * The boundary-point table (界址点坐标表) as rows for the CSV and XLSX writers and for the
 * on-screen/printed table: X/Y and edge lengths to 3 decimals, longitude/latitude in decimal
 * degrees (8 decimals, ≈1 mm) and in degrees-minutes-seconds, then the plot's area.
 */
import type { BoundaryPointTable } from '../../geo/boundary-points';
import { formatDms } from '../../geo/dms';
import { formatNumber, squareMetresToHectares, squareMetresToMu } from '../../geo/units';
import type { OutputTable, TableColumn } from '../../io/table-write';
import { writeCsv } from '../../io/write-csv';
import { writeXlsx } from '../../io/write-xlsx';
import { t } from '../../i18n';
import type { ExportedContent } from './plot-export';
import type { Locale } from '../../i18n/locale';

/** One printed row: a boundary point, or the area line at the end. */
export interface BoundaryRow {
  readonly label: string;
  readonly ring: string;
  readonly x: string;
  readonly y: string;
  readonly longitude: string;
  readonly latitude: string;
  readonly longitudeDms: string;
  readonly latitudeDms: string;
  readonly edge: string;
}

function ringLabel(table: BoundaryPointTable, index: number, locale: Locale): string {
  const ring = table.rings[index]!;
  const parts = new Set(table.rings.map((entry) => entry.part)).size;
  const kind = t(locale, ring.kind === 'outer' ? 'plot.table.outer' : 'plot.table.hole');
  return parts > 1 ? `${t(locale, 'plot.table.part', { part: ring.part })} · ${kind}` : kind;
}

/** Rows of the table as displayed (text, fixed decimals). */
export function boundaryRows(table: BoundaryPointTable, locale: Locale): BoundaryRow[] {
  return table.rings.flatMap((ring, index) =>
    ring.points.map((point) => ({
      label: point.label,
      ring: ringLabel(table, index, locale),
      x: point.x.toFixed(3),
      y: point.y.toFixed(3),
      longitude: point.longitude.toFixed(8),
      latitude: point.latitude.toFixed(8),
      longitudeDms: formatDms(point.longitude, 'longitude'),
      latitudeDms: formatDms(point.latitude, 'latitude'),
      edge: point.edgeMetres === null ? '' : point.edgeMetres.toFixed(3),
    })),
  );
}

/** The area line under the table, e.g. "面积 12,345.67 平方米 = 18.52 亩 = 1.2346 公顷（椭球面积）". */
export function boundaryAreaText(table: BoundaryPointTable, locale: Locale): string {
  const area = table.areaSquareMetres;
  return `${t(locale, 'plot.table.area')} ${formatNumber(area, 2)} ${t(locale, 'plot.unit.squareMetres')} = ${formatNumber(squareMetresToMu(area), 2)} ${t(locale, 'plot.unit.mu')} = ${formatNumber(squareMetresToHectares(area), 4)} ${t(locale, 'plot.unit.hectares')}${t(locale, 'plot.table.ellipsoidal')}`;
}

function columns(locale: Locale, withRing: boolean): TableColumn[] {
  return [
    { key: 'label', header: t(locale, 'plot.table.point') },
    ...(withRing ? [{ key: 'ring', header: t(locale, 'plot.table.ring') }] : []),
    { key: 'x', header: t(locale, 'plot.table.x'), numberFormat: '0.000' },
    { key: 'y', header: t(locale, 'plot.table.y'), numberFormat: '0.000' },
    { key: 'longitude', header: t(locale, 'plot.table.longitude'), numberFormat: '0.00000000' },
    { key: 'latitude', header: t(locale, 'plot.table.latitude'), numberFormat: '0.00000000' },
    { key: 'longitudeDms', header: t(locale, 'plot.table.longitudeDms') },
    { key: 'latitudeDms', header: t(locale, 'plot.table.latitudeDms') },
    { key: 'edge', header: t(locale, 'plot.table.edge'), numberFormat: '0.000' },
  ];
}

/**
 * The table for a writer. CSV gets the displayed text (so X keeps its three decimals); XLSX gets
 * numbers with a number format, so Excel can compute with them.
 */
export function boundaryOutputTable(table: BoundaryPointTable, plotName: string, locale: Locale, numeric: boolean): OutputTable {
  const withRing = table.rings.length > 1;
  const rows: Record<string, unknown>[] = boundaryRows(table, locale).map((row) =>
    numeric
      ? { ...row, x: Number(row.x), y: Number(row.y), longitude: Number(row.longitude), latitude: Number(row.latitude), edge: row.edge === '' ? null : Number(row.edge) }
      : { ...row },
  );
  rows.push({});
  rows.push({ label: t(locale, 'plot.table.plot'), ...(withRing ? { ring: plotName } : { x: plotName }) });
  rows.push({ label: t(locale, 'plot.table.crs'), ...(withRing ? { ring: table.crs.name[locale] } : { x: table.crs.name[locale] }) });
  rows.push({ label: boundaryAreaText(table, locale) });
  return { columns: columns(locale, withRing), rows };
}

/** The table as a CSV (UTF-8 with BOM) or XLSX file. */
export async function exportBoundaryTable(format: 'csv' | 'xlsx', table: BoundaryPointTable, plotName: string, locale: Locale): Promise<ExportedContent> {
  if (format === 'csv') return { extension: 'csv', content: writeCsv(boundaryOutputTable(table, plotName, locale, false)) };
  const bytes = await writeXlsx([{ name: t(locale, 'plot.table.sheet'), ...boundaryOutputTable(table, plotName, locale, true) }]);
  return { extension: 'xlsx', content: bytes };
}
