/**
 * Colours of the layers. Catalog entries (catalog.ts) name these in their style and legend, the map
 * styles (src/lib/map/layer-styles.ts) and the layer panel's swatches read them from the entries,
 * so the two can never disagree.
 */
import type { LocalizedText } from '../i18n/locale';

export type SwatchKind = 'fill' | 'hatch' | 'line' | 'dashed' | 'point' | 'ring';

export interface LegendEntry {
  readonly label: LocalizedText;
  readonly color: string;
  readonly kind: SwatchKind;
}

export interface CategoryColour {
  /** Attribute value as stored in the data. */
  readonly value: string | number;
  readonly label: LocalizedText;
  readonly color: string;
}

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

/** Land classes (地类) of the sub-compartments: forest in greens, other land in neutral tones. */
export const LAND_CLASS_COLOURS: readonly CategoryColour[] = [
  { value: '乔木林地', label: text('乔木林地', 'Arbor forest'), color: '#2e7d32' },
  { value: '竹林地', label: text('竹林地', 'Bamboo forest'), color: '#7cb342' },
  { value: '特殊灌木林地', label: text('特殊灌木林地', 'Designated shrubland'), color: '#9e9d24' },
  { value: '一般灌木林地', label: text('一般灌木林地', 'Other shrubland'), color: '#c0ca33' },
  { value: '疏林地', label: text('疏林地', 'Sparse forest'), color: '#a5d6a7' },
  { value: '未成林造林地', label: text('未成林造林地', 'Young plantation'), color: '#c5e1a5' },
  { value: '苗圃地', label: text('苗圃地', 'Nursery'), color: '#dce775' },
  { value: '迹地', label: text('迹地', 'Cut-over land'), color: '#d7ccc8' },
  { value: '宜林地', label: text('宜林地', 'Land suitable for forest'), color: '#ffe0b2' },
  { value: '耕地', label: text('耕地', 'Cropland'), color: '#fff3c4' },
  { value: '园地', label: text('园地', 'Orchard'), color: '#f8bbd0' },
  { value: '建设用地', label: text('建设用地', 'Built-up land'), color: '#bdbdbd' },
  { value: '水域', label: text('水域', 'Water'), color: '#90caf9' },
];
export const OTHER_LAND_CLASS_COLOUR = '#e0e0e0';

/** Fire danger levels 1–5 coloured green, blue, yellow, orange, red (QX/T 77-2007). */
export const FIRE_LEVEL_COLOURS: readonly CategoryColour[] = [
  { value: 1, label: text('一级（低）', 'Level 1 (low)'), color: '#2e9d3a' },
  { value: 2, label: text('二级（较低）', 'Level 2 (moderate)'), color: '#1f6fd1' },
  { value: 3, label: text('三级（较高）', 'Level 3 (high)'), color: '#f2c500' },
  { value: 4, label: text('四级（高）', 'Level 4 (very high)'), color: '#f07f09' },
  { value: 5, label: text('五级（极高）', 'Level 5 (extreme)'), color: '#d7191c' },
];

export const AFFORESTATION_TYPE_COLOURS: readonly CategoryColour[] = [
  { value: '人工造林', label: text('人工造林', 'Planting'), color: '#00897b' },
  { value: '封山育林', label: text('封山育林', 'Closing hills for regeneration'), color: '#5e35b1' },
  { value: '森林抚育', label: text('森林抚育', 'Forest tending'), color: '#3949ab' },
  { value: '退化林修复', label: text('退化林修复', 'Degraded forest restoration'), color: '#d81b60' },
  { value: '低效林改造', label: text('低效林改造', 'Low-yield forest improvement'), color: '#8e24aa' },
];
export const OTHER_CATEGORY_COLOUR = '#757575';

export const RESERVE_STATUS = { planned: '规划', taken2023: '2023年已收储' } as const;

export const FACILITY_COLOURS: readonly CategoryColour[] = [
  { value: '瞭望塔', label: text('瞭望塔', 'Watchtower'), color: '#6d4c41' },
  { value: '视频监控', label: text('视频监控', 'Camera'), color: '#c62828' },
  { value: '取水点', label: text('取水点', 'Water point'), color: '#0277bd' },
];

export const COLOURS = {
  background: '#eef0ea',
  neighborFill: '#e4e1d8',
  neighborLine: '#b4ab9a',
  neighborLabel: '#8a8172',
  countyFill: '#fbfaf6',
  countyLine: '#5b4636',
  townshipLine: '#8d7b68',
  townshipLabel: '#3e3024',
  river: '#2f7fd1',
  riverLabel: '#1c5a99',
  reserveTaken: '#8c510a',
  reservePlanned: '#bf812d',
  pineRetrofit: '#e6550d',
  corridorFill: '#4fc3f7',
  corridorLine: '#0288d1',
  nanmuGrove: '#1b5e20',
  nanmuGroveLine: '#c9a227',
  nanmuProtection: '#c9a227',
  highlight: '#00e5ff',
} as const;
