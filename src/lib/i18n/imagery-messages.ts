/**
 * Strings of the imagery (orthophoto) panel, zh and en. `{name}` placeholders are filled by
 * formatMessage.
 */
import type { RasterProblem } from '../io/geotiff';
import { defineMessages } from './messages';
import { formatMessage } from './plot-messages';
import type { LocalizedText } from './locale';

const zh = {
  'imagery.title': '影像（正射影像）',
  'imagery.hint': '打开本单位的正射影像（GeoTIFF / COG，8位 RGB 或 RGBA），支持 WGS84、CGCS2000 经纬度、Web 墨卡托和 CGCS2000 高斯-克吕格投影。文件在本机读取，不上传。',
  'imagery.open': '打开影像…',
  'imagery.opening': '正在读取影像“{name}”…',
  'imagery.empty': '尚未打开影像。',
  'imagery.crs': '坐标系',
  'imagery.crsFromFile': '取自文件',
  'imagery.crsChosen': '人工选择',
  'imagery.chooseCrs': '文件未说明坐标系，请选择：',
  'imagery.retryWithCrs': '按此坐标系打开',
  'imagery.cancel': '取消',
  'imagery.size': '{width} × {height} 像元，{pixel} 米/像元，{levels} 级金字塔',
  'imagery.opacity': '透明度',
  'imagery.visible': '显示',
  'imagery.zoomTo': '缩放至影像',
  'imagery.up': '上移',
  'imagery.down': '下移',
  'imagery.remove': '移除',
  'imagery.remembered': '已在本机浏览器中保存副本，刷新后仍在',
  'imagery.notRemembered': '仅本次使用，刷新后需重新打开',
  'imagery.askLarge': '影像“{name}”有 {size}。是否在本机浏览器中保存副本，以便刷新后自动打开？',
  'imagery.storeCopy': '保存副本',
  'imagery.useOnce': '仅本次使用',
  'imagery.noSpace': '浏览器剩余存储空间不足（约 {free}），影像仅本次使用。',
  'imagery.storeFailed': '影像副本未能保存：{detail}。影像仅本次使用。',
  'imagery.indexFailed': '影像列表未能保存：{detail}',
  'imagery.missing': '影像“{name}”的本机副本已不存在，请重新打开文件。',
  'problem.not-geotiff': '“{name}”不是可读取的 GeoTIFF 文件（{detail}）',
  'problem.no-georeference': '“{name}”没有地理参考（坐标原点或像元大小缺失），无法放到地图上',
  'problem.rotated': '“{name}”是旋转的影像，暂不支持；请用 GDAL 重采样为正北方向',
  'problem.unknown-crs': '“{name}”的坐标系无法识别（{detail}），请在下方选择',
  'problem.unsupported-samples': '“{name}”不是8位 RGB/RGBA 影像（{detail}）；请先转换为8位',
};

const en: Record<keyof typeof zh, string> = {
  'imagery.title': 'Imagery (orthophotos)',
  'imagery.hint': 'Open the bureau’s own orthophotos (GeoTIFF / COG, 8-bit RGB or RGBA) in WGS84, CGCS2000 geographic, Web Mercator or CGCS2000 Gauss–Krüger. Files are read on this computer, never uploaded.',
  'imagery.open': 'Open imagery…',
  'imagery.opening': 'Reading “{name}”…',
  'imagery.empty': 'No imagery opened yet.',
  'imagery.crs': 'Coordinate system',
  'imagery.crsFromFile': 'from the file',
  'imagery.crsChosen': 'chosen',
  'imagery.chooseCrs': 'The file does not say its coordinate system; choose one:',
  'imagery.retryWithCrs': 'Open in this system',
  'imagery.cancel': 'Cancel',
  'imagery.size': '{width} × {height} pixels, {pixel} m per pixel, {levels} level(s)',
  'imagery.opacity': 'Opacity',
  'imagery.visible': 'Show',
  'imagery.zoomTo': 'Zoom to imagery',
  'imagery.up': 'Move up',
  'imagery.down': 'Move down',
  'imagery.remove': 'Remove',
  'imagery.remembered': 'A copy is kept in this browser; it reopens after a reload',
  'imagery.notRemembered': 'For this session only; open it again after a reload',
  'imagery.askLarge': '“{name}” is {size}. Keep a copy in this browser so it reopens after a reload?',
  'imagery.storeCopy': 'Keep a copy',
  'imagery.useOnce': 'This session only',
  'imagery.noSpace': 'Not enough browser storage left (about {free}): the imagery is for this session only.',
  'imagery.storeFailed': 'The imagery copy could not be stored: {detail}. It is for this session only.',
  'imagery.indexFailed': 'The imagery list could not be saved: {detail}',
  'imagery.missing': 'The stored copy of “{name}” is gone; please open the file again.',
  'problem.not-geotiff': '“{name}” is not a readable GeoTIFF ({detail})',
  'problem.no-georeference': '“{name}” has no georeference (origin or pixel size missing), so it cannot be placed on the map',
  'problem.rotated': '“{name}” is a rotated image, which is not supported; resample it north-up with GDAL',
  'problem.unknown-crs': 'The coordinate system of “{name}” is not known ({detail}); choose it below',
  'problem.unsupported-samples': '“{name}” is not an 8-bit RGB/RGBA image ({detail}); convert it to 8-bit first',
};

export type ImageryMessageKey = keyof typeof zh;

export const t = defineMessages<ImageryMessageKey>(zh, en);

/** The same message in both languages. */
export function imageryText(key: ImageryMessageKey, values: Readonly<Record<string, string | number>> = {}): LocalizedText {
  return { zh: formatMessage(t('zh', key), values), en: formatMessage(t('en', key), values) };
}

export function rasterProblemText(problem: RasterProblem, name: string, detail: string): LocalizedText {
  return imageryText(`problem.${problem}`, { name, detail });
}
