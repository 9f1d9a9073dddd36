/**
 * Why a coordinate system was suggested for coordinates without one (src/lib/geo/crs/detect.ts
 * picks the reason and its numbers; a reason of several parts is joined with `crs.separator`), and
 * how a declared one was read (src/lib/io/crs-resolve.ts).
 */
import { registerChinese } from './index';

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

/** The Chinese texts; the English ones are in ./en/crs-messages.ts, loaded with the English UI. */
export const crsMessages = zh;

// Loads with the tools that use it, not with the page (see OnUseCatalogue in ./index.ts).
registerChinese(crsMessages);
