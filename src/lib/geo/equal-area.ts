/**
 * A fast equal-area plane for bulk work (clipping, statistics, sample-data generation).
 *
 * Lambert cylindrical equal-area on the GRS80 ellipsoid with its standard parallel at the area of
 * interest: x = a·k0·(λ−λ0), y = a·q(φ)/(2·k0). The mapping preserves area exactly, so the
 * shoelace area of projected vertices equals the ellipsoidal area of the same polygon with edges
 * that are straight in this plane. For the short edges of forest sub-compartments (≤ a few km)
 * that differs from GeographicLib's geodesic-edge area by far less than 1e-7 relative; reported
 * figures for single polygons still come from `area.ts`.
 *
 * @example
 * const plane = createEqualAreaPlane(108.8, 28.8);
 * const [x, y] = plane.forward(108.81, 28.81); // metres east and north of the centre, area-true
 */
import { GRS80, eccentricitySquared, type Ellipsoid } from './ellipsoid';

const DEGREES_TO_RADIANS = Math.PI / 180;

export interface EqualAreaPlane {
  readonly centerLongitude: number;
  readonly centerLatitude: number;
  /** Projects longitude/latitude (degrees) to plane metres. */
  forward(longitude: number, latitude: number): [number, number];
  /** Inverse projection: plane metres to [longitude, latitude] degrees. */
  inverse(x: number, y: number): [number, number];
  /** Signed shoelace area (m²) of a ring of lon/lat positions; counter-clockwise is positive. */
  signedRingArea(ring: readonly (readonly number[])[]): number;
}

/** q(φ) of the authalic latitude formulas (Snyder 1987, eq. 3-12). */
function authalicQ(sinLatitude: number, eccentricity: number, eccentricitySq: number): number {
  const eSin = eccentricity * sinLatitude;
  return (
    (1 - eccentricitySq) *
    (sinLatitude / (1 - eSin * eSin) - (1 / (2 * eccentricity)) * Math.log((1 - eSin) / (1 + eSin)))
  );
}

/**
 * Lambert cylindrical equal-area plane centred at the given point: shoelace areas of projected
 * vertices are exact for plane-straight edges (see geodesic-plane-area.ts for geodesic edges).
 */
/** Scales of the plane for a standard parallel; shared by the plane and its per-axis form. */
function planeConstants(centerLatitude: number, ellipsoid: Ellipsoid) {
  const eccentricitySq = eccentricitySquared(ellipsoid);
  const eccentricity = Math.sqrt(eccentricitySq);
  const sinCenter = Math.sin(centerLatitude * DEGREES_TO_RADIANS);
  // k0 makes the standard parallel true to scale, so the plane is nearly conformal near the centre.
  const k0 = Math.cos(centerLatitude * DEGREES_TO_RADIANS) / Math.sqrt(1 - eccentricitySq * sinCenter * sinCenter);
  const xScale = ellipsoid.semiMajorAxis * k0 * DEGREES_TO_RADIANS;
  const yScale = ellipsoid.semiMajorAxis / (2 * k0);
  const yCenter = yScale * authalicQ(sinCenter, eccentricity, eccentricitySq);
  return { eccentricity, eccentricitySq, k0, xScale, yScale, yCenter };
}

export function createEqualAreaPlane(
  centerLongitude: number,
  centerLatitude: number,
  ellipsoid: Ellipsoid = GRS80,
): EqualAreaPlane {
  const { eccentricity, eccentricitySq, xScale, yScale, yCenter } = planeConstants(centerLatitude, ellipsoid);
  const qPole = authalicQ(1, eccentricity, eccentricitySq);

  function forward(longitude: number, latitude: number): [number, number] {
    const q = authalicQ(Math.sin(latitude * DEGREES_TO_RADIANS), eccentricity, eccentricitySq);
    return [(longitude - centerLongitude) * xScale, q * yScale - yCenter];
  }

  function inverse(x: number, y: number): [number, number] {
    const q = (y + yCenter) / yScale;
    // Authalic latitude first, then Newton iteration on φ (converges in 3–4 steps here).
    let latitude = Math.asin(Math.max(-1, Math.min(1, q / qPole)));
    for (let iteration = 0; iteration < 8; iteration++) {
      const sinLatitude = Math.sin(latitude);
      const eSin = eccentricity * sinLatitude;
      const oneMinus = 1 - eSin * eSin;
      const step =
        ((oneMinus * oneMinus) / (2 * Math.cos(latitude))) *
        (q / (1 - eccentricitySq) -
          sinLatitude / oneMinus +
          (1 / (2 * eccentricity)) * Math.log((1 - eSin) / (1 + eSin)));
      latitude += step;
      if (Math.abs(step) < 1e-15) break;
    }
    return [centerLongitude + x / xScale, latitude / DEGREES_TO_RADIANS];
  }

  function signedRingArea(ring: readonly (readonly number[])[]): number {
    const count = ring.length;
    if (count < 3) return 0;
    // Shoelace relative to the first vertex keeps the sum well-conditioned.
    const [x0, y0] = forward(ring[0]![0]!, ring[0]![1]!);
    let previousX = 0;
    let previousY = 0;
    let twiceArea = 0;
    for (let index = 1; index < count; index++) {
      const [x, y] = forward(ring[index]![0]!, ring[index]![1]!);
      const dx = x - x0;
      const dy = y - y0;
      twiceArea += previousX * dy - dx * previousY;
      previousX = dx;
      previousY = dy;
    }
    return twiceArea / 2;
  }

  return { centerLongitude, centerLatitude, forward, inverse, signedRingArea };
}

/** The plane used across the project: centred on Youyang County (108.8°E, 28.85°N). */
export const YOUYANG_EQUAL_AREA_PLANE = createEqualAreaPlane(108.8, 28.85);

/** The equal-area plane's axes as separate, allocation-free functions (for bulk loops). */
export interface EqualAreaAxes {
  /** Plane x (m) of a longitude; identical to forward(longitude, φ)[0]. */
  x(longitude: number): number;
  /** Plane y (m) of a latitude; identical to forward(λ, latitude)[1]. */
  y(latitude: number): number;
  /** The same from the latitude's sine (for loops that need the sine anyway). */
  yOfSine(sinLatitude: number): number;
  /** Scale factor of the standard parallel (cos φ0 / √(1 − e² sin² φ0)). */
  readonly k0: number;
}

/**
 * The same projection as createEqualAreaPlane, split by axis: the cylinder's x depends on the
 * longitude only and y on the latitude only, so bulk code can project without allocating pairs.
 *
 * @example
 * const axes = createEqualAreaAxes(108.8, 28.85);
 * [axes.x(108.81), axes.y(28.86)] // = YOUYANG_EQUAL_AREA_PLANE.forward(108.81, 28.86)
 */
export function createEqualAreaAxes(centerLongitude: number, centerLatitude: number, ellipsoid: Ellipsoid = GRS80): EqualAreaAxes {
  const { eccentricity, eccentricitySq, k0, xScale, yScale, yCenter } = planeConstants(centerLatitude, ellipsoid);
  return {
    x: (longitude) => (longitude - centerLongitude) * xScale,
    y: (latitude) => authalicQ(Math.sin(latitude * DEGREES_TO_RADIANS), eccentricity, eccentricitySq) * yScale - yCenter,
    yOfSine: (sinLatitude) => authalicQ(sinLatitude, eccentricity, eccentricitySq) * yScale - yCenter,
    k0,
  };
}
