/**
 * Readable names for the categories the conflict check splits overlaps by (land classes with codes
 * read as names, fire danger levels, reserve-forest status …), from the catalog's category labels.
 * Other values are shown as stored.
 */
import { LAND_CLASS_FIELD } from '../../geo/forest-cover';
import { landClassName } from '../../geo/land-class';
import { PLOT_CONFLICT_LAYERS, categoryLabel } from '../../layers/derived';

/** Layers whose category field is the land class: bureaus may deliver codes (0250) for names. */
const LAND_CLASS_LAYERS = new Set<string>(PLOT_CONFLICT_LAYERS.filter((layer) => layer.categoryField === LAND_CLASS_FIELD).map((layer) => layer.id));

/** The label of a category value of a checked layer, e.g. ('fireZones', '3', 'en') → 'Level 3 (high)'. */
export function conflictCategoryLabel(layerId: string, value: string, locale: 'zh' | 'en'): string {
  const key = LAND_CLASS_LAYERS.has(layerId) ? landClassName(value) : value;
  const label = categoryLabel(layerId, key)?.[locale] ?? (key === '' ? '—' : key);
  // A coded land class keeps its code beside the name (0250 → 建设用地 (0250)).
  return key !== value && value.trim() !== '' ? `${label} (${value})` : label;
}
