/**
 * The per-layer tables the app reads, all derived from the catalog entries: which layers the
 * statistics measure and by which field, the column themes, category labels, which layers the
 * plot conflict check reads and flags, which layers an import may replace, and the legends.
 * deriveCatalogTables() takes any list of entries so a test can prove that a new entry reaches
 * every table.
 */
import type { ConflictFlagRule } from '../geo/plot-conflicts';
import type { ConflictLayerSpec } from '../geo/plot-conflict-inputs';
import type { LocalizedText } from '../i18n/locale';
import { LAYERS, type LayerId } from './catalog';
import type { LayerDefinition, StatisticsTheme } from './layer-definition';
import type { LegendEntry } from './symbology';

/** A layer the plot conflict check reads, with its catalog id. */
export interface CatalogConflictLayer<Id extends string = LayerId> extends ConflictLayerSpec {
  readonly id: Id;
}

export interface CatalogTables<Id extends string> {
  /** Polygon layers measured per township, in catalog order. */
  readonly statisticsLayers: readonly Id[];
  /** The field each measured layer's areas are split by. */
  readonly statisticsCategoryFields: ReadonlyMap<Id, string>;
  readonly statisticsThemes: ReadonlyMap<Id, StatisticsTheme>;
  /** Layers whose categories become columns of their own in the township table. */
  readonly categoryColumnLayers: ReadonlySet<Id>;
  /** Layers the plot conflict check reads, in the order of its results (townships last). */
  readonly conflictLayers: readonly CatalogConflictLayer<Id>[];
  /** When an overlap with a checked layer is flagged. */
  readonly conflictRules: readonly ConflictFlagRule[];
  /** Catalog layers an imported layer can stand in for. */
  readonly roleTargets: readonly Id[];
  readonly legends: ReadonlyMap<Id, readonly LegendEntry[]>;
  /** Readable names of category values by layer (values as strings). */
  readonly categoryLabels: ReadonlyMap<Id, ReadonlyMap<string, LocalizedText>>;
}

export function deriveCatalogTables<Id extends string>(layers: readonly LayerDefinition<Id>[]): CatalogTables<Id> {
  const measured = layers.filter((layer) => layer.statistics !== undefined);
  const checked = layers.filter((layer) => layer.conflictCheck !== undefined).sort((a, b) => a.conflictCheck!.order - b.conflictCheck!.order);
  return {
    statisticsLayers: measured.map((layer) => layer.id),
    statisticsCategoryFields: new Map(
      measured.flatMap((layer) => (layer.statistics!.byCategory && layer.category ? [[layer.id, layer.category.field] as const] : [])),
    ),
    statisticsThemes: new Map(measured.map((layer) => [layer.id, layer.statistics!.theme])),
    categoryColumnLayers: new Set(measured.filter((layer) => layer.statistics!.categoryColumns).map((layer) => layer.id)),
    conflictLayers: checked.map((layer) => ({ id: layer.id, name: layer.name, ...(layer.category ? { categoryField: layer.category.field } : {}) })),
    conflictRules: checked.flatMap((layer) => (layer.conflictCheck!.flag ? [{ layerId: layer.id, ...layer.conflictCheck!.flag } as ConflictFlagRule] : [])),
    roleTargets: layers.filter((layer) => layer.replaceableByImport).map((layer) => layer.id),
    legends: new Map(layers.map((layer) => [layer.id, layer.legend])),
    categoryLabels: new Map(
      layers.map((layer) => [layer.id, new Map((layer.category?.values ?? []).map((entry) => [String(entry.value), entry.label]))]),
    ),
  };
}

const TABLES = deriveCatalogTables(LAYERS);

export const STATISTICS_LAYERS = TABLES.statisticsLayers;
export const CATEGORY_COLUMN_LAYERS = TABLES.categoryColumnLayers;
export const PLOT_CONFLICT_LAYERS = TABLES.conflictLayers;
export const PLOT_CONFLICT_RULES = TABLES.conflictRules;
export const ROLE_TARGETS = TABLES.roleTargets;

/** The field the statistics split a layer's areas by (catalog ids only), or undefined. */
export function statisticsCategoryField(layerId: string): string | undefined {
  return TABLES.statisticsCategoryFields.get(layerId as LayerId);
}

/** The theme of a layer's statistics columns; 'other' for layers the catalog does not measure. */
export function statisticsTheme(layerId: string): StatisticsTheme | 'other' {
  return TABLES.statisticsThemes.get(layerId as LayerId) ?? 'other';
}

/** The conflict-check declaration of a layer (its name and checked field). */
export function conflictLayer(layerId: LayerId): CatalogConflictLayer {
  const layer = PLOT_CONFLICT_LAYERS.find((entry) => entry.id === layerId);
  if (!layer) throw new Error(`The plot conflict check does not read layer ${layerId}`);
  return layer;
}

/** The readable name of a category value, e.g. ('fireZones', '3') → 三级（较高） / Level 3 (high); undefined when unknown. */
export function categoryLabel(layerId: string, value: string): LocalizedText | undefined {
  return TABLES.categoryLabels.get(layerId as LayerId)?.get(value);
}
