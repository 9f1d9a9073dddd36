/**
 * Named coordinate reference systems the bureau's data arrive in, as proj4 definitions.
 *
 * Gauss–Krüger (高斯-克吕格) is a transverse Mercator with scale 1 on the central meridian.
 * "3°"/"6°" zones: 3° zone n has its central meridian at 3n °E (zone 36 → 108°E); 6° zone n at
 * 6n − 3 °E (zone 19 → 111°E). A zone-prefixed system writes the zone number in front of the
 * easting (x_0 = zone·10⁶ + 500000, so 575144.43 becomes 36575144.43).
 *
 * Xian 1980 (西安80) and Beijing 1954 (北京54) are defined here by their ellipsoids only
 * (IAG-75 = proj's `IAU76`, Krassowsky = `krass`) with no datum shift: the official 7-parameter
 * shifts to CGCS2000 are not public. Longitude/latitude numbers are therefore carried over
 * unchanged between datums, which misplaces features by the datum offset — typically tens of
 * metres for Xian 1980 and up to about 100 m for Beijing 1954 in this region — while areas and
 * shapes are unaffected beyond ~1e-5 relative. The ellipsoid difference itself is handled exactly.
 */
import type { LocalizedText } from '../../i18n/locale';

export type DatumId = 'WGS84' | 'CGCS2000' | 'Xian1980' | 'Beijing1954' | 'GCJ-02' | 'BD-09';
export type CrsKind = 'geographic' | 'projected' | 'offset-geographic';

/** Parameters of a Gauss–Krüger projection, for matching .prj files and detection. */
export interface GaussKrugerParameters {
  readonly centralMeridian: number;
  readonly zoneWidth: 3 | 6;
  readonly zone: number;
  /** True when the easting carries the zone number (x_0 = zone·10⁶ + 500000). */
  readonly zonePrefixed: boolean;
  readonly falseEasting: number;
}

export interface CrsDefinition {
  /** Canonical code, e.g. "EPSG:4545", "GCJ-02", "BD-09". */
  readonly code: string;
  readonly name: LocalizedText;
  readonly kind: CrsKind;
  readonly datum: DatumId;
  /** proj4 definition; absent for GCJ-02/BD-09, which gcoord handles. */
  readonly proj4?: string;
  readonly gaussKruger?: GaussKrugerParameters;
  /** Other spellings accepted on input (ESRI names, Chinese names). */
  readonly aliases: readonly string[];
}

interface DatumInfo {
  readonly ellipsoid: string;
  readonly zh: string;
  readonly en: string;
  readonly esri: string;
}

const DATUMS: Record<'CGCS2000' | 'Xian1980' | 'Beijing1954', DatumInfo> = {
  CGCS2000: { ellipsoid: 'GRS80', zh: 'CGCS2000', en: 'CGCS2000', esri: 'CGCS2000' },
  Xian1980: { ellipsoid: 'IAU76', zh: '西安80', en: 'Xian 1980', esri: 'Xian_1980' },
  Beijing1954: { ellipsoid: 'krass', zh: '北京54', en: 'Beijing 1954', esri: 'Beijing_1954' },
};

/** First EPSG code of each family, so that code = base + offset (see EPSG registry). */
const EPSG_BASES = {
  CGCS2000: { zone3: { base: 4513, firstZone: 25 }, cm3: { base: 4534, firstCm: 75 }, zone6: { base: 4491, firstZone: 13 }, cm6: { base: 4502, firstCm: 75 } },
  Xian1980: { zone3: { base: 2349, firstZone: 25 }, cm3: { base: 2370, firstCm: 75 }, zone6: { base: 2327, firstZone: 13 }, cm6: { base: 2338, firstCm: 75 } },
  Beijing1954: { zone3: { base: 2401, firstZone: 25 }, cm3: { base: 2422, firstCm: 75 }, zone6: { base: 21413, firstZone: 13 }, cm6: { base: 21453, firstCm: 75 } },
} as const;

