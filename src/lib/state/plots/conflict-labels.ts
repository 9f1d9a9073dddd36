/**
 * Readable names for the categories the conflict check splits overlaps by: land classes (codes
 * read as names), fire danger levels, reserve-forest status, afforestation types, rivers. Other
 * values are shown as stored.
 */
import { landClassName } from '../../geo/land-class';
import { AFFORESTATION_TYPE_COLOURS, FIRE_LEVEL_COLOURS, LAND_CLASS_COLOURS, RESERVE_STATUS, type CategoryColour } from '../../layers/symbology';
import type { LocalizedText } from '../../i18n/locale';

const fromColours = (colours: readonly CategoryColour[]) => new Map(colours.map((colour) => [String(colour.value), colour.label]));

const LABELS: Record<string, Map<string, LocalizedText>> = {
  subcompartments: fromColours(LAND_CLASS_COLOURS),
  fireZones: fromColours(FIRE_LEVEL_COLOURS),
  afforestation2023: fromColours(AFFORESTATION_TYPE_COLOURS),
  reserveForest: new Map([
    [RESERVE_STATUS.planned, { zh: '规划', en: 'Planned' }],
    [RESERVE_STATUS.taken2023, { zh: '2023年已收储', en: 'Taken in 2023' }],
  ]),
  corridors: new Map([
    ['乌江', { zh: '乌江', en: 'Wujiang' }],
    ['阿蓬江', { zh: '阿蓬江', en: 'Apeng River' }],
  ]),
};

/** The label of a category value of a checked layer, e.g. ('fireZones', '3', 'en') → 'Level 3 (high)'. */
export function conflictCategoryLabel(layerId: string, value: string, locale: 'zh' | 'en'): string {
  const key = layerId === 'subcompartments' ? landClassName(value) : value;
  const label = LABELS[layerId]?.get(key)?.[locale] ?? (key === '' ? '—' : key);
  // A coded land class keeps its code beside the name (0250 → 建设用地 (0250)).
  return key !== value && value.trim() !== '' ? `${label} (${value})` : label;
}
