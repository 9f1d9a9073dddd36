/**
 * Forest coverage rule (森林覆盖率): arbor forest land with canopy density ≥ 0.2, bamboo forest
 * land and designated (special) shrubland count as forest; coverage = forest area ÷ land area.
 */
import { FOREST_COVER_LAND_CLASSES, MINIMUM_CANOPY_DENSITY } from '../layers/catalog';

type Properties = Readonly<Record<string, unknown>> | null | undefined;

/** Reads a field case-insensitively (bureaus deliver DI_LEI, di_lei or Di_Lei). */
export function readField(properties: Properties, name: string): unknown {
  if (!properties) return undefined;
  if (name in properties) return properties[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(properties)) if (key.toLowerCase() === wanted) return properties[key];
  return undefined;
}

/** True when a sub-compartment counts towards forest coverage. */
export function isForestCover(properties: Properties): boolean {
  const landClass = String(readField(properties, 'DI_LEI') ?? '').trim();
  if (landClass === FOREST_COVER_LAND_CLASSES.bamboo || landClass === FOREST_COVER_LAND_CLASSES.specialShrub) return true;
  if (landClass !== FOREST_COVER_LAND_CLASSES.arbor) return false;
  const canopy = Number(readField(properties, 'YU_BI_DU'));
  return Number.isFinite(canopy) && canopy >= MINIMUM_CANOPY_DENSITY;
}
