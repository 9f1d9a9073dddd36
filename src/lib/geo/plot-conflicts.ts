/**
 * Conflict check of planting plots: for each plot, the area it shares with every thematic layer
 * (by category: reserve-forest status, fire level …), with each other plot, and the split of its
 * area by township. The plots are the zones of the overlay engine (overlay/engine.ts), so the
 * figures are exact clips measured on the geodesic-corrected equal-area plane, like the
 * township statistics.
 *
 * @example
 * const index = new ConflictIndex([{ id: 'nanmuProtection', features }, { id: 'townships', features: townships, categoryField: 'NAME' }]);
 * const [result] = await computePlotConflicts(index, [{ id: 'p1', name: '1号地块', geometry }]);
 * result.flags.nanmuProtection // true when the plot reaches into a nanmu protection zone
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { geometryAreaSquareMetres } from './area';
import { boundingBoxOf, type BoundingBox } from './bounds';
import { computeOverlayStatistics } from './overlay/engine';
import type { LayerZoneStatistics, OverlayLayer, OverlayOptions } from './overlay/types';
import type { ConflictIndex } from './plot-conflict-index';
import { landClassName } from './land-class';

/** Overlaps smaller than this (m²) are rounding slivers of plots that merely touch. */
export const MIN_OVERLAP_SQUARE_METRES = 1;

/** Layer id under which township boundaries are indexed (the catalog splits them by name). */
export const TOWNSHIP_LAYER_ID = 'townships';

/** Property carrying a plot's id through the overlay. */
const PLOT_ID_FIELD = 'PLOT_ID';
const OTHER_PLOTS_LAYER = '__plots';

export interface PlotInput {
  readonly id: string;
  readonly geometry: Polygon | MultiPolygon;
}

export interface CategoryOverlap {
  /** The category value as text ('' when the feature has none). */
  readonly value: string;
  readonly areaSquareMetres: number;
  readonly featureCount: number;
}

export interface LayerOverlap {
  readonly layerId: string;
  readonly areaSquareMetres: number;
  readonly featureCount: number;
  /** By the layer's category field, largest first (empty without one). */
  readonly categories: readonly CategoryOverlap[];
}

export interface TownshipShare {
  readonly name: string;
  readonly areaSquareMetres: number;
}

export interface PlotOverlap {
  readonly plotId: string;
  readonly areaSquareMetres: number;
}

/**
 * When an overlap with a layer is a problem: any overlap (a nanmu protection zone, 2023
 * afforestation), overlap with some land classes of the sub-compartments (耕地 may not be
 * afforested), or overlap with danger levels from a threshold up (fire zones of level ≥ 4).
 */
export type ConflictFlagRule =
  | { readonly layerId: string; readonly kind: 'overlap' }
  | { readonly layerId: string; readonly kind: 'landClass'; readonly classes: readonly string[] }
  | { readonly layerId: string; readonly kind: 'minimumLevel'; readonly level: number };

/** One flagged overlap. */
export interface ConflictFinding {
  readonly layerId: string;
  readonly kind: ConflictFlagRule['kind'];
  /** The land class (app name, codes read as names), the danger level as digits, or '' for a plain overlap. */
  readonly value: string;
  readonly areaSquareMetres: number;
}

export interface PlotConflicts {
  readonly plotId: string;
  /** The plot's own ellipsoidal area. */
  readonly areaSquareMetres: number;
  /** One entry per checked layer (townships excluded), in the index's order. */
  readonly layers: readonly LayerOverlap[];
  /** Townships the plot lies in, largest share first. */
  readonly townships: readonly TownshipShare[];
  /** Part of the plot in no township (outside the county). */
  readonly outsideTownshipsSquareMetres: number;
  /** Other plots sharing area with this one, largest overlap first. */
  readonly otherPlots: readonly PlotOverlap[];
  /** Flagged overlaps, in the order of the rules. */
  readonly findings: readonly ConflictFinding[];
  /** Overlaps that matter: layers with a finding, or another plot. */
  readonly flags: { readonly layers: readonly string[]; readonly otherPlots: boolean };
}

