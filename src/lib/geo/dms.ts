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
