/**
 * Degrees–minutes–seconds (度分秒) for boundary-point tables and coordinate read-outs.
 *
 * Rounding is done on the total number of seconds, so 28.9999999° never prints as 28°59′60″:
 * it carries into the minutes and degrees (29°00′00.0000″).
 *
 * @example
 * formatDms(108.77, 'longitude')  // = "108°46′12.0000″E"
 * formatDms(-0.5, 'latitude', 1)  // = "0°30′00.0″S"
 */

export type Axis = 'longitude' | 'latitude';

export interface DmsParts {
  readonly degrees: number;
  readonly minutes: number;
  /** Seconds rounded to the requested decimals (always < 60). */
  readonly seconds: number;
  /** True west of Greenwich / south of the equator. */
  readonly negative: boolean;
}

/**
 * Splits decimal degrees into whole degrees, whole minutes and rounded seconds.
 * @param secondsDecimals decimals kept in the seconds (default 4 ≈ 3 mm of latitude).
 */
export function toDmsParts(decimalDegrees: number, secondsDecimals = 4): DmsParts {
  if (!Number.isFinite(decimalDegrees)) throw new RangeError(`not a finite angle: ${decimalDegrees}`);
  const factor = 10 ** secondsDecimals;
  // Integer count of the smallest printed unit, so carries are exact.
  const units = Math.round(Math.abs(decimalDegrees) * 3600 * factor);
  const perMinute = 60 * factor;
  const perDegree = 3600 * factor;
  const degrees = Math.floor(units / perDegree);
  const minutes = Math.floor((units - degrees * perDegree) / perMinute);
  const seconds = (units - degrees * perDegree - minutes * perMinute) / factor;
  return { degrees, minutes, seconds, negative: decimalDegrees < 0 && units > 0 };
}

const HEMISPHERES: Record<Axis, readonly [positive: string, negative: string]> = {
  longitude: ['E', 'W'],
  latitude: ['N', 'S'],
};

/**
 * Formats an angle as 108°46′12.0000″E: two-digit minutes and seconds, hemisphere letter last.
 * @param secondsDecimals decimals of the seconds (default 4).
 */
export function formatDms(decimalDegrees: number, axis: Axis, secondsDecimals = 4): string {
  const parts = toDmsParts(decimalDegrees, secondsDecimals);
  const [positive, negative] = HEMISPHERES[axis];
  const seconds = parts.seconds.toFixed(secondsDecimals).padStart(secondsDecimals > 0 ? secondsDecimals + 3 : 2, '0');
  const minutes = String(parts.minutes).padStart(2, '0');
  return `${parts.degrees}°${minutes}′${seconds}″${parts.negative ? negative : positive}`;
}

/** Longer cells are not coordinates (and a bounded length keeps any regex work small). */
const MAX_COORDINATE_LENGTH = 64;

/**
 * Degrees, then optional minutes and seconds, each ending in its unit; seconds need the minutes'
 * unit before them, so a run of digits can be split only one way (no quadratic backtracking).
 * A hemisphere letter (or 东/西/南/北, optionally with 经/纬) may come first or last.
 */
const DMS = /^([NSEW东西南北])?[经纬]?(-?\d+(?:\.\d+)?)[°度:](?:(\d+(?:\.\d+)?)(?:['′分:](?:(\d+(?:\.\d+)?)(?:["″秒]|'')?)?)?)?([NSEW东西南北])?$/i;

/**
 * Reads degrees–minutes–seconds text such as 108°46′12″E, 28°50'24"N, S0°30′, 108:46:12 or
 * 东经108度46分12秒 (spaces are ignored). NaN when it is not DMS or minutes/seconds reach 60.
 *
 * @example
 * parseDms('108°46′12″E') // = 108.77
 */
export function parseDms(text: string): number {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (compact.length > MAX_COORDINATE_LENGTH) return Number.NaN;
  const match = DMS.exec(compact);
  if (!match) return Number.NaN;
  const degrees = Number(match[2]);
  const minutes = match[3] ? Number(match[3]) : 0;
  const seconds = match[4] ? Number(match[4]) : 0;
  if (minutes >= 60 || seconds >= 60) return Number.NaN;
  const hemisphere = (match[1] ?? match[5] ?? '').toUpperCase();
  const negative = degrees < 0 || hemisphere === 'S' || hemisphere === 'W' || hemisphere === '南' || hemisphere === '西';
  const magnitude = Math.abs(degrees) + minutes / 60 + seconds / 3600;
  return negative ? -magnitude : magnitude;
}
