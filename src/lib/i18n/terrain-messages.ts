/** Strings of elevation models (hillshade in the imagery panel, a plot's slope), zh and en. */
import { registerChinese } from './index';

const zh = {
  'terrain.openAsDem': '作为高程模型（DEM）打开',
  'terrain.openAsDemHint': '单波段、非8位的 GeoTIFF 和注明为 terrain-RGB 的瓦片包会自动识别为 DEM；其他文件勾选此项。',
  'terrain.layer': '高程模型（DEM）· 显示为山体阴影',
  'terrain.strength': '阴影强度',
  'plot.slope.title': '坡度',
  'plot.slope.computing': '正在按高程模型计算坡度…',
  'plot.slope.failed': '坡度未能计算：{detail}',
  'plot.slope.notCovered': '高程模型未覆盖此地块。',
  'plot.slope.smallerThanCell': '地块小于高程模型的一个像元，无法计算坡度。',
  'plot.slope.mean': '平均坡度',
  'plot.slope.max': '最大坡度',
  'plot.slope.share': '坡度 ≥ {threshold} 的面积比例',
  'plot.slope.steep': '地块 {share} 的面积坡度在 {threshold} 及以上（陡坡）',
  'plot.slope.partly': '高程模型只覆盖地块的 {share}，以上数值仅针对覆盖部分。',
  'plot.slope.source': '按“{name}”的 {cells} 个像元（Horn 算法）',
  'plot.slope.threshold': '陡坡阈值',
  'plot.slope.notSaved': '阈值未能保存：{detail}',
  'plot.slope.steepInList': '陡坡',
};

/** The Chinese texts; the English ones are in ./en/terrain-messages.ts, loaded with the English UI. */
export const terrainMessages = zh;

// Loads with the tools that use it, not with the page (see OnUseCatalogue in ./index.ts).
registerChinese(terrainMessages);
