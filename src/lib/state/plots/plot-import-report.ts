/**
 * The notice after a plot import, one per file: how many plots were imported, which features were
 * refused and why (number, name, reason), and how many could not be saved (kept for a retry).
 */
import type { PlotImportLayer } from './plot-import';
import { joined, localized, type LocalizedText } from '../../i18n';

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
  const details: LocalizedText[] = refused.slice(0, MAX_LISTED_REFUSALS).map((feature) =>
    feature.name
      ? localized('plot.importReport.refusedNamed', { number: feature.featureNumber, name: feature.name, reason: feature.reason })
      : localized('plot.importReport.refused', { number: feature.featureNumber, reason: feature.reason }),
  );
  const more = refused.length - MAX_LISTED_REFUSALS;
  if (more > 0) details.push(localized('plot.importReport.moreRefused', { count: more }));

  if (layer.plots.length === 0) {
    if (refused.length > 0 && refused.every((feature) => feature.notPolygon)) {
      return { kind: 'error', details: [], text: localized('plot.importReport.notPolygons', { file, count: refused.length, kinds }) };
    }
    return {
      kind: 'error',
      details,
      text: refused.length > 0 ? localized('plot.importReport.noneImported', { file, count: refused.length }) : localized('plot.importReport.empty', { file }),
    };
  }
  const parts = [localized('plot.importReport.imported', { file, count: stored })];
  if (refused.length > 0) parts.push(localized('plot.importReport.refusedCount', { count: refused.length }));
  if (unsaved > 0) parts.push(localized('plot.importReport.unsavedCount', { count: unsaved }));
  return {
    kind: unsaved > 0 ? 'error' : refused.length > 0 ? 'warning' : 'success',
    details,
    text: joined(parts),
  };
}
