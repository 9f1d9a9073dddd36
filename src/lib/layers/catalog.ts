/**
 * The layer catalog: every layer of the 2023 plan map, each declared once — file, names, fields,
 * categories, statistics, conflict checks, import roles, style and legend (see
 * layer-definition.ts; the tables other modules read are derived in derived.ts).
 *
 * This is the contract between the sample-data generator (scripts/), the statistics engine
 * (src/lib/geo, which receives these values as parameters) and the map (src/lib/map): a bureau's
 * own file given the same role and field names behaves exactly like the sample layer.
 * Adding a layer is one entry here: docs/architecture.md, "Adding a layer".
 */
import type { LocalizedText } from '../i18n/locale';
import { LAND_CLASS } from '../geo/land-class';
import { categoryLegend, defineLayers, type FieldDefinition, type LayerDefinition as LayerDefinitionOf } from './layer-definition';
import { AFFORESTATION_TYPE_COLOURS, COLOURS, FACILITY_COLOURS, FIRE_LEVEL_COLOURS, LAND_CLASS_COLOURS, OTHER_LAND_CLASS_COLOUR, RESERVE_STATUS } from './symbology';

export type { FieldDefinition, GeometryKind, LayerGroup } from './layer-definition';

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

export const LAYERS = defineLayers([
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
    replaceableByImport: false,
    style: { kind: 'neighbours' },
    legend: [{ label: text('周边区县', 'Neighbouring county'), color: COLOURS.neighborFill, kind: 'fill' }],
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
    replaceableByImport: false,
    style: { kind: 'countyOutline' },
    legend: [{ label: text('县界', 'County boundary'), color: COLOURS.countyLine, kind: 'line' }],
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
    category: { field: 'NAME' },
    // Last in the check: it splits the plot by township.
    conflictCheck: { order: 7 },
    replaceableByImport: true,
    style: { kind: 'townshipOutline' },
    legend: [{ label: text('乡镇界（示意）', 'Township boundary (schematic)'), color: COLOURS.townshipLine, kind: 'dashed' }],
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
    replaceableByImport: true,
    style: { kind: 'lines', color: COLOURS.river, labelColor: COLOURS.riverLabel, labelField: 'NAME' },
    legend: [{ label: text('河流（示意）', 'River (schematic)'), color: COLOURS.river, kind: 'line' }],
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
    category: { field: 'DI_LEI', values: LAND_CLASS_COLOURS, otherColor: OTHER_LAND_CLASS_COLOUR },
    statistics: { theme: 'forest', byCategory: true, categoryColumns: false },
    // Cultivated land may not be afforested; built-up land and water cannot be.
    conflictCheck: { order: 1, flag: { kind: 'landClass', classes: [LAND_CLASS.cultivated, LAND_CLASS.construction, LAND_CLASS.water] } },
    replaceableByImport: true,
    style: { kind: 'stands', fill: 'byCategory', fillOpacity: 0.85 },
    legend: categoryLegend(LAND_CLASS_COLOURS, 'fill'),
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
    category: {
      field: 'ZHUANG_TAI',
      values: [
        { value: RESERVE_STATUS.planned, label: text('规划', 'Planned') },
        { value: RESERVE_STATUS.taken2023, label: text('2023年已收储', 'Taken in 2023') },
      ],
    },
    statistics: { theme: 'reserve', byCategory: true, categoryColumns: true },
    conflictCheck: { order: 4 },
    replaceableByImport: true,
    style: { kind: 'statusHatch', solidValue: RESERVE_STATUS.taken2023, color: COLOURS.reserveTaken, fillOpacity: 0.55 },
    legend: [
      { label: text('2023年已收储', 'Taken in 2023'), color: COLOURS.reserveTaken, kind: 'fill' },
      { label: text('规划', 'Planned'), color: COLOURS.reservePlanned, kind: 'hatch' },
    ],
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
    category: { field: 'GAI_PEI_CS' },
    statistics: { theme: 'plan', byCategory: true, categoryColumns: false },
    conflictCheck: { order: 5 },
    replaceableByImport: true,
    style: { kind: 'zones', fill: COLOURS.pineRetrofit, outline: COLOURS.pineRetrofit, fillOpacity: 0.6 },
    legend: [{ label: text('马尾松林改培', 'Pine retrofit'), color: COLOURS.pineRetrofit, kind: 'fill' }],
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
    category: { field: 'ZAO_LIN_LX', values: AFFORESTATION_TYPE_COLOURS },
    statistics: { theme: 'plan', byCategory: true, categoryColumns: true },
    // The ground is already planned.
    conflictCheck: { order: 2, flag: { kind: 'overlap' } },
    replaceableByImport: true,
    style: { kind: 'zones', fill: 'byCategory', outline: '#ffffff', fillOpacity: 0.7 },
    legend: categoryLegend(AFFORESTATION_TYPE_COLOURS, 'fill'),
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
    category: {
      field: 'HE_LIU',
      values: [
        { value: '乌江', label: text('乌江', 'Wujiang') },
        { value: '阿蓬江', label: text('阿蓬江', 'Apeng River') },
      ],
    },
    statistics: { theme: 'ecology', byCategory: true, categoryColumns: true },
    conflictCheck: { order: 6 },
    replaceableByImport: true,
    style: { kind: 'dashedZones', fill: COLOURS.corridorFill, outline: COLOURS.corridorLine, fillOpacity: 0.25, outlineWidth: 1.5, dash: [3, 2] },
    legend: [{ label: text('生态廊道', 'Ecological corridor'), color: COLOURS.corridorFill, kind: 'fill' }],
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
    category: { field: 'DENG_JI', values: FIRE_LEVEL_COLOURS },
    statistics: { theme: 'fire', byCategory: true, categoryColumns: true },
    conflictCheck: { order: 3, flag: { kind: 'minimumLevel', level: 4 } },
    replaceableByImport: true,
    // Nearly opaque: a thin wash of the danger colour over green stands turns red into brown.
    style: { kind: 'zones', fill: 'byCategory', outline: 'byCategory', fillOpacity: 0.7 },
    legend: categoryLegend(FIRE_LEVEL_COLOURS, 'fill'),
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
    category: { field: 'LEI_XING', values: FACILITY_COLOURS },
    replaceableByImport: true,
    style: { kind: 'points', color: 'byCategory', rangeField: 'BAN_JING' },
    legend: [...categoryLegend(FACILITY_COLOURS, 'point'), { label: text('监视范围', 'Viewing range'), color: '#c62828', kind: 'ring' }],
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
    statistics: { theme: 'ecology', byCategory: false, categoryColumns: false },
    replaceableByImport: true,
    style: { kind: 'zones', fill: COLOURS.nanmuGrove, outline: COLOURS.nanmuGroveLine, fillOpacity: 0.75, labelField: 'MING_CHENG' },
    legend: [{ label: text('古楠木群落', 'Ancient nanmu grove'), color: COLOURS.nanmuGrove, kind: 'fill' }],
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
    category: { field: 'MING_CHENG' },
    statistics: { theme: 'ecology', byCategory: false, categoryColumns: false },
    conflictCheck: { order: 0, flag: { kind: 'overlap' } },
    replaceableByImport: true,
    style: { kind: 'dashedZones', fill: COLOURS.nanmuProtection, outline: COLOURS.nanmuProtection, fillOpacity: 0.15, outlineWidth: 2, dash: [2, 1.5] },
    legend: [{ label: text('保护范围', 'Protection zone'), color: COLOURS.nanmuProtection, kind: 'dashed' }],
  },
]);

export type LayerId = (typeof LAYERS)[number]['id'];
export type LayerDefinition = LayerDefinitionOf<LayerId>;

const LAYERS_BY_ID = new Map(LAYERS.map((layer) => [layer.id, layer]));

export function layerById(id: LayerId): LayerDefinition {
  const layer = LAYERS_BY_ID.get(id);
  if (!layer) throw new Error(`Unknown layer id: ${id}`);
  return layer;
}

export function isLayerId(value: string): value is LayerId {
  return LAYERS_BY_ID.has(value as LayerId);
}

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

/**
 * The order to read the layers in: the smallest files first, so every small layer is on the map
 * while the big ones are still read (the map stacks layers in catalog order whatever the order
 * they arrive in). Stable: layers of equal size, or missing from the catalog, keep their order.
 */
export function layerReadingOrder(catalog: Pick<DataCatalog, 'layers'>): LayerDefinition[] {
  const bytes = (id: LayerId): number => (catalog.layers as Partial<DataCatalog['layers']>)[id]?.bytes ?? 0;
  return [...LAYERS].sort((a, b) => bytes(a.id) - bytes(b.id));
}
