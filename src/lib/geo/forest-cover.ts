/**
 * Forest coverage rule (森林覆盖率): arbor forest land with canopy density ≥ 0.2, bamboo forest
 * land and designated (special) shrubland count as forest; coverage = forest area ÷ land area.
 *
 * An inventory without canopy density (郁闭度, YU_BI_DU) cannot apply the rule to arbor forest
 * land: the user chooses whether such stands count (CanopyUnknownRule), and surveyCanopy() says
 * how many stands lacked the value, or that the field is missing altogether — never silently 0 %.
 */
import { LAND_CLASS, landClassName } from './land-class';

type Properties = Readonly<Record<string, unknown>> | null | undefined;

/** The canopy-density field as bureaus name it (matched case-insensitively). */
export const CANOPY_FIELD = 'YU_BI_DU';
export const LAND_CLASS_FIELD = 'DI_LEI';

/** Minimum canopy density (郁闭度) for arbor forest land to count as forest. */
export const MINIMUM_CANOPY_DENSITY = 0.2;

/**
 * What arbor forest land (乔木林地) without a canopy value counts as:
 * 'not-forest' (strict: only stands with canopy ≥ 0.2 count) or 'forest'.
 */
export type CanopyUnknownRule = 'not-forest' | 'forest';
export const CANOPY_UNKNOWN_RULES: readonly CanopyUnknownRule[] = ['not-forest', 'forest'];
export const DEFAULT_CANOPY_UNKNOWN_RULE: CanopyUnknownRule = 'not-forest';

/** Reads a field case-insensitively (bureaus deliver DI_LEI, di_lei or Di_Lei). */
export function readField(properties: Properties, name: string): unknown {
  if (!properties) return undefined;
  if (name in properties) return properties[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(properties)) if (key.toLowerCase() === wanted) return properties[key];
  return undefined;
}

/** The canopy density of a stand (0..1), or null when blank or not a number. */
export function canopyDensity(properties: Properties): number | null {
  const value = readField(properties, CANOPY_FIELD);
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const canopy = Number(value);
  return Number.isFinite(canopy) ? canopy : null;
}

/** True when a sub-compartment counts towards forest coverage. */
export function isForestCover(properties: Properties, canopyUnknown: CanopyUnknownRule = DEFAULT_CANOPY_UNKNOWN_RULE): boolean {
  const landClass = landClassName(readField(properties, LAND_CLASS_FIELD));
  if (landClass === LAND_CLASS.bamboo || landClass === LAND_CLASS.specialShrub) return true;
  if (landClass !== LAND_CLASS.arbor) return false;
  const canopy = canopyDensity(properties);
  if (canopy === null) return canopyUnknown === 'forest';
  return canopy >= MINIMUM_CANOPY_DENSITY;
}

/** How complete the canopy densities of a forest layer are. */
export interface CanopySurvey {
  /** Features in the layer. */
  readonly featureCount: number;
  /** Arbor forest land (乔木林地) features: the ones the canopy rule applies to. */
  readonly arborCount: number;
  /** Arbor forest land features without a usable canopy value. */
  readonly arborWithoutCanopy: number;
  /** False when no feature carries the YU_BI_DU field at all (as opposed to blank values). */
  readonly fieldPresent: boolean;
}

/**
 * Counts the stands the canopy rule cannot decide.
 *
 * @example
 * surveyCanopy(subcompartments.features) // { featureCount: 43355, arborCount: 18204, arborWithoutCanopy: 0, fieldPresent: true }
 */
export function surveyCanopy(features: ReadonlyArray<{ readonly properties: Properties }>): CanopySurvey {
  let arborCount = 0;
  let arborWithoutCanopy = 0;
  let fieldPresent = false;
  for (const feature of features) {
    const properties = feature?.properties;
    if (!fieldPresent && readField(properties, CANOPY_FIELD) !== undefined) fieldPresent = true;
    if (landClassName(readField(properties, LAND_CLASS_FIELD)) !== LAND_CLASS.arbor) continue;
    arborCount++;
    if (canopyDensity(properties) === null) arborWithoutCanopy++;
  }
  return { featureCount: features.length, arborCount, arborWithoutCanopy, fieldPresent };
}
