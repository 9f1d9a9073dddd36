/**
 * The layer catalog: every layer of the 2023 plan map, its file, names, fields and legend.
 *
 * This is the contract between the sample-data generator (scripts/), the statistics engine
 * (src/lib/geo) and the map (src/lib/map): a bureau's own file given the same role and field
 * names behaves exactly like the sample layer.
 */
import type { LocalizedText } from '../i18n/locale';

export type LayerId =
  | 'neighbors'
  | 'county'
  | 'townships'
  | 'rivers'
  | 'subcompartments'
  | 'reserveForest'
  | 'pineRetrofit'
  | 'afforestation2023'
  | 'corridors'
  | 'fireZones'
  | 'fireFacilities'
  | 'nanmuGroves'
  | 'nanmuProtection';

export type LayerGroup = 'base' | 'forest' | 'plan' | 'ecology' | 'fire';
export type GeometryKind = 'polygon' | 'line' | 'point';

export interface FieldDefinition {
  /** Attribute name as stored in the file (bureau convention, upper case). */
  readonly name: string;
  readonly label: LocalizedText;
  /** Unit shown after numeric values, if any. */
  readonly unit?: LocalizedText;
}

export interface LayerDefinition {
  readonly id: LayerId;
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
}

const text = (zh: string, en: string): LocalizedText => ({ zh, en });
const MU = text('亩', 'mu');
const METRES = text('米', 'm');

