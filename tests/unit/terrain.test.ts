/**
 * Terrain: terrain-RGB round trip, Horn slope of generated planes with true cell sizes (a
 * Gauss–Krüger and a geographic DEM), and a plot's slope statistics (plane, two slopes with a
 * known steep share, nodata, a plot off the DEM, a plot smaller than a cell).
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createTransform } from '../../src/lib/geo/crs/transform';
import { eccentricitySquared, GRS80 } from '../../src/lib/geo/ellipsoid';
import type { RasterGeoreference } from '../../src/lib/geo/raster/reproject-tile';
import {
  cellSizeMetres,
  decodeTerrainRgb,
  decodeTerrarium,
  encodeTerrainRgb,
  isSteepPlot,
  planPlotSlope,
  plotSlopeStatistics,
  shareSteeperThan,
  slopeDegrees,
  type HeightWindow,
  type PlotSlope,
} from '../../src/lib/geo/raster/terrain';

const PLANE_DEGREES = (Math.atan(0.5) * 180) / Math.PI; // 26.565°: 1 m up per 2 m east
const toGk = createTransform('EPSG:4326', 'EPSG:4545');
const fromGk = createTransform('EPSG:4545', 'EPSG:4326');
const [checkEasting, checkNorthing] = toGk([108.77, 28.84]) as [number, number];
const CELL = 10;
const SIZE = 60;
const gk: RasterGeoreference = {
  crs: 'EPSG:4545',
  width: SIZE,
  height: SIZE,
  originX: Math.round(checkEasting / 10) * 10,
  originY: Math.round(checkNorthing / 10) * 10,
  pixelSizeX: CELL,
  pixelSizeY: -CELL,
};

function grid(georeference: RasterGeoreference, height: (column: number, row: number) => number): HeightWindow {
  const heights = new Float32Array(georeference.width * georeference.height);
  for (let row = 0; row < georeference.height; row += 1) {
    for (let column = 0; column < georeference.width; column += 1) heights[row * georeference.width + column] = height(column, row);
  }
  return { window: [0, 0, georeference.width, georeference.height], heights, nodata: -9999 };
}

/** A WGS84 polygon from GK cell-edge coordinates (column, row) of the DEM. */
function gkPlot(corners: readonly (readonly [number, number])[]): Polygon {
  const ring = corners.map(([column, row]) => fromGk([gk.originX + column * CELL, gk.originY - row * CELL]));
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

function statistics(georeference: RasterGeoreference, heights: HeightWindow, plot: Polygon): PlotSlope {
  const plan = planPlotSlope(georeference, plot);
  if (!plan.window) return plotSlopeStatistics(georeference, plan, undefined);
  const [column0, row0, column1, row1] = plan.window;
  const width = column1 - column0;
  const window = new Float32Array(width * (row1 - row0));
  for (let row = row0; row < row1; row += 1) {
    for (let column = column0; column < column1; column += 1) window[(row - row0) * width + column - column0] = heights.heights[row * georeference.width + column]!;
  }
  return plotSlopeStatistics(georeference, plan, { window: plan.window, heights: window, nodata: heights.nodata });
}

function slopeOf(result: PlotSlope): Extract<PlotSlope, { kind: 'slope' }> {
  if (result.kind !== 'slope') throw new Error(`expected a slope, got ${result.kind}`);
  return result;
}

describe('terrain-RGB', () => {
  it('round-trips heights to 0.05 m (its 0.1 m step) in both directions', () => {
    const pixel = new Uint8ClampedArray(4);
    for (const height of [-432.1, 0, 0.05, 287.3, 1895.46, 8848.86]) {
      encodeTerrainRgb(height, pixel, 0);
      expect(pixel[3]).toBe(255);
      expect(Math.abs(decodeTerrainRgb(pixel[0]!, pixel[1]!, pixel[2]!) - height)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });

  it('decodes the documented examples of both encodings', () => {
    // Mapbox: (1, 134, 160) = 100000 steps = 0 m; terrarium: (128, 0, 0) = 0 m.
    expect(decodeTerrainRgb(1, 134, 160)).toBeCloseTo(0, 9);
    expect(decodeTerrarium(128, 0, 0)).toBe(0);
    expect(decodeTerrarium(129, 44, 128)).toBe(300.5);
  });
});

describe('slope by Horn’s method', () => {
  it('gives 26.565° everywhere on a plane rising 1 m per 2 m east in Gauss–Krüger (EPSG:4545), edges included', () => {
    const slopes = slopeDegrees(gk, grid(gk, (column) => 300 + column * CELL * 0.5));
    for (const slope of slopes) expect(slope).toBeCloseTo(PLANE_DEGREES, 4);
  });

  it('gives the same on a plane rising north, and 0° on flat ground', () => {
    const north = slopeDegrees(gk, grid(gk, (_column, row) => 900 - row * CELL * 0.5));
    expect(north[SIZE * 30 + 30]).toBeCloseTo(PLANE_DEGREES, 4);
    const flat = slopeDegrees(gk, grid(gk, () => 512));
    expect(Math.max(...flat)).toBe(0);
  });

  it('converts a geographic DEM’s degrees to metres on the ellipsoid at each cell’s latitude', () => {
    const cellDegrees = 1 / 3600; // 1″, about 27 m × 31 m here
    const geographic: RasterGeoreference = { crs: 'EPSG:4490', width: 40, height: 40, originX: 108.76, originY: 28.85, pixelSizeX: cellDegrees, pixelSizeY: -cellDegrees };
    const e2 = eccentricitySquared(GRS80);
    // Heights 0.5 × the ground distance east of the west edge, at each row's latitude.
    const heights = grid(geographic, (column, row) => {
      const latitude = ((geographic.originY - (row + 0.5) * cellDegrees) * Math.PI) / 180;
      const primeVertical = GRS80.semiMajorAxis / Math.sqrt(1 - e2 * Math.sin(latitude) ** 2);
      return 0.5 * primeVertical * Math.cos(latitude) * (((column + 0.5) * cellDegrees * Math.PI) / 180);
    });
    const slopes = slopeDegrees(geographic, heights);
    for (const slope of slopes) expect(slope).toBeCloseTo(PLANE_DEGREES, 3);
    // Taken as metres per degree on a sphere of 6371 km the slope would be visibly off.
    const [dx, dy] = cellSizeMetres(geographic)(20);
    expect(dx).toBeGreaterThan(27);
    expect(dx).toBeLessThan(27.2);
    expect(dy).toBeGreaterThan(30.7);
    expect(dy).toBeLessThan(30.9);
  });

  it('has no slope for nodata cells and keeps the plane’s slope beside them', () => {
    const heights = grid(gk, (column) => column * CELL * 0.5);
    (heights.heights as Float32Array)[30 * SIZE + 30] = -9999;
    const slopes = slopeDegrees(gk, heights);
    expect(slopes[30 * SIZE + 30]).toBeNaN();
    expect(slopes[30 * SIZE + 31]).toBeCloseTo(PLANE_DEGREES, 4);
    expect(slopes[29 * SIZE + 30]).toBeCloseTo(PLANE_DEGREES, 4);
  });
});

describe('a plot’s slope', () => {
  const plane = grid(gk, (column) => 300 + column * CELL * 0.5);

  it('is 26.565° mean and max on a plane, all of it steeper than 25°, none steeper than 30°', () => {
    const result = slopeOf(statistics(gk, plane, gkPlot([[10, 10], [30, 10], [30, 25], [10, 25]])));
    expect(result.cells).toBe(20 * 15);
    expect(result.coveredShare).toBe(1);
    expect(result.meanDegrees).toBeCloseTo(PLANE_DEGREES, 4);
    expect(result.maxDegrees).toBeCloseTo(PLANE_DEGREES, 4);
    expect(result.areaSquareMetres).toBeCloseTo(300 * CELL * CELL, 6);
    expect(shareSteeperThan(result, 25)).toBe(1);
    expect(shareSteeperThan(result, 30)).toBe(0);
    expect(isSteepPlot(result, 25)).toBe(true);
    expect(isSteepPlot(result, 30)).toBe(false);
  });

  it('splits a two-slope DEM at the known share: 12 of 22 columns steeper than 25°', () => {
    // 0.2 m/m (11.3°) west of column 20's west edge, 0.7 m/m (35°) east of it: the cells either
    // side of the kink read 18.0° and 29.9°, so the steep columns are exactly 20 and beyond.
    const kink = 20 * CELL;
    const twoSlopes = grid(gk, (column) => {
      const x = (column + 0.5) * CELL;
      return x < kink ? 0.2 * x : 0.2 * kink + 0.7 * (x - kink);
    });
    const result = slopeOf(statistics(gk, twoSlopes, gkPlot([[10, 5], [32, 5], [32, 15], [10, 15]])));
    expect(result.cells).toBe(22 * 10);
    expect(shareSteeperThan(result, 25)).toBeCloseTo(12 / 22, 12);
    expect(isSteepPlot(result, 25)).toBe(true);
    // At 30° only the 35° columns 21–31 count (column 20 reads 29.9°): 11 of 22, not more than half.
    expect(shareSteeperThan(result, 30)).toBeCloseTo(11 / 22, 12);
    expect(isSteepPlot(result, 30)).toBe(false);
    expect(result.maxDegrees).toBeCloseTo((Math.atan(0.7) * 180) / Math.PI, 4);
    const expectedMean = (10 * ((Math.atan(0.2) * 180) / Math.PI) - (Math.atan(0.2) * 180) / Math.PI + (Math.atan(0.325) * 180) / Math.PI + (Math.atan(0.575) * 180) / Math.PI + 11 * ((Math.atan(0.7) * 180) / Math.PI)) / 22;
    expect(result.meanDegrees).toBeCloseTo(expectedMean, 4);
  });

  it('counts only cells with heights and reports the share covered', () => {
    const holes = grid(gk, (column, row) => (row < 15 && column < 20 ? -9999 : 300 + column * CELL * 0.5));
    const result = slopeOf(statistics(gk, holes, gkPlot([[10, 10], [30, 10], [30, 20], [10, 20]])));
    // Rows 10–14 of columns 10–19 are nodata: 50 of 200 cells.
    expect(result.cells).toBe(150);
    expect(result.coveredShare).toBeCloseTo(0.75, 12);
    expect(result.meanDegrees).toBeCloseTo(PLANE_DEGREES, 4);
  });

  it('counts the part of a plot hanging over the DEM’s edge as not covered', () => {
    const result = slopeOf(statistics(gk, plane, gkPlot([[50, 10], [70, 10], [70, 20], [50, 20]])));
    expect(result.cells).toBe(100);
    expect(result.coveredShare).toBeCloseTo(0.5, 12);
  });

  it('says the DEM does not cover a plot beside it, or one over nodata only', () => {
    expect(statistics(gk, plane, gkPlot([[80, 10], [90, 10], [90, 20], [80, 20]])).kind).toBe('not-covered');
    const empty = grid(gk, () => -9999);
    expect(statistics(gk, empty, gkPlot([[10, 10], [20, 10], [20, 20], [10, 20]])).kind).toBe('not-covered');
  });

  it('says a plot between four cell centres is smaller than a DEM cell', () => {
    expect(statistics(gk, plane, gkPlot([[10.6, 10.6], [11.4, 10.6], [11.4, 11.4], [10.6, 11.4]])).kind).toBe('smaller-than-cell');
  });
});
