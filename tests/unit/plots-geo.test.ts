import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { formatDms, toDmsParts } from '../../src/lib/geo/dms';
import { formatLength, lineMetrics, plotMetrics } from '../../src/lib/geo/plot-metrics';
import { distanceMetres, geometryAreaSquareMetres, geometryPerimeterMetres } from '../../src/lib/geo/area';
import { box } from './fixtures/geo/synthetic';

describe('degrees–minutes–seconds', () => {
  it('formats longitudes and latitudes with hemisphere, two-digit minutes and seconds', () => {
    expect(formatDms(108.77, 'longitude')).toBe('108°46′12.0000″E');
    expect(formatDms(28.84, 'latitude')).toBe('28°50′24.0000″N');
    expect(formatDms(108.5, 'longitude', 0)).toBe('108°30′00″E');
    expect(formatDms(28.0001, 'latitude', 2)).toBe('28°00′00.36″N');
    expect(formatDms(-0.5, 'latitude', 1)).toBe('0°30′00.0″S');
    expect(formatDms(-77.0365, 'longitude', 3)).toBe('77°02′11.400″W');
  });

  it('carries rounding into minutes and degrees instead of printing 60″', () => {
    expect(formatDms(28.99999999, 'latitude')).toBe('29°00′00.0000″N');
    expect(formatDms(108.0166666666, 'longitude', 2)).toBe('108°01′00.00″E');
    expect(toDmsParts(28.999999, 1)).toEqual({ degrees: 29, minutes: 0, seconds: 0, negative: false });
  });

  it('never calls a value that rounds to zero southern or western', () => {
    expect(formatDms(-0.000000001, 'latitude', 2)).toBe('0°00′00.00″N');
  });

  it('splits an angle into parts that add back up', () => {
    const parts = toDmsParts(108.7654321, 4);
    expect(parts.degrees).toBe(108);
    expect(parts.minutes).toBe(45);
    expect(parts.seconds).toBeCloseTo(55.5556, 4);
    expect(parts.degrees + parts.minutes / 60 + parts.seconds / 3600).toBeCloseTo(108.7654321, 7);
  });

  it('refuses non-finite input', () => {
    expect(() => formatDms(Number.NaN, 'longitude')).toThrow(RangeError);
  });
});

describe('plot metrics', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [box(108.8, 28.8, 0.01)] };

  it('reports the geo core’s ellipsoidal area and perimeter and counts distinct vertices', () => {
    const metrics = plotMetrics(square);
    expect(metrics.areaSquareMetres).toBe(geometryAreaSquareMetres(square));
    expect(metrics.perimeterMetres).toBe(geometryPerimeterMetres(square));
    expect(metrics.vertexCount).toBe(4);
    // A 0.01° square at 28.8°N: about 976 m × 1,109 m.
    expect(metrics.areaSquareMetres).toBeGreaterThan(1.08e6);
    expect(metrics.areaSquareMetres).toBeLessThan(1.09e6);
  });

  it('subtracts holes, adds parts and counts every ring’s vertices', () => {
    const withHole: Polygon = { type: 'Polygon', coordinates: [box(108.8, 28.8, 0.01), box(108.802, 28.802, 0.002).reverse()] };
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [withHole.coordinates, [box(108.9, 28.8, 0.01)]] };
    const hole = geometryAreaSquareMetres({ type: 'Polygon', coordinates: [box(108.802, 28.802, 0.002)] });
    expect(plotMetrics(withHole).areaSquareMetres).toBeCloseTo(geometryAreaSquareMetres(square) - hole, 6);
    expect(plotMetrics(withHole).vertexCount).toBe(8);
    expect(plotMetrics(multi).vertexCount).toBe(12);
    expect(plotMetrics(multi).areaSquareMetres).toBeCloseTo(plotMetrics(withHole).areaSquareMetres + geometryAreaSquareMetres({ type: 'Polygon', coordinates: [box(108.9, 28.8, 0.01)] }), 6);
  });

  it('measures a line and its last segment geodesically', () => {
    const line = [[108.8, 28.8], [108.81, 28.8], [108.81, 28.81]];
    const metrics = lineMetrics(line);
    expect(metrics.lengthMetres).toBeCloseTo(distanceMetres(line[0]!, line[1]!) + distanceMetres(line[1]!, line[2]!), 6);
    expect(metrics.lastSegmentMetres).toBeCloseTo(distanceMetres(line[1]!, line[2]!), 9);
    expect(metrics.vertexCount).toBe(3);
    expect(lineMetrics([[108.8, 28.8]])).toEqual({ lengthMetres: 0, vertexCount: 1, lastSegmentMetres: 0 });
  });

  it('formats lengths in metres below a kilometre and in kilometres above', () => {
    expect(formatLength(856.34, 'zh')).toBe('856.3 米');
    expect(formatLength(856.34, 'en')).toBe('856.3 m');
    expect(formatLength(12345.678, 'en')).toBe('12.346 km');
    expect(formatLength(12345.678, 'zh')).toBe('12.346 千米');
  });
});
