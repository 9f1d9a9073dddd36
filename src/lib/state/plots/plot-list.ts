/**
 * The plot list's filter and sort: by name or notes text and by type; by last change, name
 * (numbers in names in numeric order), area, target year or type.
 */
import type { PlotMetrics } from '../../geo/plot-metrics';
import type { StoredPlot } from '../persistence/database';

/** A plot with its measured figures. */
export interface MeasuredPlot {
  readonly plot: StoredPlot;
  readonly metrics: PlotMetrics;
}

export type PlotSortKey = 'updated' | 'name' | 'area' | 'year' | 'type';
export const PLOT_SORT_KEYS: readonly PlotSortKey[] = ['updated', 'name', 'area', 'year', 'type'];

/** Plots whose name or notes contain the text (any case) and whose type is `type` ('' = any). */
export function filterPlots(plots: readonly MeasuredPlot[], text: string, type: string): MeasuredPlot[] {
  const wanted = text.trim().toLowerCase();
  return plots.filter(
    ({ plot }) => (type === '' || plot.plotType === type) && (wanted === '' || plot.name.toLowerCase().includes(wanted) || plot.notes.toLowerCase().includes(wanted)),
  );
}

/** Sorted copy; ties keep the order of creation. */
export function sortPlots(plots: MeasuredPlot[], key: PlotSortKey): MeasuredPlot[] {
  const compare: Record<PlotSortKey, (a: MeasuredPlot, b: MeasuredPlot) => number> = {
    updated: (a, b) => b.plot.updatedAt.localeCompare(a.plot.updatedAt),
    name: (a, b) => a.plot.name.localeCompare(b.plot.name, 'zh-CN', { numeric: true }),
    area: (a, b) => b.metrics.areaSquareMetres - a.metrics.areaSquareMetres,
    year: (a, b) => a.plot.targetYear - b.plot.targetYear,
    type: (a, b) => a.plot.plotType.localeCompare(b.plot.plotType, 'zh-CN'),
  };
  return [...plots].sort((a, b) => compare[key](a, b) || a.plot.createdAt.localeCompare(b.plot.createdAt));
}
