/**
 * The notice after a plot import, one per file: how many plots were imported, which features were
 * refused and why (number, name, reason), and how many could not be saved (kept for a retry).
 */
import type { PlotImportLayer } from './plot-import';
import type { LocalizedText } from '../../i18n/locale';

/** Refused features listed one by one; more are counted. */
export const MAX_LISTED_REFUSALS = 20;

export interface ImportReport {
  readonly kind: 'success' | 'warning' | 'error';
  readonly text: LocalizedText;
  /** One line per refused feature. */
  readonly details: LocalizedText[];
}

/**
 * @param stored plots of the file written to the database.
 * @param unsaved plots of the file whose write failed (they wait on the map for a retry).
 */
export function importReport(layer: PlotImportLayer, stored: number, unsaved: number): ImportReport {
  const { file, refused } = layer;
  const kinds = layer.geometryTypes.join(', ') || '—';
  const details: LocalizedText[] = refused.slice(0, MAX_LISTED_REFUSALS).map((feature) => ({
    zh: `第${feature.featureNumber}个要素${feature.name ? `“${feature.name}”` : ''}：${feature.reason.zh}`,
    en: `feature ${feature.featureNumber}${feature.name ? ` "${feature.name}"` : ''}: ${feature.reason.en}`,
  }));
  const more = refused.length - MAX_LISTED_REFUSALS;
  if (more > 0) details.push({ zh: `……另有 ${more} 个要素被拒绝`, en: `… and ${more} more refused feature(s)` });
  const unsavedText =
    unsaved > 0
      ? { zh: `；${unsaved} 个地块未能保存，已保留在地图上，可重试`, en: `; ${unsaved} plot(s) could not be saved and are kept on the map for a retry` }
      : { zh: '', en: '' };

  if (layer.plots.length === 0) {
    if (refused.length > 0 && refused.every((feature) => feature.notPolygon)) {
      return {
        kind: 'error',
        details: [],
        text: {
          zh: `${file}：没有面（多边形）要素，无法作为地块导入；文件中只有 ${refused.length} 个 ${kinds} 要素`,
          en: `${file}: no polygon features, nothing to import as plots; the file only has ${refused.length} ${kinds} feature(s)`,
        },
      };
    }
    return {
      kind: 'error',
      details,
      text: refused.length > 0
        ? { zh: `${file}：没有导入任何地块，拒绝 ${refused.length} 个要素`, en: `${file}: no plot imported, ${refused.length} feature(s) refused` }
        : { zh: `${file}：文件中没有要素`, en: `${file}: the file has no features` },
    };
  }
  const refusedText = refused.length > 0 ? { zh: `，拒绝 ${refused.length} 个要素`, en: `, ${refused.length} feature(s) refused` } : { zh: '', en: '' };
  return {
    kind: unsaved > 0 ? 'error' : refused.length > 0 ? 'warning' : 'success',
    details,
    text: {
      zh: `${file}：导入 ${stored} 个地块${refusedText.zh}${unsavedText.zh}`,
      en: `${file}: ${stored} plot(s) imported${refusedText.en}${unsavedText.en}`,
    },
  };
}
