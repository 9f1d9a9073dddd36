/**
 * Why a coordinate system was suggested for coordinates without one (src/lib/geo/crs/detect.ts
 * picks the reason and its numbers; a reason of several parts is joined with `crs.separator`), and
 * how a declared one was read (src/lib/io/crs-resolve.ts).
 */
import { defineCatalogue } from './catalogue';

const zh = {
  'crs.separator': '；',
  'crs.swapNote': '（坐标顺序为纬度在前，需交换）',
  'crs.where.local': '落在研究区内',
  'crs.where.china': '落在中国境内',
  'crs.where.anywhere': '为经纬度范围',
  'crs.geographic.wgs84': '数值{where}，为经纬度{swap}；WGS84与CGCS2000在地图精度上无差别',
  'crs.geographic.cgcs2000': '经纬度{swap}；CGCS2000与WGS84仅凭坐标无法区分',
  'crs.geographic.webMap': '若坐标取自国内网络地图则为{code}（偏移50–500米，仅凭坐标无法判断）',
  'crs.projected.prefixed': '8位横坐标，带号{zone}',
  'crs.projected.unprefixed': '6位横坐标，接近500000（无带号）',
  'crs.projected.place': '反算为{place}',
  'crs.projected.placeLocal': '反算为{place}，位于研究区内',
  'crs.projected.inZone': '位于中央经线{meridian}°E的{width}度带内',
  'crs.projected.outOfZone': '超出中央经线{meridian}°E投影带的常用范围',
  'crs.projected.otherDatum': '{name}与CGCS2000坐标仅差数十米，仅凭坐标无法区分基准',
  'crs.projected.swapped': 'X、Y顺序颠倒（EPSG轴序北坐标在前）',
  'crs.resolve.declaredMismatch': '文件声明的坐标系{code}与坐标范围不符，坐标更像{likely}{swap}；请核对',
  'crs.resolve.axesSwapped': '（轴序颠倒）',
  'crs.resolve.by.authority': 'EPSG代码',
  'crs.resolve.by.name': '坐标系名称',
  'crs.resolve.by.parameters': '投影参数',
  'crs.resolve.by.unmatched': '投影参数（不在常用坐标系列表中）',
  'crs.resolve.prj': '.prj文件：{name}（按{by}识别）',
  'crs.resolve.unnamed': '未命名',
  'crs.resolve.prjUnknown': '.prj中的坐标系无法识别，改为根据坐标范围判断',
  'crs.resolve.chosen': '按用户选择：{name}',
  'crs.resolve.declaredUnknown': '声明的坐标系“{code}”未知，改为根据坐标范围判断',
};

const en: Record<keyof typeof zh, string> = {
  'crs.separator': '; ',
  'crs.swapNote': ' (latitude comes first: swap the axes)',
  'crs.where.local': 'fall in the area of interest',
  'crs.where.china': 'fall in China',
  'crs.where.anywhere': 'are within longitude/latitude ranges',
  'crs.geographic.wgs84': 'values {where} as longitude/latitude{swap}; WGS84 and CGCS2000 agree at map scale',
  'crs.geographic.cgcs2000': 'longitude/latitude{swap}; CGCS2000 cannot be told from WGS84 by coordinates alone',
  'crs.geographic.webMap': '{code} if copied from a Chinese web map (offset 50–500 m, not detectable from coordinates alone)',
  'crs.projected.prefixed': '8-digit easting with zone prefix {zone}',
  'crs.projected.unprefixed': '6-digit easting around 500000 (no zone prefix)',
  'crs.projected.place': 'inverse-projects to {place}',
  'crs.projected.placeLocal': 'inverse-projects to {place}, inside the area of interest',
  'crs.projected.inZone': 'within the {width}° zone of CM {meridian}°E',
  'crs.projected.outOfZone': 'outside the usual width of the zone of CM {meridian}°E',
  'crs.projected.otherDatum': '{name}: same numbers as CGCS2000 within tens of metres; the datum cannot be told from coordinates',
  'crs.projected.swapped': 'X and Y are swapped (EPSG axis order: northing first)',
  'crs.resolve.declaredMismatch': 'the declared coordinate system {code} does not fit the coordinate ranges, which look like {likely}{swap}: please check',
  'crs.resolve.axesSwapped': ' (axes swapped)',
  'crs.resolve.by.authority': 'EPSG code',
  'crs.resolve.by.name': 'name',
  'crs.resolve.by.parameters': 'parameters',
  'crs.resolve.by.unmatched': 'parameters (not a registered system)',
  'crs.resolve.prj': '.prj file: {name} (recognised by {by})',
  'crs.resolve.unnamed': 'unnamed',
  'crs.resolve.prjUnknown': 'the coordinate system in the .prj is not recognised: detecting it from the coordinates instead',
  'crs.resolve.chosen': 'as chosen: {name}',
  'crs.resolve.declaredUnknown': 'the declared coordinate system "{code}" is unknown: detecting it instead',
};

export const crsMessages = defineCatalogue(zh, en);
