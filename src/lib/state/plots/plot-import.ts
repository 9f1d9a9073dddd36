/**
 * Plots back into the app from files the shared importers read (GeoJSON, KML/KMZ, Shapefile,
 * CSV with WKT …): each polygon feature becomes a plot, its attributes taken from the names this
 * app exports (MING_CHENG, LEI_XING …) or the usual alternatives (name, 名称, 类型 …). Files
 * without polygons are explained, not silently skipped.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LocalizedText } from '../../layers/catalog';
import { readField } from '../../geo/forest-cover';
import { normalisePlotGeometry } from '../../geo/plot-geometry';
import type { ImportResult } from '../../io/types';
import type { PlotAttributes } from './plot-repository';
import { PLOT_FIELDS } from './plot-fields';
import { DEFAULT_PLOT_TYPE, parsePlotType } from './plot-types';

export interface ImportedPlot {
  readonly attributes: PlotAttributes;
  readonly geometry: Polygon | MultiPolygon;
}

export interface PlotImport {
  readonly plots: ImportedPlot[];
  /** Problems, one per file or layer, in zh and en. */
  readonly errors: LocalizedText[];
  /** Remarks (features that are not polygons, repaired geometry). */
  readonly warnings: LocalizedText[];
}

const NAME_FIELDS = [PLOT_FIELDS.name, 'name', '名称', '地块名称', 'Name', 'title'];
const TYPE_FIELDS = [PLOT_FIELDS.type, 'plotType', 'type', '类型', '地块类型', 'ZAO_LIN_LX'];
const YEAR_FIELDS = [PLOT_FIELDS.year, 'targetYear', 'year', '年度', '目标年度'];
const NOTE_FIELDS = [PLOT_FIELDS.notes, 'notes', '备注', 'description'];

/**
 * The first field holding text or a number. This app's own field (listed first) counts even when
 * empty, so an exported empty note does not fall back to a KML description.
 */
function firstText(feature: Feature, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = readField(feature.properties, field);
    if (value === undefined || value === null || typeof value === 'object') continue;
    const text = String(value).trim();
    if (text !== '' || field === fields[0]) return text;
  }
  return undefined;
}

function targetYear(feature: Feature, fallback: number): number {
  const year = Number.parseInt(firstText(feature, YEAR_FIELDS) ?? '', 10);
  return Number.isFinite(year) && year >= 1900 && year <= 2200 ? year : fallback;
}

/**
 * Turns an import result into plots to create.
 * @param defaultYear target year for plots whose file gives none.
 */
export function plotsFromImport(result: ImportResult, defaultYear: number): PlotImport {
  const plots: ImportedPlot[] = [];
  const errors: LocalizedText[] = result.errors.map((failure) => failure.message);
  const warnings: LocalizedText[] = result.warnings.map((warning) => warning.message);
  for (const layer of result.layers) {
    let polygons = 0;
    let others = 0;
    layer.collection.features.forEach((feature, index) => {
      const geometry = normalisePlotGeometry(feature.geometry);
      if (!geometry) {
        others++;
        return;
      }
      polygons++;
      plots.push({
        geometry,
        attributes: {
          name: firstText(feature, NAME_FIELDS) ?? `${layer.name} ${index + 1}`,
          plotType: parsePlotType(firstText(feature, TYPE_FIELDS) ?? DEFAULT_PLOT_TYPE),
          targetYear: targetYear(feature, defaultYear),
          notes: firstText(feature, NOTE_FIELDS) ?? '',
        },
      });
    });
    const kinds = layer.geometryTypes.join(', ') || '—';
    if (polygons === 0) {
      errors.push({
        zh: `${layer.name}：没有面（多边形）要素，无法作为地块导入；文件中只有 ${others} 个 ${kinds} 要素`,
        en: `${layer.name}: no polygon features, nothing to import as plots; the file only has ${others} ${kinds} feature(s)`,
      });
    } else if (others > 0) {
      warnings.push({
        zh: `${layer.name}：跳过 ${others} 个非面要素（点、线），导入 ${polygons} 个地块`,
        en: `${layer.name}: skipped ${others} feature(s) that are not polygons (points, lines); ${polygons} plot(s) imported`,
      });
    }
    if (layer.repairedCount > 0) {
      warnings.push({
        zh: `${layer.name}：${layer.repairedCount} 个几何无效的地块已自动修复（如自相交），请核对`,
        en: `${layer.name}: ${layer.repairedCount} plot(s) with invalid geometry (e.g. self-intersecting) were repaired; please check them`,
      });
    }
  }
  return { plots, errors, warnings };
}
