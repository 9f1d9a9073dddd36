/**
 * Land classes (地类, DI_LEI) as bureaus deliver them: Chinese names (乔木林地, 建设用地 …), their
 * common variants (乔木林, 国规灌木林, 旱地, 工矿建设用地 …) or the forestry inventory's national
 * codes (林业地类代码: 0111 乔木林, 0113 竹林, 0131 国家特别规定灌木林地, 0210 耕地, 0230 水域,
 * 0250 建设用地 …, also written without the leading zero: 111, 211, 251). Everything is read
 * into the names the app uses (those of the sample inventory), so the coverage rule and the plot
 * conflict check treat a coded inventory like a named one.
 */

/** The names used throughout the app (catalog, symbology, sample data). */
export const LAND_CLASS = {
  arbor: '乔木林地',
  bamboo: '竹林地',
  sparse: '疏林地',
  specialShrub: '特殊灌木林地',
  otherShrub: '一般灌木林地',
  unestablished: '未成林造林地',
  nursery: '苗圃地',
  cutover: '迹地',
  suitable: '宜林地',
  auxiliary: '林业辅助生产用地',
  cultivated: '耕地',
  grassland: '牧草地',
  water: '水域',
  unused: '未利用地',
  construction: '建设用地',
  otherUse: '其他用地',
} as const;

/** Forestry inventory land-class codes (four digits) and the name each stands for. */
const CODES: Readonly<Record<string, string>> = {
  '0111': LAND_CLASS.arbor, // 乔木林（纯林）
  '0112': LAND_CLASS.arbor, // 乔木林混交林 (some provinces)
  '0114': LAND_CLASS.arbor, // 人工矮化乔木林
  '0113': LAND_CLASS.bamboo,
  '0120': LAND_CLASS.sparse,
  '0131': LAND_CLASS.specialShrub,
  '0132': LAND_CLASS.otherShrub,
  '0141': LAND_CLASS.unestablished,
  '0142': LAND_CLASS.unestablished,
  '0150': LAND_CLASS.nursery,
  '0161': LAND_CLASS.cutover,
  '0162': LAND_CLASS.cutover,
  '0163': LAND_CLASS.cutover,
  '1631': LAND_CLASS.cutover,
  '1632': LAND_CLASS.cutover,
  '1633': LAND_CLASS.cutover,
  '1634': LAND_CLASS.cutover,
  '1635': LAND_CLASS.cutover,
  '0171': LAND_CLASS.suitable,
  '0172': LAND_CLASS.suitable,
  '0173': LAND_CLASS.suitable,
  '0180': LAND_CLASS.auxiliary,
  '0210': LAND_CLASS.cultivated,
  '0211': LAND_CLASS.cultivated, // 旱地
  '0212': LAND_CLASS.cultivated, // 水田
  '0220': LAND_CLASS.grassland,
  '0230': LAND_CLASS.water,
  '0240': LAND_CLASS.unused,
  '0250': LAND_CLASS.construction,
  '0251': LAND_CLASS.construction, // 工矿建设用地
  '0252': LAND_CLASS.construction, // 居民建设用地
  '0253': LAND_CLASS.construction, // 交通建设用地
  '0254': LAND_CLASS.otherUse,
};

/** Other names for the same classes, as seen in county inventories. */
const SYNONYMS: Readonly<Record<string, string>> = {
  乔木林: LAND_CLASS.arbor,
  乔木林纯林: LAND_CLASS.arbor,
  乔木林混交林: LAND_CLASS.arbor,
  人工矮化乔木林: LAND_CLASS.arbor,
  竹林: LAND_CLASS.bamboo,
  国家特别规定灌木林地: LAND_CLASS.specialShrub,
  国家特别规定灌木林: LAND_CLASS.specialShrub,
  国规灌木林: LAND_CLASS.specialShrub,
  国规灌木林地: LAND_CLASS.specialShrub,
  特灌林: LAND_CLASS.specialShrub,
  特灌林地: LAND_CLASS.specialShrub,
  其他灌木林地: LAND_CLASS.otherShrub,
  其它灌木林地: LAND_CLASS.otherShrub,
  其它灌木林: LAND_CLASS.otherShrub,
  其他灌木林: LAND_CLASS.otherShrub,
  旱地: LAND_CLASS.cultivated,
  水田: LAND_CLASS.cultivated,
  水浇地: LAND_CLASS.cultivated,
  工矿建设用地: LAND_CLASS.construction,
  居民建设用地: LAND_CLASS.construction,
  交通建设用地: LAND_CLASS.construction,
  水域及水利设施用地: LAND_CLASS.water,
  河流水面: LAND_CLASS.water,
  湖泊水面: LAND_CLASS.water,
  水库水面: LAND_CLASS.water,
  坑塘水面: LAND_CLASS.water,
};

/**
 * The app's name of a land-class value: a name, a variant or a code ('0250', '250', 250). Values
 * it does not know come back trimmed, as given.
 *
 * @example
 * landClassName('0250') // '建设用地'
 * landClassName('旱地') // '耕地'
 */
export function landClassName(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  if (/^\d{3,4}$/.test(text)) return CODES[text.padStart(4, '0')] ?? text;
  return SYNONYMS[text] ?? text;
}
