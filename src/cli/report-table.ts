/**
 * The statistics as one table (zones as rows, a county total row last): the shape every output
 * format writes. Areas in 亩 (2 decimals), coverage in % (2 decimals).
 */
import type { CountyTotals } from '../lib/geo/overlay/county-totals';
import type { OverlayResult, ZoneStatistics } from '../lib/geo/overlay/types';
import { squareMetresToMu } from '../lib/geo/units';
import { isLayerId, layerById } from '../lib/layers/catalog';
import type { Locale } from '../lib/i18n/locale';

/** A layer's column title: its catalog name for catalog ids, else the id given on the command line. */
function layerTitle(id: string, locale: Locale): string {
  return isLayerId(id) ? layerById(id).name[locale] : id;
}

export interface ReportColumn {
  readonly key: string;
  readonly header: string;
  /** 'text' columns align left, numbers right. */
  readonly kind: 'text' | 'area' | 'count' | 'percent';
}

export interface ReportTable {
  readonly columns: readonly ReportColumn[];
  /** Values: areas in 亩, percentages as numbers (64.5 for 64.5 %), counts as integers. */
  readonly rows: ReadonlyArray<Record<string, string | number | null>>;
  /** Warnings and rules the reader of the file must know (canopy density missing …). */
  readonly notes: readonly string[];
}

/** Rows for CSV/XLSX after the table: a blank one, then each note in the first column. */
export function fileNoteRows(table: ReportTable): Array<Record<string, string>> {
  const first = table.columns[0]?.key ?? 'id';
  return table.notes.length === 0 ? [] : [{}, ...table.notes.map((line) => ({ [first]: line }))];
}

/** The notes under the terminal table. */
export function textNotes(table: ReportTable): string {
  return table.notes.map((line) => `\n${line}`).join('') + (table.notes.length > 0 ? '\n' : '');
}

/** What a row is built from: a zone's statistics or the county totals. */
type RowSource = Pick<ZoneStatistics, 'areaSquareMetres' | 'forestAreaSquareMetres' | 'forestCoverage'> & {
  readonly layers: Readonly<Record<string, { readonly areaSquareMetres: number; readonly featureCount: number; readonly categories: Readonly<Record<string, { readonly areaSquareMetres: number }>> }>>;
};

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));
const mu = (squareMetres: number) => round(squareMetresToMu(squareMetres), 2);

/**
 * Builds the table; `locale` chooses the header language.
 * @param categoryLayers layers whose category columns are included (all when omitted).
 */
export function buildReportTable(
  result: OverlayResult,
  totals: CountyTotals,
  locale: Locale,
  categoryLayers?: ReadonlySet<string>,
  notes: readonly string[] = [],
): ReportTable {
  const zh = locale === 'zh';
  const columns: ReportColumn[] = [
    { key: 'id', header: zh ? '代码' : 'Code', kind: 'text' },
    { key: 'name', header: zh ? '名称' : 'Name', kind: 'text' },
    { key: 'area', header: zh ? '面积(亩)' : 'Area (mu)', kind: 'area' },
  ];
  if (result.forestLayerId !== null) {
    columns.push({ key: 'forest', header: zh ? '森林面积(亩)' : 'Forest (mu)', kind: 'area' });
    columns.push({ key: 'coverage', header: zh ? '森林覆盖率(%)' : 'Coverage (%)', kind: 'percent' });
  }
  const categoryKeys = new Map<string, string[]>();
  for (const layer of result.layers) {
    const title = layerTitle(layer.id, locale);
    columns.push({ key: `${layer.id}.area`, header: zh ? `${title}(亩)` : `${title} (mu)`, kind: 'area' });
    columns.push({ key: `${layer.id}.count`, header: zh ? `${title}(个)` : `${title} (n)`, kind: 'count' });
    const keys = !categoryLayers || categoryLayers.has(layer.id) ? Object.keys(totals.layers[layer.id]?.categories ?? {}) : [];
    categoryKeys.set(layer.id, keys);
    for (const key of keys) columns.push({ key: `${layer.id}.${key}`, header: zh ? `${title}:${key || '(空)'}(亩)` : `${title}: ${key || '(blank)'} (mu)`, kind: 'area' });
  }
  /** One row from a zone's statistics or the county totals (same field names). */
  const row = (id: string, name: string, source: RowSource): Record<string, string | number | null> => {
    const cells: Record<string, string | number | null> = { id, name, area: mu(source.areaSquareMetres) };
    if (result.forestLayerId !== null) {
      cells.forest = mu(source.forestAreaSquareMetres);
      cells.coverage = source.forestCoverage === null ? null : round(source.forestCoverage * 100, 2);
    }
    for (const layer of result.layers) {
      const statistics = source.layers[layer.id]!;
      cells[`${layer.id}.area`] = mu(statistics.areaSquareMetres);
      cells[`${layer.id}.count`] = statistics.featureCount;
      for (const key of categoryKeys.get(layer.id)!) cells[`${layer.id}.${key}`] = mu(statistics.categories[key]?.areaSquareMetres ?? 0);
    }
    return cells;
  };
  const rows = result.zones.map((zone) => row(String(zone.id), zone.name, zone));
  const total = row('', zh ? '合计' : 'Total', totals);
  rows.push(total);
  return { columns, rows, notes };
}
