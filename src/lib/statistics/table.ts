/**
 * The township statistics as a table model: one row per zone plus a county total row, columns
 * grouped by theme with zh/en headers and raw values (areas in m², coverage as a 0..1 ratio), so
 * that the statistics panel, its CSV/XLSX exports and the CLI all show the same figures and
 * only choose the unit at the end.
 */
import type { CountyTotals } from '../geo/overlay/county-totals';
import { totalLabel, type ZonesKind } from '../geo/overlay/county-zones';
import { canopyNotes, zonesNotes, type CanopyReport, type StatisticsNote } from '../geo/overlay/statistics-notes';
import type { OverlayResult } from '../geo/overlay/types';
import { isLayerId, layerById } from '../layers/catalog';
import { CATEGORY_COLUMN_LAYERS, categoryLabel, statisticsTheme } from '../layers/derived';
import type { StatisticsTheme } from '../layers/layer-definition';
import { convertSquareMetres, type AreaUnit } from '../geo/units';
import type { LocalizedText } from '../i18n/locale';

export type ColumnKind = 'text' | 'area' | 'count' | 'ratio';

/** Themes group the columns (one XLSX sheet each). */
export type ColumnTheme = 'township' | StatisticsTheme | 'other';

export interface StatisticsColumn {
  readonly key: string;
  readonly header: LocalizedText;
  readonly kind: ColumnKind;
  readonly theme: ColumnTheme;
}

/** Cell values: strings for text, m² for areas, integers for counts, 0..1 for ratios; null = n/a. */
export type StatisticsCell = string | number | null;

export interface StatisticsRow {
  /** Zone id (township code); '' for the county total row. */
  readonly id: string;
  readonly isTotal: boolean;
  readonly cells: Readonly<Record<string, StatisticsCell>>;
}

export interface StatisticsTable {
  readonly columns: readonly StatisticsColumn[];
  /** Zones in result order, then the total row. */
  readonly rows: readonly StatisticsRow[];
  /** What the total row is: 全县合计 for the county's townships, else "合计（N个区域）". */
  readonly totalLabel: LocalizedText;
  /** Warnings and the rules applied, shown under the table and written into every export. */
  readonly notes: readonly StatisticsNote[];
}

function layerTitle(id: string): LocalizedText {
  return isLayerId(id) ? layerById(id).name : { zh: id, en: id };
}

/** Category values read with the catalog's label (fire level 3 → 三级（较高）), else as stored. */
function categoryTitle(layerId: string, key: string): LocalizedText {
  if (key === '') return { zh: '（空）', en: '(blank)' };
  return categoryLabel(layerId, key) ?? { zh: key, en: key };
}

/** Sorts category keys numerically where they are numbers (fire levels), else by code point. */
function sortCategoryKeys(keys: string[]): string[] {
  return keys.sort((a, b) => {
    const numberA = Number(a);
    const numberB = Number(b);
    if (a !== '' && b !== '' && Number.isFinite(numberA) && Number.isFinite(numberB)) return numberA - numberB;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

interface RowSource {
  readonly areaSquareMetres: number;
  readonly forestAreaSquareMetres: number;
  readonly forestCoverage: number | null;
  readonly layers: Readonly<
    Record<string, { readonly areaSquareMetres: number; readonly featureCount: number; readonly categories: Readonly<Record<string, { readonly areaSquareMetres: number }>> }>
  >;
}

/**
 * Builds the table from an overlay result and its county totals.
 * @param options.categoryLayers layers whose category values get columns (default: the catalog
 *   layers declaring category columns — those of the bureau's monthly report).
 */
export function buildStatisticsTable(
  result: OverlayResult,
  totals: CountyTotals,
  options: {
    readonly categoryLayers?: ReadonlySet<string>;
    /** The canopy survey and rule (job.ts): its warnings and the coverage rule become notes. */
    readonly canopy?: CanopyReport | null;
    /** Whether the zones are the county's townships (job.ts); unknown: "合计（N个区域）". */
    readonly zonesKind?: ZonesKind | null;
  } = {},
): StatisticsTable {
  const categoryLayers: ReadonlySet<string> = options.categoryLayers ?? CATEGORY_COLUMN_LAYERS;
  const columns: StatisticsColumn[] = [
    { key: 'code', header: { zh: '乡镇代码', en: 'Code' }, kind: 'text', theme: 'township' },
    { key: 'name', header: { zh: '乡镇', en: 'Township' }, kind: 'text', theme: 'township' },
    { key: 'area', header: { zh: '土地面积', en: 'Land area' }, kind: 'area', theme: 'township' },
  ];
  if (result.forestLayerId !== null) {
    columns.push({ key: 'forest', header: { zh: '森林面积', en: 'Forest area' }, kind: 'area', theme: 'forest' });
    columns.push({ key: 'coverage', header: { zh: '森林覆盖率', en: 'Forest coverage' }, kind: 'ratio', theme: 'forest' });
  }
  const categoryKeys = new Map<string, string[]>();
  for (const layer of result.layers) {
    const title = layerTitle(layer.id);
    const theme = statisticsTheme(layer.id);
    columns.push({ key: `${layer.id}.area`, header: title, kind: 'area', theme });
    columns.push({ key: `${layer.id}.count`, header: { zh: `${title.zh}个数`, en: `${title.en} (count)` }, kind: 'count', theme });
    const keys = categoryLayers.has(layer.id) ? sortCategoryKeys(Object.keys(totals.layers[layer.id]?.categories ?? {})) : [];
    categoryKeys.set(layer.id, keys);
    for (const key of keys) {
      const category = categoryTitle(layer.id, key);
      columns.push({
        key: `${layer.id}.${key}`,
        header: { zh: `${title.zh}：${category.zh}`, en: `${title.en}: ${category.en}` },
        kind: 'area',
        theme,
      });
    }
  }

  const row = (id: string, name: string, source: RowSource, isTotal: boolean): StatisticsRow => {
    const cells: Record<string, StatisticsCell> = { code: id, name, area: source.areaSquareMetres };
    if (result.forestLayerId !== null) {
      cells.forest = source.forestAreaSquareMetres;
      cells.coverage = source.forestCoverage;
    }
    for (const layer of result.layers) {
      const statistics = source.layers[layer.id];
      cells[`${layer.id}.area`] = statistics?.areaSquareMetres ?? 0;
      cells[`${layer.id}.count`] = statistics?.featureCount ?? 0;
      for (const key of categoryKeys.get(layer.id) ?? []) {
        cells[`${layer.id}.${key}`] = statistics?.categories[key]?.areaSquareMetres ?? 0;
      }
    }
    return { id, isTotal, cells };
  };

  const rows = result.zones.map((zone) => row(String(zone.id), zone.name, zone, false));
  rows.push(row('', '', totals, true));
  const notes = [...zonesNotes(options.zonesKind ?? null), ...(result.forestLayerId !== null && options.canopy ? canopyNotes(options.canopy) : [])];
  return { columns, rows, totalLabel: totalLabel(options.zonesKind ?? null, result.zones.length), notes };
}

/**
 * A cell as a number in the display unit: areas converted from m², ratios as percentages
 * (64.5 for 64.5 %), counts unchanged; text and missing cells give null.
 */
export function cellInUnit(column: StatisticsColumn, value: StatisticsCell, unit: AreaUnit): number | null {
  if (typeof value !== 'number') return null;
  switch (column.kind) {
    case 'area':
      return convertSquareMetres(value, unit);
    case 'ratio':
      return value * 100;
    case 'count':
      return value;
    case 'text':
      return null;
  }
}
