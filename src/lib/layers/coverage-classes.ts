/**
 * Class breaks and colours of the forest-coverage choropleth. Fixed breaks around the county
 * target (64.5 %) read better month to month than quantiles, which move with the data.
 */
export interface CoverageClass {
  /** Lower bound (inclusive) as a 0..1 ratio; the first class starts at 0. */
  readonly from: number;
  /** Upper bound (exclusive); the last class ends at 1. */
  readonly to: number;
  readonly color: string;
}

export const COVERAGE_BREAKS = [0.5, 0.6, 0.645, 0.7, 0.75] as const;
const COLOURS = ['#f7fcb9', '#d9f0a3', '#addd8e', '#78c679', '#31a354', '#006837'] as const;

export const COVERAGE_CLASSES: readonly CoverageClass[] = COLOURS.map((color, index) => ({
  from: index === 0 ? 0 : COVERAGE_BREAKS[index - 1]!,
  to: index === COVERAGE_BREAKS.length ? 1 : COVERAGE_BREAKS[index]!,
  color,
}));

/** The class a coverage ratio falls in. */
export function coverageClass(ratio: number): CoverageClass {
  return COVERAGE_CLASSES.find((entry) => ratio < entry.to) ?? COVERAGE_CLASSES[COVERAGE_CLASSES.length - 1]!;
}
