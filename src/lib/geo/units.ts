/**
 * Area units used by Chinese forestry: 亩 (mu), 公顷 (hectare), 平方千米 and 万亩.
 *
 * 1 亩 = 10000/15 m² exactly, so m² × 0.0015 = 亩 and 1 公顷 = 15 亩.
 *
 * @example
 * squareMetresToMu(666.6666666666666) // = 1
 * muToHectares(15)                    // = 1
 */

import type { Locale } from '../i18n/locale';

/** Square metres in one 亩 (exact: 10000/15). */
export const SQUARE_METRES_PER_MU = 10000 / 15;
/** 亩 in one 公顷. */
export const MU_PER_HECTARE = 15;

/** m² → 亩 (exact: × 0.0015). */
export function squareMetresToMu(squareMetres: number): number {
  // Multiply by 0.0015 rather than divide by 666.66…: 0.0015 is the exact definition.
  return squareMetres * 0.0015;
}

/** 亩 → m² (exact: ÷ 0.0015). */
export function muToSquareMetres(mu: number): number {
  return mu / 0.0015;
}

/** m² → 公顷 (hectares). */
export function squareMetresToHectares(squareMetres: number): number {
  return squareMetres / 10000;
}

/** 公顷 → m². */
export function hectaresToSquareMetres(hectares: number): number {
  return hectares * 10000;
}

/** 亩 → 公顷 (÷ 15). */
export function muToHectares(mu: number): number {
  return mu / MU_PER_HECTARE;
}

/** 公顷 → 亩 (× 15). */
export function hectaresToMu(hectares: number): number {
  return hectares * MU_PER_HECTARE;
}

/** m² → km². */
export function squareMetresToSquareKilometres(squareMetres: number): number {
  return squareMetres / 1e6;
}

export type AreaUnit = 'mu' | 'hectare' | 'squareMetre' | 'squareKilometre' | 'tenThousandMu';

const UNIT_LABELS: Record<Locale, Record<AreaUnit, string>> = {
  zh: { mu: '亩', hectare: '公顷', squareMetre: '平方米', squareKilometre: '平方千米', tenThousandMu: '万亩' },
  en: { mu: 'mu', hectare: 'ha', squareMetre: 'm²', squareKilometre: 'km²', tenThousandMu: '10k mu' },
};

/** Decimals users expect for each unit (plot-level precision for 亩, survey precision for m²). */
const UNIT_DECIMALS: Record<AreaUnit, number> = {
  mu: 2,
  hectare: 4,
  squareMetre: 1,
  squareKilometre: 2,
  tenThousandMu: 2,
};

/** The unit's label in the locale, e.g. unitLabel('mu', 'zh') = '亩'. */
export function unitLabel(unit: AreaUnit, locale: Locale): string {
  return UNIT_LABELS[locale][unit];
}

/** Converts square metres into the given unit. */
export function convertSquareMetres(squareMetres: number, unit: AreaUnit): number {
  switch (unit) {
    case 'mu':
      return squareMetresToMu(squareMetres);
    case 'hectare':
      return squareMetresToHectares(squareMetres);
    case 'squareMetre':
      return squareMetres;
    case 'squareKilometre':
      return squareMetresToSquareKilometres(squareMetres);
    case 'tenThousandMu':
      return squareMetresToMu(squareMetres) / 1e4;
  }
}

/**
 * Formats a number with thousands separators and fixed decimals, independent of the host locale
 * (Node and browsers differ in Intl data; reports must not).
 *
 * @example
 * formatNumber(1234567.891, 2) // = "1,234,567.89"
 */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction !== undefined ? '.' + fraction : '');
}

/**
 * Formats an area given in square metres, e.g. "1,234.56 亩" or "12.35 万亩".
 * @param decimals overrides the unit's usual number of decimals.
 */
export function formatArea(squareMetres: number, unit: AreaUnit, locale: Locale, decimals?: number): string {
  const value = convertSquareMetres(squareMetres, unit);
  const label = unitLabel(unit, locale);
  const separator = locale === 'zh' ? ' ' : ' ';
  return formatNumber(value, decimals ?? UNIT_DECIMALS[unit]) + separator + label;
}

/**
 * Picks 万亩 for large totals (≥ 100,000 亩) and 亩 otherwise, as bureau reports do.
 */
export function formatMuAuto(squareMetres: number, locale: Locale): string {
  const mu = squareMetresToMu(squareMetres);
  return Math.abs(mu) >= 1e5 ? formatArea(squareMetres, 'tenThousandMu', locale) : formatArea(squareMetres, 'mu', locale);
}

/** Formats a ratio (0..1) as a percentage with the given decimals, e.g. "64.50%". */
export function formatPercent(ratio: number, decimals = 2): string {
  if (!Number.isFinite(ratio)) return '—';
  return (ratio * 100).toFixed(decimals) + '%';
}

/** km² to m². */
export function squareKilometresToSquareMetres(squareKilometres: number): number {
  return squareKilometres * 1e6;
}

/** Every area unit, in the order tables offer them. */
export const AREA_UNITS: readonly AreaUnit[] = ['mu', 'tenThousandMu', 'hectare', 'squareKilometre', 'squareMetre'];

const UNIT_ALIASES: Record<string, AreaUnit> = {
  mu: 'mu', 亩: 'mu',
  wanmu: 'tenThousandMu', '10kmu': 'tenThousandMu', 万亩: 'tenThousandMu', tenthousandmu: 'tenThousandMu',
  ha: 'hectare', hectare: 'hectare', hectares: 'hectare', 公顷: 'hectare',
  km2: 'squareKilometre', 'km²': 'squareKilometre', squarekilometre: 'squareKilometre', 平方千米: 'squareKilometre', 平方公里: 'squareKilometre',
  m2: 'squareMetre', 'm²': 'squareMetre', squaremetre: 'squareMetre', 平方米: 'squareMetre',
};

/**
 * Reads a unit name as users type it ("亩", "mu", "ha", "公顷", "万亩", "km2", …); undefined if unknown.
 *
 * @example
 * parseAreaUnit('公顷') // = 'hectare'
 */
export function parseAreaUnit(text: string): AreaUnit | undefined {
  return UNIT_ALIASES[text.trim().toLowerCase().replace(/\s+/g, '')];
}

/**
 * Formats a count with thousands separators, e.g. "40,312" (zh and en reports both use commas).
 *
 * @example
 * formatCount(40312) // = "40,312"
 */
export function formatCount(count: number): string {
  return formatNumber(Math.round(count), 0);
}
