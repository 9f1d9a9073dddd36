/**
 * Kinds of planting plot a planner lays out, with the colours the map and the list use. The
 * stored value is the Chinese name (what the bureau's tables say); unknown values from imported
 * files are kept as they are and drawn in the "other" colour.
 */
import { AFFORESTATION_TYPE_COLOURS, COLOURS, OTHER_CATEGORY_COLOUR } from '../../layers/symbology';
import type { LocalizedText } from '../../i18n/locale';

export interface PlotType {
  readonly value: string;
  readonly label: LocalizedText;
  readonly color: string;
}

const afforestation = (value: string): PlotType => {
  const entry = AFFORESTATION_TYPE_COLOURS.find((colour) => colour.value === value)!;
  return { value, label: entry.label, color: entry.color };
};

export const PLOT_TYPES: readonly PlotType[] = [
  afforestation('人工造林'),
  afforestation('封山育林'),
  afforestation('森林抚育'),
  afforestation('退化林修复'),
  { value: '马尾松林改培', label: { zh: '马尾松林改培', en: 'Masson-pine retrofit' }, color: COLOURS.pineRetrofit },
  { value: '储备林', label: { zh: '储备林', en: 'Reserve forest' }, color: COLOURS.reserveTaken },
  afforestation('低效林改造'),
  { value: '其他', label: { zh: '其他', en: 'Other' }, color: OTHER_CATEGORY_COLOUR },
];

export const DEFAULT_PLOT_TYPE = '人工造林';

/** The type's label in the locale; an unknown (imported) value is shown as it is. */
export function plotTypeLabel(value: string, locale: 'zh' | 'en'): string {
  return PLOT_TYPES.find((type) => type.value === value)?.label[locale] ?? value;
}

export function plotTypeColour(value: string): string {
  return PLOT_TYPES.find((type) => type.value === value)?.color ?? OTHER_CATEGORY_COLOUR;
}

/** Matches a type written either way ("封山育林", "Closing hills for regeneration"); the text itself otherwise. */
export function parsePlotType(text: string): string {
  const wanted = text.trim();
  const found = PLOT_TYPES.find((type) => type.value === wanted || type.label.en.toLowerCase() === wanted.toLowerCase());
  return found?.value ?? wanted;
}
