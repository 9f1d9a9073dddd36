/**
 * Why a coordinate system was suggested for coordinates without one (src/lib/geo/crs/detect.ts
 * picks the reason and its numbers). A reason of several parts is joined with `crs.separator`.
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
};

export const crsMessages = defineCatalogue(zh, en);
