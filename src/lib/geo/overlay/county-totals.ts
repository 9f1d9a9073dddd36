/**
 * County (all-zone) totals from an overlay result: the sums the statistics panel compares with
 * the 2023 targets. Assumes zones do not overlap (townships); with overlapping user zones the
 * areas would count overlaps twice.
 */
import type { CategoryStatistics, OverlayResult } from './types';

export interface LayerTotals {
  /** Area of the layer inside all zones together. */
  readonly areaSquareMetres: number;
  /** Distinct features inside the zones (a feature straddling two zones counts once). */
  readonly featureCount: number;
  /** Area outside every zone. */
  readonly outsideAreaSquareMetres: number;
  readonly categories: Readonly<Record<string, CategoryStatistics>>;
}

export interface CountyTotals {
  readonly zoneCount: number;
  /** Sum of zone areas (ellipsoidal). */
  readonly areaSquareMetres: number;
  readonly forestAreaSquareMetres: number;
  /** Forest area ÷ total area; null without a forest layer. */
  readonly forestCoverage: number | null;
  readonly layers: Readonly<Record<string, LayerTotals>>;
}

/**
 * Sums the per-zone statistics.
 *
 * @example
 * countyTotals(result).forestCoverage // e.g. 0.645
 */
export function countyTotals(result: OverlayResult): CountyTotals {
  let area = 0;
  let forest = 0;
  for (const zone of result.zones) {
    area += zone.areaSquareMetres;
    forest += zone.forestAreaSquareMetres;
  }
  const layers: Record<string, LayerTotals> = {};
  for (const summary of result.layers) {
    let layerArea = 0;
    const categoryAreas = new Map<string, number>();
    for (const zone of result.zones) {
      const statistics = zone.layers[summary.id]!;
      layerArea += statistics.areaSquareMetres;
      for (const [key, value] of Object.entries(statistics.categories)) categoryAreas.set(key, (categoryAreas.get(key) ?? 0) + value.areaSquareMetres);
    }
    const categories: Record<string, CategoryStatistics> = {};
    for (const key of [...categoryAreas.keys()].sort()) {
      categories[key] = { areaSquareMetres: categoryAreas.get(key)!, featureCount: summary.categoryFeaturesInZones[key] ?? 0 };
    }
    layers[summary.id] = { areaSquareMetres: layerArea, featureCount: summary.featuresInZones, outsideAreaSquareMetres: summary.outsideAreaSquareMetres, categories };
  }
  return {
    zoneCount: result.zones.length,
    areaSquareMetres: area,
    forestAreaSquareMetres: forest,
    forestCoverage: result.forestLayerId !== null && area > 0 ? forest / area : null,
    layers,
  };
}