/** Fields of a forest sub-compartment (小班), as bureaus deliver them. */
export const SUBCOMPARTMENT_FIELDS: readonly FieldDefinition[] = [
  { name: 'XIAN', label: text('县', 'County') },
  { name: 'XIANG', label: text('乡镇', 'Township') },
  { name: 'XIANG_DM', label: text('乡镇代码', 'Township code') },
  { name: 'CUN', label: text('村', 'Village') },
  { name: 'LIN_BAN', label: text('林班', 'Compartment') },
  { name: 'XIAO_BAN', label: text('小班', 'Sub-compartment') },
  { name: 'DI_LEI', label: text('地类', 'Land class') },
  { name: 'LIN_ZHONG', label: text('林种', 'Forest category') },
  { name: 'SEN_LIN_LB', label: text('森林类别', 'Forest class') },
  { name: 'SHI_QUAN_D', label: text('事权等级', 'Administrative level') },
  { name: 'YOU_SHI_SZ', label: text('优势树种', 'Dominant species') },
  { name: 'QI_YUAN', label: text('起源', 'Origin') },
  { name: 'LING_ZU', label: text('龄组', 'Age class') },
  { name: 'YU_BI_DU', label: text('郁闭度', 'Canopy density') },
  { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
];

export const LAYERS: readonly LayerDefinition[] = [
  {
    id: 'neighbors',
    group: 'base',
    geometry: 'polygon',
    file: 'neighbors.fgb',
    name: text('周边区县', 'Neighbouring counties'),
    description: text('酉阳周边九个区县，仅作地图背景', 'The nine counties around Youyang, for context only'),
    fields: [{ name: 'NAME', label: text('名称', 'Name') }],
    visibleByDefault: true,
    toggleable: false,
  },
  {
    id: 'county',
    group: 'base',
    geometry: 'polygon',
    file: 'county.fgb',
    name: text('酉阳县界', 'Youyang county boundary'),
    description: text('酉阳土家族苗族自治县县界', 'Boundary of Youyang Tujia and Miao Autonomous County'),
    fields: [
      { name: 'NAME', label: text('名称', 'Name') },
      { name: 'ADCODE', label: text('行政区划代码', 'Division code') },
    ],
    visibleByDefault: true,
    toggleable: false,
  },
  {
    id: 'townships',
    group: 'base',
    geometry: 'polygon',
    file: 'townships.fgb',
    name: text('乡镇（示意边界）', 'Townships (schematic boundaries)'),
    description: text(
      '39个乡镇街道；代码和名称真实，边界为示意，并非官方界线',
      '39 townships; real codes and names, schematic boundaries that are not official',
    ),
    fields: [
      { name: 'CODE', label: text('乡镇代码', 'Township code') },
      { name: 'NAME', label: text('乡镇名称', 'Township') },
      { name: 'KIND', label: text('类型', 'Kind') },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: true,
    toggleable: true,
  },
  {
    id: 'rivers',
    group: 'base',
    geometry: 'line',
    file: 'rivers.fgb',
    name: text('河流（示意河道）', 'Rivers (schematic courses)'),
    description: text('乌江、阿蓬江示意河道', 'Schematic courses of the Wujiang and Apeng rivers'),
    fields: [
      { name: 'NAME', label: text('河流', 'River') },
      { name: 'NAME_EN', label: text('英文名', 'English name') },
    ],
    visibleByDefault: true,
    toggleable: true,
  },
  {
    id: 'subcompartments',
    group: 'forest',
    geometry: 'polygon',
    file: 'subcompartments.fgb',
    name: text('森林资源小班', 'Forest sub-compartments'),
    description: text('森林资源管理“一张图”小班（示例数据）', 'Forest inventory sub-compartments (sample data)'),
    fields: SUBCOMPARTMENT_FIELDS,
    visibleByDefault: true,
    toggleable: true,
  },
  {
    id: 'reserveForest',
    group: 'plan',
    geometry: 'polygon',
    file: 'reserve-forest.fgb',
    name: text('国家储备林', 'National reserve forest'),
    description: text('规划120万亩，2023年收储30万亩', '1.2 million mu planned, 300,000 mu taken in 2023'),
    fields: [
      { name: 'CHU_BEI_ID', label: text('储备林编号', 'Reserve ID') },
      { name: 'XIANG', label: text('乡镇', 'Township') },
      { name: 'ZHUANG_TAI', label: text('收储状态', 'Status') },
      { name: 'JIAN_SHE_LX', label: text('建设类型', 'Construction type') },
      { name: 'YOU_SHI_SZ', label: text('优势树种', 'Dominant species') },
      { name: 'NIAN_DU', label: text('收储年度', 'Year taken') },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'pineRetrofit',
    group: 'plan',
    geometry: 'polygon',
    file: 'pine-retrofit.fgb',
    name: text('马尾松林改培试点', 'Masson-pine retrofit pilot'),
    description: text('4500亩马尾松林改培，结合松材线虫病防治', '4,500 mu masson-pine retrofit with pine wilt disease control'),
    fields: [
      { name: 'GAI_PEI_ID', label: text('改培编号', 'Pilot ID') },
      { name: 'XIANG', label: text('乡镇', 'Township') },
      { name: 'YOU_SHI_SZ', label: text('优势树种', 'Dominant species') },
      { name: 'GAI_PEI_CS', label: text('改培措施', 'Retrofit measure') },
      { name: 'BU_ZHI_SZ', label: text('补植树种', 'Species planted') },
      { name: 'YI_QING', label: text('松材线虫病疫情', 'Pine wilt status') },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'afforestation2023',
    group: 'plan',
    geometry: 'polygon',
    file: 'afforestation-2023.fgb',
    name: text('2023年营造林', '2023 afforestation'),
    description: text('2023年营造林任务20.7万亩', '2023 afforestation plan of 207,000 mu'),
    fields: [
      { name: 'ZAO_LIN_ID', label: text('作业编号', 'Plot ID') },
      { name: 'XIANG', label: text('乡镇', 'Township') },
      { name: 'ZAO_LIN_LX', label: text('营造林类型', 'Type') },
      { name: 'SHU_ZHONG', label: text('树种', 'Species') },
      { name: 'NIAN_DU', label: text('年度', 'Year') },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'corridors',
    group: 'ecology',
    geometry: 'polygon',
    file: 'corridors.fgb',
    name: text('河流生态廊道', 'River ecological corridors'),
    description: text('乌江、阿蓬江两岸生态廊道（示意）', 'Ecological corridors along the Wujiang and Apeng rivers (schematic)'),
    fields: [
      { name: 'HE_LIU', label: text('河流', 'River') },
      { name: 'KUAN_DU', label: text('单侧宽度', 'Width each side'), unit: METRES },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'fireZones',
    group: 'fire',
    geometry: 'polygon',
    file: 'fire-zones.fgb',
    name: text('森林火灾高风险区', 'Forest-fire high-risk zones'),
    description: text('森林火险等级一至五级（QX/T 77-2007配色）', 'Fire danger levels 1–5 (QX/T 77-2007 colours)'),
    fields: [
      { name: 'ZONE_ID', label: text('风险区编号', 'Zone ID') },
      { name: 'MING_CHENG', label: text('名称', 'Name') },
      { name: 'DENG_JI', label: text('火险等级', 'Danger level') },
      { name: 'XIANG', label: text('乡镇', 'Township') },
      { name: 'YOU_SHI_SZ', label: text('优势树种', 'Dominant species') },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'fireFacilities',
    group: 'fire',
    geometry: 'point',
    file: 'fire-facilities.fgb',
    name: text('防火设施', 'Fire facilities'),
    description: text('瞭望塔、视频监控、取水点', 'Watchtowers, cameras and water points'),
    fields: [
      { name: 'SHE_SHI_ID', label: text('设施编号', 'Facility ID') },
      { name: 'LEI_XING', label: text('类型', 'Type') },
      { name: 'MING_CHENG', label: text('名称', 'Name') },
      { name: 'XIANG', label: text('乡镇', 'Township') },
      { name: 'BAN_JING', label: text('监视半径', 'Viewing radius'), unit: METRES },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'nanmuGroves',
    group: 'ecology',
    geometry: 'polygon',
    file: 'nanmu-groves.fgb',
    name: text('古楠木群落', 'Ancient nanmu groves'),
    description: text('金丝楠木古树群落', 'Groves of ancient golden-thread nanmu'),
    fields: [
      { name: 'MING_CHENG', label: text('名称', 'Name') },
      { name: 'XIANG', label: text('乡镇', 'Township') },
      { name: 'CUN', label: text('村', 'Village') },
      { name: 'ZHU_SHU', label: text('楠木株数', 'Nanmu trees') },
      { name: 'XIONG_JING_2M', label: text('胸径2米以上', 'Over 2 m diameter') },
      { name: 'QIAN_NIAN', label: text('千年以上', 'Over 1,000 years') },
      { name: 'ZUI_DA_SL', label: text('最大树龄', 'Oldest tree age'), unit: text('年', 'years') },
      { name: 'ZUI_GAO', label: text('最大树高', 'Tallest tree'), unit: METRES },
      { name: 'ZUI_DA_XW', label: text('最大胸围', 'Largest girth'), unit: METRES },
      { name: 'SHI_LI', label: text('数据性质', 'Data status') },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
  {
    id: 'nanmuProtection',
    group: 'ecology',
    geometry: 'polygon',
    file: 'nanmu-protection.fgb',
    name: text('古楠木保护范围', 'Nanmu protection zones'),
    description: text('古楠木群落保护范围', 'Protection zones around the nanmu groves'),
    fields: [
      { name: 'MING_CHENG', label: text('名称', 'Name') },
      { name: 'HUAN_CHONG', label: text('缓冲距离', 'Buffer distance'), unit: METRES },
      { name: 'MIAN_JI', label: text('面积', 'Area'), unit: MU },
    ],
    visibleByDefault: false,
    toggleable: true,
  },
];

const LAYERS_BY_ID = new Map(LAYERS.map((layer) => [layer.id, layer]));

export function layerById(id: LayerId): LayerDefinition {
  const layer = LAYERS_BY_ID.get(id);
  if (!layer) throw new Error(`Unknown layer id: ${id}`);
  return layer;
}

export function isLayerId(value: string): value is LayerId {
  return LAYERS_BY_ID.has(value as LayerId);
}

/** Land classes (地类) counted as forest in the coverage rate. */
export const FOREST_COVER_LAND_CLASSES = {
  /** 乔木林地 counts only with canopy density ≥ 0.2. */
  arbor: '乔木林地',
  bamboo: '竹林地',
  specialShrub: '特殊灌木林地',
} as const;

/** Minimum canopy density (郁闭度) for arbor forest land to count as forest. */
export const MINIMUM_CANOPY_DENSITY = 0.2;

/** Catalog written beside the FlatGeobuf files: what was generated and its totals. */
export interface DataCatalog {
  readonly generator: string;
  readonly seed: number;
  readonly illustrative: true;
  readonly layers: Record<
    LayerId,
    { readonly file: string; readonly featureCount: number; readonly areaMu: number; readonly bytes: number }
  >;
  readonly totals: Record<string, number>;
}
