import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { polygonAreaSquareMetres, destination, distanceMetres } from '../../src/lib/geo/area';
import { geodesicCircle, inscribedAreaRatio } from '../../src/lib/geo/coverage/geodesic-circle';
import { computeViewingCoverage } from '../../src/lib/geo/coverage/viewing-coverage';
import { suggestCameraSites } from '../../src/lib/geo/coverage/camera-suggestion';
import { radiusProblem, type Facility } from '../../src/lib/geo/coverage/facility';

const box = (west: number, south: number, east: number, north: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

const camera = (id: string, position: Position, radiusMetres: number): Facility => ({ id, kind: '视频监控', name: id, position, radiusMetres });

/** A square of `side` metres around `center` with geodesic edges measured from the centre. */
function squareAround(center: Position, side: number): Polygon {
  const north = destination(center, 0, side / 2)[1]!;
  const south = destination(center, 180, side / 2)[1]!;
  const east = destination(center, 90, side / 2)[0]!;
  const west = destination(center, 270, side / 2)[0]!;
  return box(west, south, east, north);
}

describe('geodesic circle', () => {
  it('has every vertex at the radius and the area of an inscribed 128-gon', () => {
    const center = [108.8, 28.8];
    const circle = geodesicCircle(center, 5000);
    for (const vertex of circle.coordinates[0]!) expect(distanceMetres(center, vertex)).toBeCloseTo(5000, 6);
    const expected = Math.PI * 5000 ** 2 * inscribedAreaRatio();
    expect(polygonAreaSquareMetres(circle.coordinates) / expected - 1).toBeLessThan(1e-6);
  });
});

describe('viewing coverage of high-risk zones', () => {
  const radius = 5000;
  const polygonCircleArea = Math.PI * radius ** 2 * inscribedAreaRatio();

  it('counts exactly half of a camera circle centred on the zone’s edge (on the equator, a geodesic)', () => {
    const zone = box(-0.3, 0, 0.3, 0.3);
    const summary = computeViewingCoverage([{ id: 'Z1', geometry: zone }], [camera('C1', [0, 0], radius)]);
    const coverage = summary.zones[0]!;
    expect(coverage.coveredSquareMetres / (polygonCircleArea / 2) - 1).toBeCloseTo(0, 6);
    expect(coverage.share / (polygonCircleArea / 2 / polygonAreaSquareMetres(zone.coordinates)) - 1).toBeCloseTo(0, 6);
    expect(coverage.facilityIds).toEqual(['C1']);
    const uncoveredArea = coverage.uncovered!.coordinates.reduce((sum, part) => sum + polygonAreaSquareMetres(part), 0);
    expect(uncoveredArea + coverage.coveredSquareMetres).toBeCloseTo(coverage.zoneSquareMetres, -1);
  });

  it('counts the overlap of two camera circles once', () => {
    const zone = box(-0.3, -0.3, 0.3, 0.3);
    const distance = 6000;
    const cameras = [camera('A', destination([0, 0], 270, distance / 2), radius), camera('B', destination([0, 0], 90, distance / 2), radius)];
    const coverage = computeViewingCoverage([{ id: 'Z', geometry: zone }], cameras).zones[0]!;
    const lens = 2 * radius ** 2 * Math.acos(distance / (2 * radius)) - (distance / 2) * Math.sqrt(4 * radius ** 2 - distance ** 2);
    const union = 2 * Math.PI * radius ** 2 - lens;
    expect(coverage.coveredSquareMetres / union - 1).toBeLessThan(0);
    expect(Math.abs(coverage.coveredSquareMetres / union - 1)).toBeLessThan(1e-3);
    expect([...coverage.facilityIds].sort()).toEqual(['A', 'B']);
  });

  it('gives no coverage, and the whole zone as uncovered, without facilities in reach; water points watch nothing', () => {
    const zone = box(108.8, 28.8, 108.81, 28.81);
    const summary = computeViewingCoverage([{ id: 'Z', geometry: zone }], [camera('far', [109.5, 29.5], radius), camera('water', [108.805, 28.805], 0)]);
    expect(summary.zones[0]!.coveredSquareMetres).toBe(0);
    expect(summary.zones[0]!.share).toBe(0);
    expect(summary.zones[0]!.uncovered!.coordinates).toEqual([zone.coordinates]);
    expect(summary.share).toBe(0);
  });

  it('adds up a county figure over several zones', () => {
    const inside = squareAround([108.8, 28.8], 1000);
    const outside = squareAround([108.9, 28.8], 1000);
    const summary = computeViewingCoverage(
      [
        { id: 'seen', geometry: inside },
        { id: 'unseen', geometry: outside },
      ],
      [camera('C', [108.8, 28.8], 3000)],
    );
    expect(summary.zones[0]!.share).toBeCloseTo(1, 9);
    expect(summary.zones[1]!.share).toBe(0);
    expect(summary.share).toBeCloseTo(summary.zones[0]!.zoneSquareMetres / summary.zoneSquareMetres, 12);
  });
});

describe('extra camera suggestion (greedy over grid candidates)', () => {
  it('puts the camera in the big uncovered gap and covers all of it', () => {
    const bigCenter = [108.8, 28.8];
    const big = squareAround(bigCenter, 4000);
    const small = squareAround([108.95, 28.9], 1000);
    const [suggestion] = suggestCameraSites(
      [
        { type: 'MultiPolygon', coordinates: [big.coordinates] },
        { type: 'MultiPolygon', coordinates: [small.coordinates] },
      ],
      3500,
    );
    expect(suggestion).toBeDefined();
    // Every site within 3500 − 2828 = 672 m of the centre sees the whole square, so the best gain is
    // the whole square; the pick lies inside it.
    expect(distanceMetres(suggestion!.position, bigCenter)).toBeLessThan(2000 * Math.SQRT2);
    expect(suggestion!.gainSquareMetres / polygonAreaSquareMetres(big.coordinates)).toBeCloseTo(1, 6);
    expect(suggestion!.candidatesConsidered).toBeGreaterThan(50);
  });

  it('places a second camera in the remaining gap', () => {
    const first = squareAround([108.8, 28.8], 3000);
    const second = squareAround([108.95, 28.9], 2000);
    const suggestions = suggestCameraSites(
      [{ type: 'MultiPolygon', coordinates: [first.coordinates, second.coordinates] }],
      3000,
      { count: 2 },
    );
    expect(suggestions).toHaveLength(2);
    // The bigger gap first, then the other; each camera sees its whole square.
    expect(distanceMetres(suggestions[0]!.position, [108.8, 28.8])).toBeLessThan(1500 * Math.SQRT2);
    expect(distanceMetres(suggestions[1]!.position, [108.95, 28.9])).toBeLessThan(1000 * Math.SQRT2);
    expect(suggestions[0]!.gainSquareMetres / polygonAreaSquareMetres(first.coordinates)).toBeCloseTo(1, 6);
    expect(suggestions[1]!.gainSquareMetres / polygonAreaSquareMetres(second.coordinates)).toBeCloseTo(1, 6);
  });
});

describe('viewing radius check', () => {
  it('refuses negative and absurd radii with a message, accepts plausible ones', () => {
    expect(radiusProblem(-50)?.zh).toBe('监视半径不能为负数：-50 米');
    expect(radiusProblem(80_000)?.en).toBe('a viewing radius of 80000 m is implausible (limit 50 km); is the unit metres?');
    expect(radiusProblem(Number.NaN)?.en).toBe('the viewing radius must be a number (metres)');
    expect(radiusProblem(0)?.en).toBe('the viewing radius must be at least 1 m');
    expect(radiusProblem(12.5)?.en).toBe('the viewing radius must be a whole number of metres: 12.5');
    expect(radiusProblem(6000)).toBeNull();
    expect(radiusProblem(1234)).toBeNull();
    expect(radiusProblem(1)).toBeNull();
  });
});
