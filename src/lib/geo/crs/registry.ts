/**
 * Lookup of the CRS registry by code or alias ("EPSG:4545", "4545", "urn:ogc:def:crs:EPSG::4545",
 * "CGCS2000_3_Degree_GK_CM_108E", "GCJ02", …).
 */
import proj4 from 'proj4';
import { CRS_DEFINITIONS, type CrsDefinition } from './definitions';

/** The CRS every GeoJSON in the app is converted to. */
export const WGS84_CODE = 'EPSG:4326';

function normaliseKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

const BY_KEY = new Map<string, CrsDefinition>();
for (const definition of CRS_DEFINITIONS) {
  BY_KEY.set(normaliseKey(definition.code), definition);
  for (const alias of definition.aliases) BY_KEY.set(normaliseKey(alias), definition);
  if (definition.proj4) proj4.defs(definition.code, definition.proj4);
}

/**
 * Finds a CRS by code or alias; undefined when unknown.
 *
 * @example
 * findCrs('4545')?.code                          // = 'EPSG:4545'
 * findCrs('urn:ogc:def:crs:EPSG::4524')?.code    // = 'EPSG:4524'
 * findCrs('gcj02')?.code                         // = 'GCJ-02'
 */
export function findCrs(codeOrAlias: string): CrsDefinition | undefined {
  const text = codeOrAlias.trim();
  const epsg = /^(?:urn:ogc:def:crs:)?epsg:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(text) ?? /^(\d{4,5})$/.exec(text);
  if (epsg) return BY_KEY.get(normaliseKey(`EPSG:${epsg[1]}`));
  return BY_KEY.get(normaliseKey(text));
}

/** Error thrown for a CRS name or code not in the registry; the message lists what is known. */
export class UnknownCrsError extends Error {
  constructor(readonly requested: string) {
    super(
      `Unknown coordinate system "${requested}". Known: ${CRS_DEFINITIONS.map((definition) => definition.code).join(', ')}`,
    );
    this.name = 'UnknownCrsError';
  }
}

/** Like findCrs but throws UnknownCrsError. */
export function getCrs(codeOrAlias: string): CrsDefinition {
  const definition = findCrs(codeOrAlias);
  if (!definition) throw new UnknownCrsError(codeOrAlias);
  return definition;
}

/** Every registered CRS (WGS84 first). */
export function listCrs(): readonly CrsDefinition[] {
  return CRS_DEFINITIONS;
}
