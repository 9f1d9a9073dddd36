import * as geographiclib from 'geographiclib-geodesic';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  destination,
  geometryAreaSquareMetres,
  geometryPerimeterMetres,
  polygonAreaSquareMetres,
  ringAreaAndPerimeter,
} from '../../src/lib/geo/area';
import { GRS80 } from '../../src/lib/geo/ellipsoid';
import { createEqualAreaAxes, createEqualAreaPlane } from '../../src/lib/geo/equal-area';
import { createGeodesicPlaneArea } from '../../src/lib/geo/geodesic-plane-area';

const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.semiMajorAxis, GRS80.flattening);

/** GeographicLib's own polygon area and perimeter for a ring, computed independently of area.ts. */
function reference(ring: readonly Position[]): { area: number; perimeter: number } {
  const polygon = geodesic.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) polygon.AddPoint(lat!, lon!);
  const result = polygon.Compute(false, true);
  return { area: Math.abs(result.area ?? NaN), perimeter: result.perimeter };
}

function square(lon: number, lat: number, size: number): Position[] {
  return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]];
}

function circle(lon: number, lat: number, radius: number, segments = 360): Position[] {
  const ring: Position[] = [];
  for (let index = 0; index < segments; index++) ring.push(destination([lon, lat], (360 * index) / segments, radius));
  ring.push(ring[0]!);
  return ring;
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('ellipsoidal area (GeographicLib, GRS80)', () => {
  for (const [label, lat] of [['Youyang 28.8°N', 28.8], ['the equator', 0]] as const) {
    it(`squares at ${label} match GeographicLib to 1e-9`, () => {
      for (const size of [0.001, 0.01, 0.1, 1]) {
        const ring = square(108.8, lat, size);
        const expected = reference(ring);
        const actual = ringAreaAndPerimeter(ring);
        expect(relative(actual.area, expected.area)).toBeLessThan(1e-9);
        expect(relative(actual.perimeter, expected.perimeter)).toBeLessThan(1e-9);
      }
    });

    it(`circles at ${label} match GeographicLib to 1e-9 and πr² to 1e-4`, () => {
      for (const radius of [100, 1000, 10000]) {
        const ring = circle(108.8, lat, radius);
        const area = polygonAreaSquareMetres([ring]);
        expect(relative(area, reference(ring).area)).toBeLessThan(1e-9);
        // A 360-gon inscribed in the circle: area = r²·n/2·sin(2π/n) on a locally flat surface.
        const inscribed = ((radius * radius * 360) / 2) * Math.sin((2 * Math.PI) / 360);
        expect(relative(area, inscribed)).toBeLessThan(1e-4);
      }
    });
  }

  it('a 1° square at the equator has the known ellipsoidal area 12,308,778,361.469 m²', () => {
    // GeographicLib's documented value for this quadrilateral on WGS84; GRS80 differs by < 1e-9.
    expect(relative(polygonAreaSquareMetres([square(0, 0, 1)]), 12308778361.469)).toBeLessThan(1e-8);
  });

  it('ignores ring orientation', () => {
    const ring = square(108.8, 28.8, 0.01);
    expect(polygonAreaSquareMetres([[...ring].reverse()])).toBe(polygonAreaSquareMetres([ring]));
  });

  it('subtracts holes whatever their orientation', () => {
    const shell = square(108.8, 28.8, 0.01);
    const hole = square(108.803, 28.803, 0.002);
    const expected = reference(shell).area - reference(hole).area;
    expect(relative(polygonAreaSquareMetres([shell, hole]), expected)).toBeLessThan(1e-9);
    expect(relative(polygonAreaSquareMetres([shell, [...hole].reverse()]), expected)).toBeLessThan(1e-9);
  });

  it('adds MultiPolygon parts and sums perimeters of all rings', () => {
    const a = square(108.8, 28.8, 0.01);
    const b = square(108.9, 28.9, 0.02);
    const geometry = { type: 'MultiPolygon' as const, coordinates: [[a], [b]] };
    expect(relative(geometryAreaSquareMetres(geometry), reference(a).area + reference(b).area)).toBeLessThan(1e-9);
    expect(relative(geometryPerimeterMetres(geometry), reference(a).perimeter + reference(b).perimeter)).toBeLessThan(1e-9);
  });

  it('has no area for points and lines, and treats an unclosed ring like a closed one', () => {
    expect(geometryAreaSquareMetres({ type: 'LineString', coordinates: [[0, 0], [1, 1]] })).toBe(0);
    expect(geometryAreaSquareMetres(null)).toBe(0);
    const ring = square(108.8, 28.8, 0.01);
    expect(polygonAreaSquareMetres([ring.slice(0, -1)])).toBe(polygonAreaSquareMetres([ring]));
  });
});

describe('equal-area plane', () => {
  const plane = createEqualAreaPlane(108.8, 28.85);

  it('gives shoelace areas equal to GeographicLib for sub-compartment-sized polygons (to ~1e-9: 2e-9 bound)', () => {
    for (const ring of [square(108.5, 28.5, 0.003), circle(109.1, 29.2, 300, 40), square(108.81, 28.84, 0.0125)]) {
      expect(relative(Math.abs(plane.signedRingArea(ring)), reference(ring).area)).toBeLessThan(2e-9);
    }
  });

  it('is exactly area-preserving for a band between parallels (densified geodesic polygon converges to it)', () => {
    // Edges along parallels are straight in the cylindrical plane: its rectangle area is exact.
    const [x0, y0] = plane.forward(108.8, 28.8);
    const [x1, y1] = plane.forward(108.81, 28.81);
    const exact = (x1 - x0) * (y1 - y0);
    const ring: Position[] = [];
    const steps = 200;
    for (let index = 0; index <= steps; index++) ring.push([108.8 + (0.01 * index) / steps, 28.8]);
    for (let index = 0; index <= steps; index++) ring.push([108.81 - (0.01 * index) / steps, 28.81]);
    ring.push([108.8, 28.8]);
    expect(relative(polygonAreaSquareMetres([ring]), exact)).toBeLessThan(1e-9);
  });

  it('splits into allocation-free axes identical to forward()', () => {
    const axes = createEqualAreaAxes(108.8, 28.85);
    for (const [lon, lat] of [[108.3, 28.3], [109.3, 29.4], [108.8, 28.85]] as const) {
      expect([axes.x(lon), axes.y(lat)]).toEqual(plane.forward(lon, lat));
      expect(axes.yOfSine(Math.sin((lat * Math.PI) / 180))).toBe(axes.y(lat));
    }
  });

  it('inverts its forward projection', () => {
    const [x, y] = plane.forward(109.2, 29.3);
    const [lon, lat] = plane.inverse(x, y);
    expect(lon).toBeCloseTo(109.2, 12);
    expect(lat).toBeCloseTo(29.3, 12);
  });
});

describe('geodesic-corrected equal-area plane (fast bulk area)', () => {
  const measure = createGeodesicPlaneArea(108.8, 28.85);
  const triangle = (size: number, lon = 108.7, lat = 28.8): Position[] =>
    [[1, 0], [2, 1], [0, 2], [1, 0]].map(([x, y]) => [lon + x! * size, lat + y! * size]);

  it('shows why the correction is needed: plain shoelace is off by ~1e-5 for a 2 km triangle', () => {
    const ring = triangle(0.01);
    expect(relative(Math.abs(measure.plane.signedRingArea(ring)), reference(ring).area)).toBeGreaterThan(1e-5);
  });

  it('matches GeographicLib to 1e-9 for triangles with 250 m to 10 km edges, either orientation', () => {
    for (const size of [0.0025, 0.005, 0.01, 0.05]) {
      const ring = triangle(size);
      expect(relative(measure.signedRingArea(ring), reference(ring).area), `size ${size}`).toBeLessThan(1e-9);
      expect(relative(-measure.signedRingArea([...ring].reverse()), reference(ring).area)).toBeLessThan(1e-9);
    }
  });

  it('matches GeographicLib to 1e-9 for random polygons across the county (flat rings too)', () => {
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let sample = 0; sample < 100; sample++) {
      const centreX = 108.3 + next();
      const centreY = 28.3 + next();
      const radius = 0.003 + next() * 0.05;
      const count = 3 + Math.floor(next() * 10);
      const ring: Position[] = [];
      for (let vertex = 0; vertex < count; vertex++) {
        const angle = (2 * Math.PI * vertex) / count + next() * 0.3;
        ring.push([centreX + radius * Math.cos(angle) * (0.5 + next()), centreY + radius * Math.sin(angle)]);
      }
      ring.push(ring[0]!);
      const expected = reference(ring).area;
      expect(relative(Math.abs(measure.signedRingArea(ring)), expected)).toBeLessThan(1e-9);
      expect(relative(Math.abs(measure.signedFlatRingArea(new Float64Array(ring.flat()))), expected)).toBeLessThan(1e-9);
    }
  });
});
