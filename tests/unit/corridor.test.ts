/**
 * The corridor buffer against known answers on the GRS80 ellipsoid (GeographicLib): a straight
 * 10 km river at Youyang's latitude buffered 100 m per bank is a rectangle with two round caps.
 */
import { describe, expect, it } from 'vitest';
import { buffer } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { buildCorridor, corridorLineLength, corridorSpecIssues, CORRIDOR_STEPS } from '../../src/lib/geo/corridor';
import { destination, distanceMetres, geometryAreaSquareMetres } from '../../src/lib/geo/area';

const START: Position = [108.8, 28.8];
const LENGTH = 10_000;
const NORTH_END = destination(START, 0, LENGTH);
const meridian: Position[] = [START, NORTH_END];
const EAST_END = destination(START, 90, LENGTH);

function vertices(geometry: Polygon | MultiPolygon | null): Position[] {
  if (!geometry) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((rings) => rings.flat());
}

/** Geodesic distance from a point to the meridian segment START–NORTH_END (foot on the same parallel; < 1 mm off at 1 km). */
function distanceToMeridianSegment(point: Position): number {
  if (point[1]! <= START[1]!) return distanceMetres(point, START);
  if (point[1]! >= NORTH_END[1]!) return distanceMetres(point, NORTH_END);
  return distanceMetres(point, [START[0]!, point[1]!]);
}

/** Longitudes where the corridor's outer ring crosses a parallel (sorted). */
function crossingsAt(geometry: Polygon | MultiPolygon, latitude: number): number[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const found: number[] = [];
  for (const ring of polygons.map((rings) => rings[0]!)) {
    for (let index = 1; index < ring.length; index++) {
      const a = ring[index - 1]!;
      const b = ring[index]!;
      if ((a[1]! - latitude) * (b[1]! - latitude) < 0) found.push(a[0]! + ((latitude - a[1]!) / (b[1]! - a[1]!)) * (b[0]! - a[0]!));
    }
  }
  return found.sort((p, q) => p - q);
}

