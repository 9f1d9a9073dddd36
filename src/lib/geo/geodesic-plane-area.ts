/**
 * Fast ellipsoidal area of polygons with geodesic edges, from the equal-area plane.
 *
 * The shoelace area in the Lambert cylindrical equal-area plane (equal-area.ts) is exact for
 * polygons whose edges are straight in that plane. A geodesic edge is not: it bows poleward by a
 * sagitta that grows with the square of its length, so a triangle with 1 km edges reads ~1e-5
 * relative off GeographicLib (squares aligned with the graticule hide this: their bows cancel).
 * Each edge therefore gets the area between its chord and its geodesic, from the geodesic equation
 * in the plane's metric ds² = h²dx² + h⁻²dy² (h = N·cosφ/(a·k0)): y'' = h³h' + 3(h'/h)·y'², with
 * h' = −sinφ/(a·k0·h), giving ΔA = −sinφ/(a·k0)·(h²·dx³ + 3·dx·dy²/h²)/12 per edge (dx, dy in
 * plane metres, counter-clockwise positive).
 *
 * The remaining error is of the next order (edge length ⁴): below 1e-10 relative of GeographicLib for
 * sub-compartments and ~1e-9 for polygons with 5 km edges (tests/unit/geo-area.test.ts).
 *
 * @example
 * const measure = createGeodesicPlaneArea(108.8, 28.85);
 * measure.signedRingArea([[108.7, 28.8], [108.72, 28.81], [108.7, 28.82], [108.7, 28.8]]) // ≈ GeographicLib to 1e-10
 */
import { GRS80, eccentricitySquared, type Ellipsoid } from './ellipsoid';
import { createEqualAreaAxes, createEqualAreaPlane, type EqualAreaPlane } from './equal-area';

const DEGREES_TO_RADIANS = Math.PI / 180;

export interface GeodesicPlaneArea {
  readonly plane: EqualAreaPlane;
  /** Signed area (m², counter-clockwise positive) of a ring of [lon, lat] positions with geodesic edges. */
  signedRingArea(ring: readonly (readonly number[])[]): number;
  /** The same for a flat ring (lon0, lat0, lon1, lat1, …; closing vertex optional). */
  signedFlatRingArea(ring: Float64Array): number;
  /**
   * Writes a vertex's plane x, y (m), sin φ and metric factor h to out[offset … offset + 3]: the
   * per-vertex inputs of edgeTerm, so edge pieces can be summed without re-projecting.
   */
  vertexTerms(longitude: number, latitude: number, out: Float64Array, offset: number): void;
  /**
   * One edge's share of a ring's signed area (m²): ½(xa·yb − xb·ya) plus the geodesic bow. Summed
   * over any set of edges forming closed cycles it gives their area, whatever origin x, y are
   * measured from (pass them relative to a nearby point for precision); a ring's edges sum to
   * signedFlatRingArea.
   */
  edgeTerm(xa: number, ya: number, sinA: number, hA: number, xb: number, yb: number, sinB: number, hB: number): number;
}

/** Builds the calculator for a plane centred at the given point (GRS80 by default). */
export function createGeodesicPlaneArea(centerLongitude: number, centerLatitude: number, ellipsoid: Ellipsoid = GRS80): GeodesicPlaneArea {
  const plane = createEqualAreaPlane(centerLongitude, centerLatitude, ellipsoid);
  const axes = createEqualAreaAxes(centerLongitude, centerLatitude, ellipsoid);
  const eccentricitySq = eccentricitySquared(ellipsoid);
  const k0 = axes.k0;
  const aK0 = ellipsoid.semiMajorAxis * k0;

  /** Metric factor h of the plane at a latitude of the given sine. */
  const metric = (sinLatitude: number) => Math.sqrt(1 - sinLatitude * sinLatitude) / Math.sqrt(1 - eccentricitySq * sinLatitude * sinLatitude) / k0;

  /**
   * Signed area of the first `count` vertices of a flat ring (lon0, lat0, …), closed implicitly.
   * One loop over typed data, one sine per vertex: it runs for every vertex of every feature.
   */
  function accumulate(ring: ArrayLike<number>, count: number): number {
    if (count < 3) return 0;
    const x0 = axes.x(ring[0]!);
    const firstSin = Math.sin(ring[1]! * DEGREES_TO_RADIANS);
    const y0 = axes.yOfSine(firstSin);
    const firstH = metric(firstSin);
    let previousX = 0;
    let previousY = 0;
    let previousSin = firstSin;
    let previousH = firstH;
    let twice = 0;
    let bows = 0;
    for (let index = 1; index <= count; index++) {
      let dx = 0;
      let dy = 0;
      let sinLatitude = firstSin;
      let h = firstH;
      if (index !== count) {
        sinLatitude = Math.sin(ring[2 * index + 1]! * DEGREES_TO_RADIANS);
        dx = axes.x(ring[2 * index]!) - x0;
        dy = axes.yOfSine(sinLatitude) - y0;
        h = metric(sinLatitude);
      }
      twice += previousX * dy - dx * previousY;
      const edgeX = dx - previousX;
      const edgeY = dy - previousY;
      const sinMid = (sinLatitude + previousSin) / 2;
      const hMid = (h + previousH) / 2;
      const hSq = hMid * hMid;
      bows -= (sinMid / aK0) * (hSq * edgeX * edgeX * edgeX + (3 * edgeX * edgeY * edgeY) / hSq);
      previousX = dx;
      previousY = dy;
      previousSin = sinLatitude;
      previousH = h;
    }
    return twice / 2 + bows / 12;
  }

  /** A GeoJSON ring's vertices, flat, in a buffer reused across calls. */
  let flat = new Float64Array(256);

  return {
    plane,
    vertexTerms(longitude, latitude, out, offset) {
      const sinLatitude = Math.sin(latitude * DEGREES_TO_RADIANS);
      out[offset] = axes.x(longitude);
      out[offset + 1] = axes.yOfSine(sinLatitude);
      out[offset + 2] = sinLatitude;
      out[offset + 3] = metric(sinLatitude);
    },
    edgeTerm(xa, ya, sinA, hA, xb, yb, sinB, hB) {
      const edgeX = xb - xa;
      const edgeY = yb - ya;
      const hMid = (hA + hB) / 2;
      const hSq = hMid * hMid;
      const bow = ((sinA + sinB) / 2 / aK0) * (hSq * edgeX * edgeX * edgeX + (3 * edgeX * edgeY * edgeY) / hSq);
      return (xa * yb - xb * ya) / 2 - bow / 12;
    },
    signedRingArea(ring) {
      let count = ring.length;
      if (count > 1 && ring[0]![0] === ring[count - 1]![0] && ring[0]![1] === ring[count - 1]![1]) count--;
      if (flat.length < 2 * count) flat = new Float64Array(2 * count);
      for (let index = 0; index < count; index++) {
        flat[2 * index] = ring[index]![0]!;
        flat[2 * index + 1] = ring[index]![1]!;
      }
      return accumulate(flat, count);
    },
    signedFlatRingArea(ring) {
      let count = ring.length / 2;
      if (count > 1 && ring[0] === ring[2 * count - 2] && ring[1] === ring[2 * count - 1]) count--;
      return accumulate(ring, count);
    },
  };
}
