/**
 * Overlay statistics: per-zone (township) areas, counts, categories and forest coverage.
 * See overlay/engine.ts for the algorithm and its accuracy.
 */
export { computeOverlayStatistics } from './overlay/engine';
export { countyTotals, type CountyTotals, type LayerTotals } from './overlay/county-totals';
export { ON_BOUNDARY_TOLERANCE, SLIVER_FRACTION } from './overlay/layer-pass';
export {
  OverlayInputError,
  type CategoryStatistics,
  type InvalidGeometryPolicy,
  type LayerSummary,
  type LayerZoneStatistics,
  type OverlayLayer,
  type OverlayNote,
  type OverlayOptions,
  type OverlayProgress,
  type OverlayRequest,
  type OverlayResult,
  type ZoneStatistics,
} from './overlay/types';
