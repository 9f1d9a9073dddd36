/**
 * Suggests what an imported layer is (townships, forest sub-compartments, or a thematic catalog
 * layer) and which of its fields correspond to the catalog's, so the UI can pre-fill the role
 * dialog. Matching is case-insensitive and knows common pinyin abbreviations and Chinese names.
 */
import { layerById, type LayerId } from '../layers/catalog';
import type { ImportedLayer } from './types';

/** Other names bureaus use for catalog fields (upper case, or Chinese). */
const ALIASES: Record<string, readonly string[]> = {
  NAME: ['NAME', 'MC', '名称', 'XZMC', '乡镇名称', 'XIANG', '乡镇', 'XZQMC'],
  CODE: ['CODE', 'DM', '代码', 'XZDM', '乡镇代码', 'XIANG_DM', 'XZQDM', 'ADCODE'],
  XIANG: ['XIANG', '乡镇', 'XZMC', 'XIANG_MC'],
  XIANG_DM: ['XIANG_DM', 'XZDM', '乡镇代码'],
  DI_LEI: ['DI_LEI', 'DL', '地类'],
  YOU_SHI_SZ: ['YOU_SHI_SZ', 'YSSZ', '优势树种', 'SZ'],
  YU_BI_DU: ['YU_BI_DU', 'YBD', '郁闭度'],
  MIAN_JI: ['MIAN_JI', 'XBMJ', 'MJ', '面积', 'AREA', 'SHAPE_AREA'],
  LIN_BAN: ['LIN_BAN', 'LB', '林班'],
  XIAO_BAN: ['XIAO_BAN', 'XB', '小班'],
};

/**
 * Maps each field of a catalog layer to the imported layer's field that holds it (or undefined).
 *
 * @example
 * suggestFieldMapping(layer, 'townships') // = { CODE: 'XZDM', NAME: 'XZMC', KIND: undefined, MIAN_JI: 'MJ' }
 */
export function suggestFieldMapping(layer: Pick<ImportedLayer, 'fields'>, target: LayerId): Record<string, string | undefined> {
  const available = new Map(layer.fields.map((field) => [field.name.toUpperCase(), field.name]));
  const mapping: Record<string, string | undefined> = {};
  for (const field of layerById(target).fields) {
    const names = ALIASES[field.name] ?? [field.name];
    mapping[field.name] = names.map((name) => available.get(name.toUpperCase())).find((name) => name !== undefined);
  }
  return mapping;
}

/**
 * The most likely role of an imported layer: sub-compartments when it has land-class and township
 * fields, townships when it is a few dozen polygons with a name field; null when unclear.
 */
export function suggestRole(layer: Pick<ImportedLayer, 'fields' | 'featureCount' | 'geometryTypes'>): LayerId | null {
  const polygonal = layer.geometryTypes.length > 0 && layer.geometryTypes.every((type) => type === 'Polygon' || type === 'MultiPolygon');
  if (!polygonal) return null;
  const forest = suggestFieldMapping(layer, 'subcompartments');
  if (forest.DI_LEI && forest.XIANG) return 'subcompartments';
  const townships = suggestFieldMapping(layer, 'townships');
  if (townships.NAME && layer.featureCount <= 100) return 'townships';
  return null;
}
