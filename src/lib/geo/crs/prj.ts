/**
 * Reads the WKT of a .prj file (ESRI WKT or OGC WKT1) into a registry CRS or, failing that, a
 * proj4 definition built from its parameters.
 *
 * Recognition order: an EPSG AUTHORITY code in the registry; a registry alias matching the
 * PROJCS/GEOGCS name (e.g. "CGCS2000_3_Degree_GK_CM_108E"); then the parameters — projection
 * (Gauss_Kruger / Transverse_Mercator), central meridian, false easting, scale factor, latitude of
 * origin and the spheroid's semi-major axis (6378137 → CGCS2000, 6378140 → Xian 1980,
 * 6378245 → Beijing 1954). proj4's own WKT parser supplies the parameters; a small regex reader
 * is the fallback when it throws.
 */
import proj4 from 'proj4';
import { CRS_DEFINITIONS, type CrsDefinition, type DatumId } from './definitions';
import { findCrs } from './registry';

export interface PrjResult {
  /** The registry entry when recognised. */
  readonly crs?: CrsDefinition;
  /** proj4 definition to use (the registry's, or one built from the WKT). */
  readonly proj4: string;
  /** How it was recognised. */
  readonly matchedBy: 'authority' | 'name' | 'parameters' | 'unmatched';
  /** Name found in the WKT (PROJCS or GEOGCS). */
  readonly name: string;
}

interface WktParameters {
  readonly name: string;
  readonly projected: boolean;
  readonly projection?: string;
  readonly centralMeridian?: number;
  readonly falseEasting?: number;
  readonly falseNorthing?: number;
  readonly scaleFactor?: number;
  readonly latitudeOfOrigin?: number;
  readonly semiMajorAxis?: number;
  readonly inverseFlattening?: number;
  readonly authority?: string;
}

const RADIANS_TO_DEGREES = 180 / Math.PI;

