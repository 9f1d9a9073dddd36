/**
 * Measures one layer against the zone index: the fast paths and the exact clipping path.
 *
 * - bbox touches no zone boundary edge → the feature lies wholly in the zones containing its
 *   first vertex (cached point-in-zone); area by the corrected equal-area plane;
 * - bbox touches a boundary but the feature does not cross it (classify.ts) → same, no clipping;
 * - otherwise → area of the feature ∩ each candidate zone by a boundary integral (clip.ts).
 * Areas agree with GeographicLib to ~1e-10 relative (geodesic-plane-area.ts).
 */
import { isForestCover, readField, type CanopyUnknownRule } from '../forest-cover';
import type { GeodesicPlaneArea } from '../geodesic-plane-area';
import { LayerAccumulator } from './accumulator';
import { classifyNearBoundary } from './classify';
import { clippedArea } from './clip';
import { flatGeometryArea } from './flat-rings';
import type { PreparedFeature } from './prepare-features';
import type { ZoneIndex } from './zone-index';

/** Degrees (~0.1 mm) within which a vertex counts as lying on a zone boundary. */
export const ON_BOUNDARY_TOLERANCE = 1e-9;
/**
 * A clipped piece smaller than this fraction of its feature is rounding noise along a shared
 * border: its area is added, but the feature is not counted in that zone.
 */
export const SLIVER_FRACTION = 1e-6;

export interface LayerPassOptions {
  readonly categoryField?: string;
  readonly forest: boolean;
  readonly canopyUnknown?: CanopyUnknownRule;
}

export interface LayerPassTotals {
  area: number;
  outside: number;
  featuresInZones: number;
  interior: number;
  touching: number;
  clipped: number;
}

/** Measures features[from, to) into the accumulator; returns nothing, updates totals. */
export function measureFeatures(
  features: readonly PreparedFeature[],
  from: number,
  to: number,
  index: ZoneIndex,
  measure: GeodesicPlaneArea,
  options: LayerPassOptions,
  accumulator: LayerAccumulator,
  totals: LayerPassTotals,
): void {
  for (let position = from; position < to; position++) {
    const feature = features[position]!;
    const geometry = feature.geometry;
    const area = flatGeometryArea(geometry, measure);
    totals.area += area;
    const category = options.categoryField ? String(readField(feature.properties, options.categoryField) ?? '') : null;
    const forest = options.forest && isForestCover(feature.properties, options.canopyUnknown);
    let zones: readonly number[] | null = null;
    if (!index.touchesBoundary(geometry.minX, geometry.minY, geometry.maxX, geometry.maxY)) {
      const first = geometry.polygons[0]!.rings[0]!;
      zones = index.zonesAtCached(first[0]!, first[1]!);
      totals.interior++;
    } else {
      const placement = classifyNearBoundary(geometry, index, ON_BOUNDARY_TOLERANCE);
      if (placement.kind === 'within') {
        zones = placement.zones;
        totals.touching++;
      }
    }
    if (zones !== null) {
      for (const zone of zones) accumulator.add(zone, area, true, category, forest);
      if (zones.length === 0) totals.outside += area;
      else {
        totals.featuresInZones++;
        accumulator.countDistinct(category);
      }
      continue;
    }
    totals.clipped++;
    let inside = 0;
    let counted = false;
    for (const zone of index.zonesInBox(geometry.minX, geometry.minY, geometry.maxX, geometry.maxY)) {
      const piece = clippedArea(geometry, index.geometries[zone]!, measure, area);
      if (piece <= 0) continue;
      const significant = piece >= SLIVER_FRACTION * area;
      accumulator.add(zone, piece, significant, category, forest);
      counted ||= significant;
      inside += piece;
    }
    if (counted) {
      totals.featuresInZones++;
      accumulator.countDistinct(category);
    }
    totals.outside += Math.max(0, area - inside);
  }
}
