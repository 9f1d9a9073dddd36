/**
 * ESRI WKT for .prj files written by the shapefile writer: WGS84, CGCS2000, Xian 1980 and
 * Beijing 1954, geographic or Gauss–Krüger, built from the geo core's CRS registry (the strings
 * ArcGIS itself writes, so ArcGIS and QGIS recognise the system by name).
 */
import { getCrs, type CrsDefinition } from '../geo/crs';

const GEOGCS: Record<string, string> = {
  WGS84: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  CGCS2000:
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  Xian1980: 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  Beijing1954: 'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
};

function projected(definition: CrsDefinition, geogcs: string): string {
  const gk = definition.gaussKruger!;
  const name = definition.aliases[0]!;
  return (
    `PROJCS["${name}",${geogcs},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${gk.falseEasting.toFixed(1)}],` +
    `PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${gk.centralMeridian.toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
  );
}

/**
 * The .prj text for a registry CRS.
 * @throws Error for GCJ-02/BD-09 (no .prj can describe them: write WGS84 instead).
 *
 * @example
 * esriWkt('EPSG:4490') // 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",…]'
 */
export function esriWkt(code: string): string {
  const definition = getCrs(code);
  const geogcs = GEOGCS[definition.datum];
  if (!geogcs) throw new Error(`${definition.code} cannot be written to a .prj`);
  return definition.kind === 'projected' ? projected(definition, geogcs) : geogcs;
}
