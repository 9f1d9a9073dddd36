/**
 * A plot's slope on a DEM and the steepness checks on it. Apart from terrain.ts (which computes
 * it and pulls in the CRS transforms) so that the page can flag steep plots without loading those.
 */

/** Resolution of the slope histogram: a threshold is applied to 0.1°. */
export const SLOPE_BIN_DEGREES = 0.1;

export type PlotSlope =
  | {
      readonly kind: 'slope';
      /** Area-weighted mean slope of the covered cells, degrees. */
      readonly meanDegrees: number;
      readonly maxDegrees: number;
      /** Cells counted (centres inside the plot, with a height). */
      readonly cells: number;
      /** Share of the plot's cells the DEM covers with heights (1 = all). */
      readonly coveredShare: number;
      /** Planimetric area of the counted cells per 0.1° of slope (bin k: [k·0.1°, (k+1)·0.1°)). */
      readonly histogram: Float64Array;
      readonly areaSquareMetres: number;
    }
  /** The plot lies outside the DEM, or only over its missing cells. */
  | { readonly kind: 'not-covered' }
  /** No cell centre falls inside the plot: it is smaller (or narrower) than a DEM cell. */
  | { readonly kind: 'smaller-than-cell' };

/** Share (0–1) of the counted area whose slope is at or above `thresholdDegrees` (to 0.1°). */
export function shareSteeperThan(slope: Extract<PlotSlope, { kind: 'slope' }>, thresholdDegrees: number): number {
  if (slope.areaSquareMetres <= 0) return 0;
  const first = Math.max(0, Math.ceil(thresholdDegrees / SLOPE_BIN_DEGREES - 1e-9));
  let steep = 0;
  for (let bin = first; bin < slope.histogram.length; bin += 1) steep += slope.histogram[bin]!;
  return steep / slope.areaSquareMetres;
}

/** A plot is flagged as steep when more than half of its area is at or above the threshold. */
export function isSteepPlot(slope: PlotSlope | undefined, thresholdDegrees: number): boolean {
  return slope?.kind === 'slope' && shareSteeperThan(slope, thresholdDegrees) > 0.5;
}
