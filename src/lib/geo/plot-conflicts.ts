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

/** Overlaps smaller than this (m²) are rounding slivers of plots that merely touch. */
export const MIN_OVERLAP_SQUARE_METRES = 1;

/** Layer id under which township boundaries are indexed, and their name field. */
export const TOWNSHIP_LAYER_ID = 'townships';
export const TOWNSHIP_NAME_FIELD = 'NAME';

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
  /** Overlaps that matter: any flagged layer, or another plot. */
  readonly flags: { readonly layers: readonly string[]; readonly otherPlots: boolean };
}

export interface PlotConflictOptions extends OverlayOptions {
  /** Plots to report on (default: all). Every plot still counts as "another plot" for them. */
  readonly targets?: readonly string[];
  /** Layers whose overlap is flagged (default: ['nanmuProtection']). */
  readonly flaggedLayers?: readonly string[];
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
  const flagged = new Set(options.flaggedLayers ?? ['nanmuProtection']);
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
    const flaggedLayers = overlaps
      .filter((overlap) => flagged.has(overlap.layerId) && overlap.areaSquareMetres >= MIN_OVERLAP_SQUARE_METRES)
      .map((overlap) => overlap.layerId);
    return {
      plotId: plot.id,
      areaSquareMetres: area,
      layers: overlaps,
      townships,
      outsideTownshipsSquareMetres: index.has(TOWNSHIP_LAYER_ID) ? Math.max(0, area - inTownships) : 0,
      otherPlots,
      flags: { layers: flaggedLayers, otherPlots: otherPlots.length > 0 },
    };
  });
}