function gaussKruger(datum: keyof typeof DATUMS, zoneWidth: 3 | 6, zone: number, zonePrefixed: boolean): CrsDefinition {
  const info = DATUMS[datum];
  const bases = EPSG_BASES[datum];
  const centralMeridian = zoneWidth === 3 ? zone * 3 : zone * 6 - 3;
  const falseEasting = zonePrefixed ? zone * 1e6 + 500000 : 500000;
  const epsg =
    zoneWidth === 3
      ? zonePrefixed
        ? bases.zone3.base + (zone - bases.zone3.firstZone)
        : bases.cm3.base + (centralMeridian - bases.cm3.firstCm) / 3
      : zonePrefixed
        ? bases.zone6.base + (zone - bases.zone6.firstZone)
        : bases.cm6.base + (centralMeridian - bases.cm6.firstCm) / 6;
  const degree = `${zoneWidth}_Degree_GK`;
  const esriName = zonePrefixed ? `${info.esri}_${degree}_Zone_${zone}` : `${info.esri}_${degree}_CM_${centralMeridian}E`;
  const enName = zonePrefixed
    ? `${info.en} / ${zoneWidth}-degree Gauss-Kruger zone ${zone}`
    : `${info.en} / ${zoneWidth}-degree Gauss-Kruger CM ${centralMeridian}E`;
  const zhName = zonePrefixed
    ? `${info.zh} ${zoneWidth}度带高斯-克吕格 第${zone}带（带号）`
    : `${info.zh} ${zoneWidth}度带高斯-克吕格 中央经线${centralMeridian}°E`;
  return {
    code: `EPSG:${epsg}`,
    name: { zh: zhName, en: enName },
    kind: 'projected',
    datum,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=${info.ellipsoid} +units=m +no_defs`,
    gaussKruger: { centralMeridian, zoneWidth, zone, zonePrefixed, falseEasting },
    aliases: [esriName, enName],
  };
}

/** 3° zones 35–37 (CM 105/108/111°E) and 6° zones 18–19 (CM 105/111°E) cover Youyang and its neighbours. */
function familiesFor(datum: keyof typeof DATUMS): CrsDefinition[] {
  return [
    ...[35, 36, 37].map((zone) => gaussKruger(datum, 3, zone, false)),
    ...[35, 36, 37].map((zone) => gaussKruger(datum, 3, zone, true)),
    ...[18, 19].map((zone) => gaussKruger(datum, 6, zone, true)),
    ...[18, 19].map((zone) => gaussKruger(datum, 6, zone, false)),
  ];
}

/** A longitude/latitude system on the given datum. */
function geographic(code: string, datum: DatumId, zh: string, en: string, ellipsoid: string, aliases: string[]): CrsDefinition {
  const proj4 = ellipsoid === 'WGS84' ? '+proj=longlat +datum=WGS84 +no_defs' : `+proj=longlat +ellps=${ellipsoid} +no_defs`;
  return { code, name: { zh: `${zh} 经纬度`, en: `${en} (longitude/latitude)` }, kind: 'geographic', datum, proj4, aliases };
}

/** A web-map offset system handled by gcoord. */
function offset(datum: 'GCJ-02' | 'BD-09', zh: string, en: string, aliases: string[]): CrsDefinition {
  return { code: datum, name: { zh, en }, kind: 'offset-geographic', datum, aliases };
}

/** Every CRS the project knows, WGS84 first. */
export const CRS_DEFINITIONS: readonly CrsDefinition[] = [
  geographic('EPSG:4326', 'WGS84', 'WGS84', 'WGS 84', 'WGS84', ['WGS84', 'WGS 84', 'GCS_WGS_1984', 'CRS84', 'OGC:CRS84', 'urn:ogc:def:crs:OGC:1.3:CRS84']),
  geographic('EPSG:4490', 'CGCS2000', 'CGCS2000', 'CGCS2000', 'GRS80', ['CGCS2000', 'GCS_China_Geodetic_Coordinate_System_2000', 'China Geodetic Coordinate System 2000']),
  geographic('EPSG:4610', 'Xian1980', '西安80', 'Xian 1980', 'IAU76', ['Xian 1980', 'GCS_Xian_1980', 'Xian1980']),
  geographic('EPSG:4214', 'Beijing1954', '北京54', 'Beijing 1954', 'krass', ['Beijing 1954', 'GCS_Beijing_1954', 'Beijing1954']),
  {
    code: 'EPSG:3857',
    name: { zh: 'Web 墨卡托（在线地图瓦片）', en: 'Web Mercator (web map tiles)' },
    kind: 'projected',
    datum: 'WGS84',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    aliases: ['Web Mercator', 'Pseudo-Mercator', 'WGS 84 / Pseudo-Mercator', 'WGS_1984_Web_Mercator_Auxiliary_Sphere', 'EPSG:900913', 'EPSG:3785'],
  },
  ...familiesFor('CGCS2000'),
  ...familiesFor('Xian1980'),
  ...familiesFor('Beijing1954'),
  offset('GCJ-02', 'GCJ-02 火星坐标（高德、腾讯）', 'GCJ-02 (Amap, Tencent web maps)', ['GCJ02', 'GCJ-02', 'gcj', 'AMAP', 'Mars']),
  offset('BD-09', 'BD-09 百度坐标', 'BD-09 (Baidu maps)', ['BD09', 'BD-09', 'BD09LL', 'Baidu']),
];
