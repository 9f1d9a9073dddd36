/**
 * The reference ellipsoids the bureau's data come on. CGCS2000 uses GRS80; WGS84 differs from
 * it by 0.1 mm in the semi-minor axis, which no area in this project can see.
 */
export interface Ellipsoid {
  /** Semi-major axis in metres. */
  readonly semiMajorAxis: number;
  /** Flattening. */
  readonly flattening: number;
}

/** GRS80, the ellipsoid of CGCS2000. */
export const GRS80: Ellipsoid = { semiMajorAxis: 6378137, flattening: 1 / 298.257222101 };
/** The WGS84 ellipsoid. */
export const WGS84_ELLIPSOID: Ellipsoid = { semiMajorAxis: 6378137, flattening: 1 / 298.257223563 };

/** First eccentricity squared e² = f(2 − f). */
export function eccentricitySquared(ellipsoid: Ellipsoid): number {
  return ellipsoid.flattening * (2 - ellipsoid.flattening);
}