function regexParameters(wkt: string): WktParameters {
  const parameter = (name: string) => {
    const match = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*([-+\\d.eE]+)`, 'i').exec(wkt);
    return match ? Number(match[1]) : undefined;
  };
  const spheroid = /SPHEROID\s*\[\s*"[^"]*"\s*,\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)/i.exec(wkt);
  const projected = /^\s*PROJCS/i.test(wkt);
  const name = /^\s*(?:PROJCS|GEOGCS)\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? '';
  const projection = /PROJECTION\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1];
  // The authority of the outermost object is the last AUTHORITY before the final bracket.
  const authorities = [...wkt.matchAll(/AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const authority = authorities.length > 0 ? authorities[authorities.length - 1]![1] : undefined;
  return {
    name,
    projected,
    projection,
    centralMeridian: parameter('central_meridian') ?? parameter('longitude_of_center'),
    falseEasting: parameter('false_easting'),
    falseNorthing: parameter('false_northing'),
    scaleFactor: parameter('scale_factor'),
    latitudeOfOrigin: parameter('latitude_of_origin'),
    semiMajorAxis: spheroid ? Number(spheroid[1]) : undefined,
    inverseFlattening: spheroid ? Number(spheroid[2]) : undefined,
    authority: authority ? `EPSG:${authority}` : undefined,
  };
}

/** Parameters via proj4's WKT parser, completed by the regex reader where proj4 leaves gaps. */
function readParameters(wkt: string): WktParameters {
  const fallback = regexParameters(wkt);
  try {
    const parsed = proj4.Proj(wkt) as unknown as {
      projName?: string;
      long0?: number;
      lat0?: number;
      x0?: number;
      y0?: number;
      k0?: number;
      a?: number;
      rf?: number;
    };
    return {
      ...fallback,
      centralMeridian: parsed.long0 !== undefined && fallback.projected ? parsed.long0 * RADIANS_TO_DEGREES : fallback.centralMeridian,
      falseEasting: parsed.x0 ?? fallback.falseEasting,
      falseNorthing: parsed.y0 ?? fallback.falseNorthing,
      scaleFactor: parsed.k0 ?? fallback.scaleFactor,
      latitudeOfOrigin: parsed.lat0 !== undefined ? parsed.lat0 * RADIANS_TO_DEGREES : fallback.latitudeOfOrigin,
      semiMajorAxis: parsed.a ?? fallback.semiMajorAxis,
      inverseFlattening: parsed.rf ?? fallback.inverseFlattening,
    };
  } catch {
    return fallback;
  }
}

function datumFromSpheroid(semiMajorAxis: number | undefined, name: string): DatumId | undefined {
  if (semiMajorAxis === undefined) return undefined;
  if (Math.abs(semiMajorAxis - 6378140) < 0.5) return 'Xian1980';
  if (Math.abs(semiMajorAxis - 6378245) < 0.5) return 'Beijing1954';
  if (Math.abs(semiMajorAxis - 6378137) < 0.5) return /wgs/i.test(name) ? 'WGS84' : 'CGCS2000';
  return undefined;
}

const TRANSVERSE_MERCATOR = /gauss|kruger|transverse_mercator|tmerc/i;

function matchByParameters(parameters: WktParameters): CrsDefinition | undefined {
  const datum = datumFromSpheroid(parameters.semiMajorAxis, parameters.name);
  if (!datum) return undefined;
  if (!parameters.projected) {
    return CRS_DEFINITIONS.find((definition) => definition.kind === 'geographic' && definition.datum === datum);
  }
  if (!parameters.projection || !TRANSVERSE_MERCATOR.test(parameters.projection)) return undefined;
  const close = (a: number | undefined, b: number, tolerance: number) => a !== undefined && Math.abs(a - b) <= tolerance;
  if (!close(parameters.scaleFactor ?? 1, 1, 1e-9) || !close(parameters.latitudeOfOrigin ?? 0, 0, 1e-9)) return undefined;
  if (!close(parameters.falseNorthing ?? 0, 0, 1e-6)) return undefined;
  return CRS_DEFINITIONS.find(
    (definition) =>
      definition.datum === datum &&
      definition.gaussKruger !== undefined &&
      close(parameters.centralMeridian, definition.gaussKruger.centralMeridian, 1e-7) &&
      close(parameters.falseEasting, definition.gaussKruger.falseEasting, 1e-3),
  );
}

function proj4FromParameters(parameters: WktParameters): string | undefined {
  const a = parameters.semiMajorAxis;
  const rf = parameters.inverseFlattening;
  if (a === undefined || rf === undefined) return undefined;
  const ellipsoid = `+a=${a} +rf=${rf}`;
  if (!parameters.projected) return `+proj=longlat ${ellipsoid} +no_defs`;
  if (!parameters.projection || !TRANSVERSE_MERCATOR.test(parameters.projection) || parameters.centralMeridian === undefined) return undefined;
  return (
    `+proj=tmerc +lat_0=${parameters.latitudeOfOrigin ?? 0} +lon_0=${parameters.centralMeridian} ` +
    `+k=${parameters.scaleFactor ?? 1} +x_0=${parameters.falseEasting ?? 0} +y_0=${parameters.falseNorthing ?? 0} ${ellipsoid} +units=m +no_defs`
  );
}

/** Error for a .prj that is neither in the registry nor a Gauss–Krüger/geographic system we can build. */
export class UnsupportedPrjError extends Error {
  constructor(readonly wkt: string) {
    super(`Unsupported coordinate system in .prj: ${wkt.slice(0, 120)}${wkt.length > 120 ? '…' : ''}`);
    this.name = 'UnsupportedPrjError';
  }
}

/**
 * Parses .prj WKT into a CRS.
 * @throws UnsupportedPrjError when the WKT is neither recognised nor convertible.
 *
 * @example
 * parsePrj('PROJCS["CGCS2000_3_Degree_GK_CM_108E", …]').crs?.code // = 'EPSG:4545'
 */
export function parsePrj(wkt: string): PrjResult {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  const parameters = readParameters(text);
  const byAuthority = parameters.authority ? findCrs(parameters.authority) : undefined;
  if (byAuthority) return { crs: byAuthority, proj4: byAuthority.proj4 ?? '', matchedBy: 'authority', name: parameters.name };
  const byParameters = matchByParameters(parameters);
  const byName = parameters.name ? findCrs(parameters.name) : undefined;
  // A name is only trusted when the parameters agree with it (offices rename files freely).
  if (byName && (!byParameters || byParameters.code === byName.code)) {
    return { crs: byName, proj4: byName.proj4 ?? '', matchedBy: 'name', name: parameters.name };
  }
  if (byParameters) return { crs: byParameters, proj4: byParameters.proj4 ?? '', matchedBy: 'parameters', name: parameters.name };
  const built = proj4FromParameters(parameters);
  if (!built) throw new UnsupportedPrjError(text);
  return { proj4: built, matchedBy: 'unmatched', name: parameters.name };
}
