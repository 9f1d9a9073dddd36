/**
 * Terrain from a digital elevation model (DEM): the terrain-RGB tile encodings MapLibre's
 * `raster-dem` sources read, slope by Horn's method with true cell sizes in metres, and a plot's
 * slope statistics (the DEM cells whose centres fall inside the plot). Pure: no DOM, no I/O.
 */
import type { Geometry } from 'geojson';
import { createTransform } from '../crs/transform';
import { getCrs, WGS84_CODE } from '../crs/registry';
import { eccentricitySquared, GRS80 } from '../ellipsoid';
import { pointInRing } from '../planar';
import { polygonParts } from '../polygons';
import type { RasterGeoreference } from './reproject-tile';
import { SLOPE_BIN_DEGREES, type PlotSlope } from './plot-slope';

export { SLOPE_BIN_DEGREES, isSteepPlot, shareSteeperThan, type PlotSlope } from './plot-slope';

// ---------------------------------------------------------------------------------------------
// Terrain-RGB

/** Mapbox terrain-RGB: height = −10000 + (R·65536 + G·256 + B)·0.1 m. */
export function decodeTerrainRgb(red: number, green: number, blue: number): number {
  return -10000 + (red * 65536 + green * 256 + blue) * 0.1;
}

/** Terrarium (Mapzen/AWS): height = R·256 + G + B/256 − 32768 m. */
export function decodeTerrarium(red: number, green: number, blue: number): number {
  return red * 256 + green + blue / 256 - 32768;
}

export type TerrainEncoding = 'mapbox' | 'terrarium';

/** Writes the terrain-RGB pixel of a height (0.1 m steps, clamped to the encodable range) at `at`, opaque. */
export function encodeTerrainRgb(height: number, output: Uint8ClampedArray | Uint8Array, at: number): void {
  const steps = Math.max(0, Math.min(0xffffff, Math.round((height + 10000) * 10)));
  output[at] = (steps >> 16) & 0xff;
  output[at + 1] = (steps >> 8) & 0xff;
  output[at + 2] = steps & 0xff;
  output[at + 3] = 255;
}

// ---------------------------------------------------------------------------------------------
// Cell sizes and slope

const DEGREES = Math.PI / 180;
const E2 = eccentricitySquared(GRS80);
const A = GRS80.semiMajorAxis;

/**
 * Ground size in metres of one cell of `row` (east–west, north–south). Geographic DEMs: degrees
 * converted on the GRS80 ellipsoid at the row's latitude (CGCS2000 and WGS84 agree to 0.1 mm).
 * Web Mercator: its grid metres shrunk by the scale at that latitude. Other projected systems
 * (Gauss–Krüger): their own metres (the scale error of a 3° zone is below 1e-4).
 */
export function cellSizeMetres(georeference: RasterGeoreference): (row: number) => [number, number] {
  const kind = getCrs(georeference.crs).kind;
  const sizeX = Math.abs(georeference.pixelSizeX);
  const sizeY = Math.abs(georeference.pixelSizeY);
  if (kind === 'geographic') {
    return (row) => {
      const latitude = (georeference.originY + (row + 0.5) * georeference.pixelSizeY) * DEGREES;
      const sin = Math.sin(latitude);
      const w = Math.sqrt(1 - E2 * sin * sin);
      const primeVertical = A / w;
      const meridional = (A * (1 - E2)) / (w * w * w);
      return [primeVertical * Math.cos(latitude) * sizeX * DEGREES, meridional * sizeY * DEGREES];
    };
  }
  if (georeference.crs === 'EPSG:3857') {
    return (row) => {
      const y = georeference.originY + (row + 0.5) * georeference.pixelSizeY;
      // EPSG:3857 puts geodetic latitudes through the spherical formulas.
      const latitude = Math.atan(Math.sinh(y / A));
      const sin = Math.sin(latitude);
      const w = Math.sqrt(1 - E2 * sin * sin);
      const cos = Math.cos(latitude);
      return [(cos / w) * sizeX, ((1 - E2) / (w * w * w)) * cos * sizeY];
    };
  }
  return () => [sizeX, sizeY];
}