export interface PlotConflictOptions extends OverlayOptions {
  /** Plots to report on (default: all). Every plot still counts as "another plot" for them. */
  readonly targets?: readonly string[];
  /** Layers whose every overlap is flagged (default: ['nanmuProtection']); ignored with flagRules. */
  readonly flaggedLayers?: readonly string[];
  /** What is flagged; default: any overlap with the flaggedLayers. */
  readonly flagRules?: readonly ConflictFlagRule[];
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** A danger level from '4', '4级' or '四级'; null when the value names none. */
export function dangerLevel(value: string): number | null {
  const text = value.trim();
  const digits = /^(\d+)/.exec(text);
  if (digits) return Number(digits[1]);
  const chinese = CHINESE_DIGITS[text.charAt(0)];
  return chinese ?? null;
}

/** Sums category overlaps under a key (land class name, level); entries without a key are dropped. */
function sumBy(categories: readonly CategoryOverlap[], keyOf: (value: string) => string | null): Map<string, number> {
  const sums = new Map<string, number>();
  for (const category of categories) {
    const key = keyOf(category.value);
    if (key !== null) sums.set(key, (sums.get(key) ?? 0) + category.areaSquareMetres);
  }
  return sums;
}

function findingsOf(rule: ConflictFlagRule, overlap: LayerOverlap | undefined): ConflictFinding[] {
  if (!overlap || overlap.areaSquareMetres < MIN_OVERLAP_SQUARE_METRES) return [];
  const finding = (value: string, areaSquareMetres: number): ConflictFinding => ({ layerId: rule.layerId, kind: rule.kind, value, areaSquareMetres });
  switch (rule.kind) {
    case 'overlap':
      return [finding('', overlap.areaSquareMetres)];
    case 'landClass': {
      const byClass = sumBy(overlap.categories, landClassName);
      return rule.classes
        .filter((name) => (byClass.get(name) ?? 0) >= MIN_OVERLAP_SQUARE_METRES)
        .map((name) => finding(name, byClass.get(name)!));
    }
    case 'minimumLevel': {
      const byLevel = sumBy(overlap.categories, (value) => {
        const level = dangerLevel(value);
        return level !== null && level >= rule.level ? String(level) : null;
      });
      return [...byLevel]
        .filter(([, area]) => area >= MIN_OVERLAP_SQUARE_METRES)
        .sort((a, b) => Number(b[0]) - Number(a[0]))
        .map(([level, area]) => finding(level, area));
    }
  }
}

function plotFeature(plot: PlotInput, index: number): Feature {
  return { type: 'Feature', id: index, properties: { [PLOT_ID_FIELD]: plot.id }, geometry: plot.geometry };
}

function categoriesOf(statistics: LayerZoneStatistics | undefined): CategoryOverlap[] {
  if (!statistics) return [];
  return Object.entries(statistics.categories)
    .filter(([, category]) => category.areaSquareMetres > 0)
    .map(([value, category]) => ({ value, areaSquareMetres: category.areaSquareMetres, featureCount: category.featureCount }))
    .sort((a, b) => b.areaSquareMetres - a.areaSquareMetres);
}

/**
 * Checks plots against the indexed layers and against each other.
 * @throws the overlay engine's OverlayInputError for unusable plot geometry (not lon/lat);
 *   the signal's reason when cancelled.
 */
export async function computePlotConflicts(
  index: ConflictIndex,
  plots: readonly PlotInput[],
  options: PlotConflictOptions = {},
): Promise<PlotConflicts[]> {
  const wanted = options.targets ? new Set(options.targets) : null;
  const targets = plots.filter((plot) => wanted === null || wanted.has(plot.id));
  if (targets.length === 0) return [];
  const rules: readonly ConflictFlagRule[] =
    options.flagRules ?? (options.flaggedLayers ?? ['nanmuProtection']).map((layerId) => ({ layerId, kind: 'overlap' as const }));
  const boxes = targets.map((plot) => boundingBoxOf([plot.geometry])).filter((box): box is BoundingBox => box !== null);

  const layers: OverlayLayer[] = index.layerIds.map((id) => {
    const categoryField = index.categoryField(id);
    return { id, features: index.candidates(id, boxes), ...(categoryField ? { categoryField } : {}) };
  });
  const others: FeatureCollection = { type: 'FeatureCollection', features: plots.map(plotFeature) };
  layers.push({ id: OTHER_PLOTS_LAYER, features: others, categoryField: PLOT_ID_FIELD });

  const zones: FeatureCollection = { type: 'FeatureCollection', features: targets.map(plotFeature) };
  const result = await computeOverlayStatistics({ zones, zoneIdField: PLOT_ID_FIELD, layers, invalidGeometry: 'repair' }, options);

  return result.zones.map((zone, position) => {
    const plot = targets[position]!;
    const overlaps: LayerOverlap[] = index.layerIds
      .filter((id) => id !== TOWNSHIP_LAYER_ID)
      .map((id) => {
        const statistics = zone.layers[id];
        return {
          layerId: id,
          areaSquareMetres: statistics?.areaSquareMetres ?? 0,
          featureCount: statistics?.featureCount ?? 0,
          categories: categoriesOf(statistics),
        };
      });
    const area = geometryAreaSquareMetres(plot.geometry);
    const townships = categoriesOf(zone.layers[TOWNSHIP_LAYER_ID])
      .filter((category) => category.areaSquareMetres >= MIN_OVERLAP_SQUARE_METRES)
      .map((category) => ({ name: category.value, areaSquareMetres: category.areaSquareMetres }));
    const inTownships = zone.layers[TOWNSHIP_LAYER_ID]?.areaSquareMetres ?? 0;
    const otherPlots = categoriesOf(zone.layers[OTHER_PLOTS_LAYER])
      .filter((category) => category.value !== plot.id && category.areaSquareMetres >= MIN_OVERLAP_SQUARE_METRES)
      .map((category) => ({ plotId: category.value, areaSquareMetres: category.areaSquareMetres }));
    const findings = rules.flatMap((rule) => findingsOf(rule, overlaps.find((overlap) => overlap.layerId === rule.layerId)));
    const flaggedLayers = overlaps.map((overlap) => overlap.layerId).filter((id) => findings.some((finding) => finding.layerId === id));
    return {
      plotId: plot.id,
      areaSquareMetres: area,
      layers: overlaps,
      townships,
      outsideTownshipsSquareMetres: index.has(TOWNSHIP_LAYER_ID) ? Math.max(0, area - inTownships) : 0,
      otherPlots,
      findings,
      flags: { layers: flaggedLayers, otherPlots: otherPlots.length > 0 },
    };
  });
}
