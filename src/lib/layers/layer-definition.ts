/**
 * What one catalog entry declares about its layer. Everything the app knows per layer — file,
 * fields, categories, statistics, conflict checks, import roles, map style and legend — is one
 * entry of this shape in catalog.ts; the tables the rest of the app reads are derived from the
 * entries (derived.ts), so a layer cannot be half-registered.
 */
import type { LocalizedText } from '../i18n/locale';
import type { ConflictFlagRule } from '../geo/plot-conflicts';
import type { CategoryColour, LegendEntry } from './symbology';

export type LayerGroup = 'base' | 'forest' | 'plan' | 'ecology' | 'fire';
export type GeometryKind = 'polygon' | 'line' | 'point';

export interface FieldDefinition {
  /** Attribute name as stored in the file (bureau convention, upper case). */
  readonly name: string;
  readonly label: LocalizedText;
  /** Unit shown after numeric values, if any. */
  readonly unit?: LocalizedText;
}

/** A known value of a category field with its readable name (and colour where the map draws it). */
export interface CategoryValue {
  /** Attribute value as stored in the data. */
  readonly value: string | number;
  readonly label: LocalizedText;
  readonly color?: string;
}

/** The field that classifies a layer's features (land class, fire level, status …). */
export interface CategorySpec {
  readonly field: string;
  /** Values with their labels, in legend order; other values are shown as stored. */
  readonly values?: readonly CategoryValue[];
  /** Map colour of values not listed (default OTHER_CATEGORY_COLOUR). */
  readonly otherColor?: string;
}

/** Themes group the statistics columns (one XLSX sheet each). */
export type StatisticsTheme = 'forest' | 'reserve' | 'plan' | 'ecology' | 'fire';

/** How a polygon layer is measured per township. */
export interface StatisticsSpec {
  readonly theme: StatisticsTheme;
  /** Areas are also split by the category field. */
  readonly byCategory: boolean;
  /** Each category gets a column of its own in the township table (the bureau's monthly report). */
  readonly categoryColumns: boolean;
}

/** What makes an overlap of a plot with the layer a conflict (the rule without its layer id). */
export type ConflictFlag = ConflictFlagRule extends infer Rule ? (Rule extends ConflictFlagRule ? Omit<Rule, 'layerId'> : never) : never;

/** How a planting plot is checked against the layer (overlaps are split by the category field). */
export interface ConflictCheckSpec {
  /** Position in the check's list (flagged layers first; townships last, they split the plot). */
  readonly order: number;
  /** When an overlap is flagged; without it the overlap is shown as information. */
  readonly flag?: ConflictFlag;
}

/** A colour, or the layer's category colours (CategorySpec.values) matched on its field. */
export type StylePaint = string | 'byCategory';

/**
 * How the map draws a layer: a recipe of src/lib/map/layer-styles.ts with its colours. The
 * generic recipes ('zones', 'dashedZones', 'points', 'lines') suit new layers; the others draw the
 * base map and the inventory.
 */
export type LayerStyle =
  | { readonly kind: 'zones'; readonly fill: StylePaint; readonly outline: StylePaint; readonly fillOpacity: number; readonly labelField?: string }
  | {
      readonly kind: 'dashedZones';
      readonly fill: string;
      readonly outline: string;
      readonly fillOpacity: number;
      readonly outlineWidth: number;
      readonly dash: readonly [number, number];
    }
  | { readonly kind: 'points'; readonly color: StylePaint; readonly rangeField?: string }
  | { readonly kind: 'lines'; readonly color: string; readonly labelColor: string; readonly labelField?: string }
  | { readonly kind: 'stands'; readonly fill: StylePaint; readonly fillOpacity: number }
  /** Features whose category is solidValue filled, the others hatched (the hatch image is the map's). */
  | { readonly kind: 'statusHatch'; readonly solidValue: string; readonly color: string; readonly fillOpacity: number }
  | { readonly kind: 'neighbours' }
  | { readonly kind: 'countyOutline' }
  | { readonly kind: 'townshipOutline' };

export interface LayerDefinition<Id extends string = string> {
  readonly id: Id;
  readonly group: LayerGroup;
  readonly geometry: GeometryKind;
  /** File name under public/data/ (FlatGeobuf). */
  readonly file: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly fields: readonly FieldDefinition[];
  /** Visible when the app opens without a URL state. */
  readonly visibleByDefault: boolean;
  /** Shown in the layer panel with a toggle (base layers like the county outline are always on). */
  readonly toggleable: boolean;
  /** The field that classifies the features, with readable labels for its values. */
  readonly category?: CategorySpec;
  /** Measured per township by the statistics panel and the CLI (polygon layers). */
  readonly statistics?: StatisticsSpec;
  /** Checked against planting plots. */
  readonly conflictCheck?: ConflictCheckSpec;
  /** An imported layer of the same geometry may take this layer's role (Data tab). */
  readonly replaceableByImport: boolean;
  readonly style: LayerStyle;
  /** Legend entries in the layer panel, in order. */
  readonly legend: readonly LegendEntry[];
}

/** The legend of category colours, one swatch per value. */
export function categoryLegend(values: readonly CategoryColour[], kind: LegendEntry['kind']): LegendEntry[] {
  return values.map((entry) => ({ label: entry.label, color: entry.color, kind }));
}

/**
 * Declares the catalog: the ids become the LayerId type, so adding an entry is the only edit a
 * new layer needs.
 */
export function defineLayers<const Id extends string>(layers: readonly LayerDefinition<Id>[]): readonly LayerDefinition<Id>[] {
  return layers;
}