describe('buildCorridor', () => {
  it('a straight 10 km meridian river at 28.8°N, 100 m per bank, has the area of the rectangle with round caps', () => {
    const width = 100;
    const { geometry, lengthMetres } = buildCorridor([meridian], { widthMetres: width });
    expect(geometry?.type).toBe('Polygon');
    // Known answer: the 2w × L band plus two half discs, drawn (as JSTS draws them) with
    // CORRIDOR_STEPS chords per quarter circle, vertices on the circle. The band's width and
    // length are geodesic, so its ellipsoidal area is 2wL up to the curvature term w²L/R²
    // (~1e-10 relative).
    const capArea = 2 * CORRIDOR_STEPS * width * width * Math.sin(Math.PI / (2 * CORRIDOR_STEPS));
    const expected = 2 * width * LENGTH + capArea;
    const area = geometryAreaSquareMetres(geometry);
    // Tolerance: the frame's scale error over a 10 km line is (5 km)²/2R² ≈ 3e-7 per dimension
    // (corridor.ts); measured 4e-7 in area. 2e-6 is 4 m² here: a wrong radius (Turf's sphere
    // on WGS84 degrees reads -3.3e-3 across this river) fails it by far.
    expect(Math.abs(area - expected) / expected).toBeLessThan(2e-6);
    // Also close to the exact round caps (π w²): the chords cut 0.2 % of the cap area.
    expect(Math.abs(area - (2 * width * LENGTH + Math.PI * width * width))).toBeLessThan(0.003 * Math.PI * width * width);
    expect(lengthMetres).toBeCloseTo(LENGTH, -1);
  });

  it('puts every vertex at the width from the river, to 1 cm, for 100 m and 1 km', () => {
    for (const width of [100, 1000]) {
      const { geometry } = buildCorridor([meridian], { widthMetres: width });
      const distances = vertices(geometry).map(distanceToMeridianSegment);
      expect(Math.min(...distances), `${width} m`).toBeGreaterThan(width - 0.01 * (width / 100));
      expect(Math.max(...distances), `${width} m`).toBeLessThan(width + 0.01 * (width / 100));
    }
  });

  it('is as wide across an east–west river as across a north–south one (Turf alone is not)', () => {
    const width = 1000;
    // A straight river's corridor has every vertex at the width from one of its two ends (the
    // long sides start and end square to the ends; the caps are round about them).
    const offWidth = (geometry: Polygon | MultiPolygon | null): number =>
      Math.max(...vertices(geometry).map((vertex) => Math.abs(Math.min(distanceMetres(vertex, START), distanceMetres(vertex, EAST_END)) - width)));
    expect(offWidth(buildCorridor([[START, EAST_END]], { widthMetres: width }).geometry)).toBeLessThan(0.1);
    // Turf's buffer straight on WGS84 coordinates: its sphere makes this corridor ~3 m too narrow.
    const naive = buffer({ type: 'LineString', coordinates: [START, EAST_END] }, width, { units: 'meters', steps: CORRIDOR_STEPS })!.geometry as Polygon;
    expect(offWidth(naive)).toBeGreaterThan(2);
  });

  it('gives each reach its own width', () => {
    const spec = { widthMetres: 50, reaches: [{ fromMetres: 0, toMetres: 4000, widthMetres: 200 }] };
    const { geometry } = buildCorridor([meridian], spec);
    const halfWidthAt = (metresAlong: number): number => {
      const latitude = destination(START, 0, metresAlong)[1]!;
      const crossings = crossingsAt(geometry!, latitude);
      expect(crossings).toHaveLength(2);
      return (distanceMetres([crossings[0]!, latitude], [START[0]!, latitude]) + distanceMetres([crossings[1]!, latitude], [START[0]!, latitude])) / 2;
    };
    expect(halfWidthAt(2000)).toBeCloseTo(200, 1);
    expect(halfWidthAt(7000)).toBeCloseTo(50, 1);
    // The wide reach's round end reaches 200 m past its end into the narrow one, no further.
    expect(halfWidthAt(4150)).toBeGreaterThan(100);
    expect(halfWidthAt(4250)).toBeCloseTo(50, 1);
    // Area: between the all-narrow and all-wide corridors.
    const area = geometryAreaSquareMetres(geometry);
    expect(area).toBeGreaterThan(2 * 200 * 4000 + 2 * 50 * 6000);
    expect(area).toBeLessThan(2 * 200 * 4000 + 2 * 50 * 6000 + Math.PI * 200 * 200);
  });

  it('clips to an outline and leaves out an excluded area', () => {
    const half = destination(START, 0, LENGTH / 2)[1]!;
    const south: Polygon = { type: 'Polygon', coordinates: [[[108.7, 28.7], [108.9, 28.7], [108.9, half], [108.7, half], [108.7, 28.7]]] };
    const clipped = buildCorridor([meridian], { widthMetres: 100 }, { clipTo: south }).geometry;
    const excluded = buildCorridor([meridian], { widthMetres: 100 }, { exclude: south }).geometry;
    const whole = geometryAreaSquareMetres(buildCorridor([meridian], { widthMetres: 100 }).geometry);
    expect(geometryAreaSquareMetres(clipped) + geometryAreaSquareMetres(excluded)).toBeCloseTo(whole, -1);
    expect(geometryAreaSquareMetres(clipped)).toBeGreaterThan(0.4 * whole);
    expect(buildCorridor([meridian], { widthMetres: 100 }, { clipTo: { type: 'Polygon', coordinates: [[[100, 20], [100.1, 20], [100.1, 20.1], [100, 20]]] } }).geometry).toBeNull();
  });

  it('joins the parts of a multi-part line and measures the length through them', () => {
    const middle = destination(START, 0, LENGTH / 2);
    expect(corridorLineLength([[START, middle], [middle, NORTH_END]])).toBeCloseTo(LENGTH, -1);
    const { geometry } = buildCorridor([[START, middle], [middle, NORTH_END]], { widthMetres: 100 });
    expect(geometry?.type).toBe('Polygon');
    expect(buildCorridor([[START, START]], { widthMetres: 100 }).geometry).toBeNull();
  });
});

describe('corridorSpecIssues', () => {
  it('accepts a plain width and valid reaches', () => {
    expect(corridorSpecIssues({ widthMetres: 500 }, 10_000)).toEqual([]);
    expect(corridorSpecIssues({ widthMetres: 500, reaches: [{ fromMetres: 0, toMetres: 2000, widthMetres: 100 }, { fromMetres: 2000, toMetres: 5000, widthMetres: 300 }] }, 10_000)).toEqual([]);
  });

  it('names bad widths, reversed, overlapping and out-of-range reaches', () => {
    expect(corridorSpecIssues({ widthMetres: Number.NaN }).map((issue) => issue.code)).toEqual(['width']);
    expect(corridorSpecIssues({ widthMetres: 0 })[0]).toEqual({ code: 'width', params: { value: '0', min: 1, max: 10_000 } });
    expect(corridorSpecIssues({ widthMetres: 20_000 }).map((issue) => issue.code)).toEqual(['width']);
    const issues = corridorSpecIssues(
      {
        widthMetres: 100,
        reaches: [
          { fromMetres: 3000, toMetres: 1000, widthMetres: 100 },
          { fromMetres: 0, toMetres: 4000, widthMetres: -5 },
          { fromMetres: 3000, toMetres: 6000, widthMetres: 100 },
          { fromMetres: 12_000, toMetres: 13_000, widthMetres: 100 },
        ],
      },
      10_000,
    );
    expect(issues).toEqual([
      { code: 'reachOrder', params: { reach: 1 } },
      { code: 'reachWidth', params: { reach: 2, value: '-5', min: 1, max: 10_000 } },
      { code: 'reachBeyond', params: { reach: 4, length: 10_000 } },
      { code: 'reachOverlap', params: { first: 2, second: 3 } },
    ]);
  });
});