/** Heights of a window of a DEM (row-major), with the value that marks missing cells. */
export interface HeightWindow {
  /** [column0, row0, column1, row1) of the full DEM this window holds. */
  readonly window: readonly [number, number, number, number];
  readonly heights: ArrayLike<number>;
  /** Cells equal to it (or NaN) are missing. */
  readonly nodata?: number | null;
}

function isMissing(value: number, nodata: number | null | undefined): boolean {
  return Number.isNaN(value) || (nodata !== null && nodata !== undefined && value === nodata);
}

const SIDES = [1, 3, 5, 7] as const;
/** Each corner of the 3×3 window with the side cells in its row and its column. */
const CORNERS = [
  [0, 1, 3],
  [2, 1, 5],
  [6, 7, 3],
  [8, 7, 5],
] as const;

/**
 * Slope in degrees of every cell of the window, by Horn's method (the 3×3 weighted differences
 * of GDAL, ArcGIS and QGIS). A missing side neighbour (window edge, nodata) is reflected through
 * the centre (2·z₀ − the opposite one; the centre's height when that is missing too) and a missing
 * corner is completed from its two sides, so a plane keeps its slope at edges. Missing cells give NaN. Rows may differ in cell
 * width (geographic DEMs): each row's differences use its own width.
 */
export function slopeDegrees(georeference: RasterGeoreference, input: HeightWindow): Float32Array {
  const [column0, row0, column1, row1] = input.window;
  const width = column1 - column0;
  const height = row1 - row0;
  const { heights, nodata } = input;
  const sizeOf = cellSizeMetres(georeference);
  const output = new Float32Array(width * height);
  const z = new Float64Array(9);
  for (let row = 0; row < height; row += 1) {
    const [dxTop] = sizeOf(row0 + row - 1);
    const [dxMiddle, dy] = sizeOf(row0 + row);
    const [dxBottom] = sizeOf(row0 + row + 1);
    for (let column = 0; column < width; column += 1) {
      const centre = heights[row * width + column]!;
      if (isMissing(centre, nodata)) {
        output[row * width + column] = NaN;
        continue;
      }
      for (let k = 0; k < 9; k += 1) {
        const r = row + Math.floor(k / 3) - 1;
        const c = column + (k % 3) - 1;
        const value = r >= 0 && r < height && c >= 0 && c < width ? heights[r * width + c]! : NaN;
        z[k] = isMissing(value, nodata) ? NaN : value;
      }
      // Side neighbours first (reflected through the centre), then corners from their two sides.
      for (const k of SIDES) {
        if (!Number.isNaN(z[k]!)) continue;
        const opposite = z[8 - k]!;
        z[k] = Number.isNaN(opposite) ? centre : 2 * centre - opposite;
      }
      for (const [k, rowSide, columnSide] of CORNERS) {
        if (Number.isNaN(z[k]!)) z[k] = z[rowSide]! + z[columnSide]! - centre;
      }
      // a b c / d e f / g h i
      const gradientX = ((z[2]! - z[0]!) / dxTop + (2 * (z[5]! - z[3]!)) / dxMiddle + (z[8]! - z[6]!) / dxBottom) / 8;
      const gradientY = (z[6]! + 2 * z[7]! + z[8]! - (z[0]! + 2 * z[1]! + z[2]!)) / (8 * dy);
      output[row * width + column] = Math.atan(Math.hypot(gradientX, gradientY)) / DEGREES;
    }
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// A plot's slope

const BINS = Math.round(90 / SLOPE_BIN_DEGREES);

/** The plot's rings in the DEM's continuous pixel coordinates (column, row), and the window to read. */
export interface PlotSlopePlan {
  readonly rings: readonly (readonly (readonly number[])[])[][];
  /** Cells whose centres may lie in the plot, unclamped: [column0, row0, column1, row1). */
  readonly cells: readonly [number, number, number, number];
  /** What to read: the cells plus one of margin for Horn's neighbours, clamped to the DEM. Undefined when nothing of it is on the DEM. */
  readonly window?: readonly [number, number, number, number];
}

/** Where a plot (WGS84 Polygon/MultiPolygon) lies on a DEM, and the window of heights its slope needs. */
export function planPlotSlope(georeference: RasterGeoreference, geometry: Geometry): PlotSlopePlan {
  const toDem = createTransform(WGS84_CODE, georeference.crs);
  let minColumn = Infinity;
  let minRow = Infinity;
  let maxColumn = -Infinity;
  let maxRow = -Infinity;
  const rings = polygonParts(geometry).map((polygon) =>
    polygon.map((ring) =>
      ring.map((position) => {
        const [x, y] = toDem(position);
        const column = (x! - georeference.originX) / georeference.pixelSizeX;
        const row = (y! - georeference.originY) / georeference.pixelSizeY;
        minColumn = Math.min(minColumn, column);
        maxColumn = Math.max(maxColumn, column);
        minRow = Math.min(minRow, row);
        maxRow = Math.max(maxRow, row);
        return [column, row];
      }),
    ),
  );
  if (!Number.isFinite(minColumn) || !Number.isFinite(minRow)) return { rings, cells: [0, 0, 0, 0] };
  // Cells whose centres (c + 0.5) can lie inside [min, max].
  const cells = [Math.ceil(minColumn - 0.5), Math.ceil(minRow - 0.5), Math.floor(maxColumn - 0.5) + 1, Math.floor(maxRow - 0.5) + 1] as const;
  const window = [
    Math.max(0, cells[0] - 1),
    Math.max(0, cells[1] - 1),
    Math.min(georeference.width, cells[2] + 1),
    Math.min(georeference.height, cells[3] + 1),
  ] as const;
  const onDem = window[2] > window[0] && window[3] > window[1] && cells[2] > 0 && cells[3] > 0 && cells[0] < georeference.width && cells[1] < georeference.height;
  return { rings, cells, window: onDem ? window : undefined };
}

function insidePlot(rings: PlotSlopePlan['rings'], x: number, y: number): boolean {
  for (const polygon of rings) {
    if (polygon.length === 0 || pointInRing(x, y, polygon[0]!) < 0) continue;
    if (polygon.slice(1).every((hole) => pointInRing(x, y, hole) < 0)) return true;
  }
  return false;
}

/**
 * The slope statistics of the plot planned by `plan`, from the heights of `plan.window`
 * (undefined when the plan has no window: the plot is off the DEM).
 */
export function plotSlopeStatistics(georeference: RasterGeoreference, plan: PlotSlopePlan, input: HeightWindow | undefined): PlotSlope {
  const [cellColumn0, cellRow0, cellColumn1, cellRow1] = plan.cells;
  const slopes = input ? slopeDegrees(georeference, input) : undefined;
  const sizeOf = cellSizeMetres(georeference);
  const histogram = new Float64Array(BINS + 1);
  let inside = 0;
  let counted = 0;
  let area = 0;
  let weightedSum = 0;
  let max = 0;
  for (let row = cellRow0; row < cellRow1; row += 1) {
    const [dx, dy] = sizeOf(row);
    for (let column = cellColumn0; column < cellColumn1; column += 1) {
      if (!insidePlot(plan.rings, column + 0.5, row + 0.5)) continue;
      inside += 1;
      if (!input || !slopes) continue;
      const [column0, row0, column1, row1] = input.window;
      if (column < column0 || column >= column1 || row < row0 || row >= row1) continue;
      const slope = slopes[(row - row0) * (column1 - column0) + (column - column0)]!;
      if (Number.isNaN(slope)) continue;
      const cellArea = dx * dy;
      counted += 1;
      area += cellArea;
      weightedSum += slope * cellArea;
      max = Math.max(max, slope);
      histogram[Math.min(BINS, Math.floor(slope / SLOPE_BIN_DEGREES))]! += cellArea;
    }
  }
  if (inside === 0) return plan.window ? { kind: 'smaller-than-cell' } : { kind: 'not-covered' };
  if (counted === 0) return { kind: 'not-covered' };
  return { kind: 'slope', meanDegrees: weightedSum / area, maxDegrees: max, cells: counted, coveredShare: counted / inside, histogram, areaSquareMetres: area };
}
