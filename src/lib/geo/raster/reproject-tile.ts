/**
 * Reprojects a georeferenced raster (an orthophoto in any CRS of the registry) into Web Mercator
 * map tiles. The exact transform is evaluated on a coarse grid (every 16 tile pixels) and
 * interpolated in between: over 16 pixels of a tile the GK↔Web-Mercator mapping is linear to far
 * below a hundredth of a pixel, and it keeps a 256² tile to 289 proj4 calls instead of 65,536.
 */
import { emptyBoundingBox, extendBoundingBox, type BoundingBox } from '../bounds';
import { createTransform, type PositionTransform } from '../crs/transform';
import { WGS84_CODE } from '../crs/registry';
import { tileBounds, tileCoordinateToLonLat } from './web-mercator-tiles';

/**
 * Where a raster lies: an affine map from pixel (column, row) to CRS coordinates without rotation.
 * X = originX + column · pixelSizeX, Y = originY + row · pixelSizeY (pixelSizeY < 0 when rows go
 * south, the usual case). (column, row) = (0, 0) is the outer corner of the first pixel.
 */
export interface RasterGeoreference {
  /** Code in the CRS registry, e.g. "EPSG:4545", "EPSG:3857", "EPSG:4326". */
  readonly crs: string;
  readonly width: number;
  readonly height: number;
  readonly originX: number;
  readonly originY: number;
  readonly pixelSizeX: number;
  readonly pixelSizeY: number;
}

/** Size of a resolution level: 0 is the full image, then overviews, each smaller. */
export interface RasterLevelSize {
  readonly width: number;
  readonly height: number;
}

export interface TileSamplingPlan {
  /** Index of the resolution level to read. */
  readonly level: number;
  /** Pixel window of that level to read: [column0, row0, column1, row1), clamped to the level. */
  readonly window: readonly [number, number, number, number];
  /** Source pixel coordinates (x, y pairs, in the level, window-relative) of the grid nodes. */
  readonly grid: Float64Array;
  /** Grid cells per tile side. */
  readonly cells: number;
  readonly tileSize: number;
}

const GRID_CELLS = 16;

/** The raster's extent in WGS84 (west, south, east, north), from its densified edges. */
export function rasterBoundsWgs84(georeference: RasterGeoreference): BoundingBox {
  const toWgs84 = createTransform(georeference.crs, WGS84_CODE);
  const steps = 32;
  const box = emptyBoundingBox();
  for (let index = 0; index <= steps; index += 1) {
    const t = index / steps;
    for (const [column, row] of [
      [t * georeference.width, 0],
      [t * georeference.width, georeference.height],
      [0, t * georeference.height],
      [georeference.width, t * georeference.height],
    ] as const) {
      const [lon, lat] = toWgs84([georeference.originX + column * georeference.pixelSizeX, georeference.originY + row * georeference.pixelSizeY]);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      extendBoundingBox(box, [lon!, lat!]);
    }
  }
  if (!Number.isFinite(box[0])) throw new RangeError(`The raster's corners cannot be converted from ${georeference.crs} to WGS84`);
  return box;
}

/** A cache of the WGS84 → raster CRS transform per CRS code (proj4 set-up is not free). */
const transforms = new Map<string, PositionTransform>();
function fromWgs84(crs: string): PositionTransform {
  let transform = transforms.get(crs);
  if (!transform) {
    transform = createTransform(WGS84_CODE, crs);
    transforms.set(crs, transform);
  }
  return transform;
}

/**
 * Decides what to read for tile (z, x, y): the coarsest level still at least as fine as the tile's
 * pixels, and the window of it under the tile. Undefined when the tile misses the raster.
 */
export function planTile(
  georeference: RasterGeoreference,
  levels: readonly RasterLevelSize[],
  z: number,
  x: number,
  y: number,
  tileSize = 256,
  rasterBounds: readonly [number, number, number, number] = rasterBoundsWgs84(georeference),
): TileSamplingPlan | undefined {
  const [west, south, east, north] = tileBounds(z, x, y);
  if (east <= rasterBounds[0] || west >= rasterBounds[2] || north <= rasterBounds[1] || south >= rasterBounds[3]) return undefined;

  const toRaster = fromWgs84(georeference.crs);
  const nodes = GRID_CELLS + 1;
  const fullResolution = new Float64Array(nodes * nodes * 2);
  for (let row = 0; row < nodes; row += 1) {
    for (let column = 0; column < nodes; column += 1) {
      const [lon, lat] = tileCoordinateToLonLat(z, x + column / GRID_CELLS, y + row / GRID_CELLS);
      const [crsX, crsY] = toRaster([lon, lat]);
      const offset = (row * nodes + column) * 2;
      fullResolution[offset] = (crsX! - georeference.originX) / georeference.pixelSizeX;
      fullResolution[offset + 1] = (crsY! - georeference.originY) / georeference.pixelSizeY;
    }
  }

  // Full-resolution source pixels per tile pixel, from the grid's mean cell size.
  let span = 0;
  let counted = 0;
  for (let row = 0; row < nodes; row += 1) {
    for (let column = 0; column + 1 < nodes; column += 1) {
      const offset = (row * nodes + column) * 2;
      const distance = Math.hypot(fullResolution[offset + 2]! - fullResolution[offset]!, fullResolution[offset + 3]! - fullResolution[offset + 1]!);
      if (Number.isFinite(distance)) {
        span += distance;
        counted += 1;
      }
    }
  }
  if (counted === 0) return undefined;
  const sourcePerTilePixel = span / counted / (tileSize / GRID_CELLS);

  let level = 0;
  for (let candidate = 1; candidate < levels.length; candidate += 1) {
    const factor = levels[0]!.width / levels[candidate]!.width;
    if (factor <= sourcePerTilePixel) level = candidate;
  }
  const scaleX = levels[level]!.width / levels[0]!.width;
  const scaleY = levels[level]!.height / levels[0]!.height;

  let minColumn = Infinity;
  let minRow = Infinity;
  let maxColumn = -Infinity;
  let maxRow = -Infinity;
  const grid = new Float64Array(fullResolution.length);
  for (let offset = 0; offset < fullResolution.length; offset += 2) {
    const column = fullResolution[offset]! * scaleX;
    const row = fullResolution[offset + 1]! * scaleY;
    grid[offset] = column;
    grid[offset + 1] = row;
    if (!Number.isFinite(column) || !Number.isFinite(row)) continue;
    minColumn = Math.min(minColumn, column);
    maxColumn = Math.max(maxColumn, column);
    minRow = Math.min(minRow, row);
    maxRow = Math.max(maxRow, row);
  }
  const levelSize = levels[level]!;
  // One pixel of margin for bilinear sampling at the window's edge.
  const column0 = Math.max(0, Math.floor(minColumn) - 1);
  const row0 = Math.max(0, Math.floor(minRow) - 1);
  const column1 = Math.min(levelSize.width, Math.ceil(maxColumn) + 1);
  const row1 = Math.min(levelSize.height, Math.ceil(maxRow) + 1);
  if (!(column1 > column0 && row1 > row0)) return undefined;
  for (let offset = 0; offset < grid.length; offset += 2) {
    grid[offset] = grid[offset]! - column0;
    grid[offset + 1] = grid[offset + 1]! - row0;
  }
  return { level, window: [column0, row0, column1, row1], grid, cells: GRID_CELLS, tileSize };
}

/**
 * Calls `visit` for every pixel of the planned tile with the source position under the pixel's
 * centre (continuous window coordinates), interpolated within the plan's coarse grid.
 */
export function forEachTilePixel(plan: TileSamplingPlan, visit: (pixel: number, sourceX: number, sourceY: number) => void): void {
  const { tileSize, cells, grid } = plan;
  const nodes = cells + 1;
  const step = tileSize / cells;
  for (let pixelRow = 0; pixelRow < tileSize; pixelRow += 1) {
    const gridY = (pixelRow + 0.5) / step;
    const cellRow = Math.min(cells - 1, Math.floor(gridY));
    const fy = gridY - cellRow;
    for (let pixelColumn = 0; pixelColumn < tileSize; pixelColumn += 1) {
      const gridX = (pixelColumn + 0.5) / step;
      const cellColumn = Math.min(cells - 1, Math.floor(gridX));
      const fx = gridX - cellColumn;
      const topLeft = (cellRow * nodes + cellColumn) * 2;
      const topRight = topLeft + 2;
      const bottomLeft = topLeft + nodes * 2;
      const bottomRight = bottomLeft + 2;
      const sourceX =
        (1 - fy) * ((1 - fx) * grid[topLeft]! + fx * grid[topRight]!) + fy * ((1 - fx) * grid[bottomLeft]! + fx * grid[bottomRight]!);
      const sourceY =
        (1 - fy) * ((1 - fx) * grid[topLeft + 1]! + fx * grid[topRight + 1]!) +
        fy * ((1 - fx) * grid[bottomLeft + 1]! + fx * grid[bottomRight + 1]!);
      visit(pixelRow * tileSize + pixelColumn, sourceX, sourceY);
    }
  }
}

/**
 * Fills an RGBA tile from the window the plan asked for (interleaved, 3 or 4 samples per pixel,
 * 8-bit). Bilinear sampling; pixels outside the raster stay transparent.
 */
export function resampleTile(
  plan: TileSamplingPlan,
  source: ArrayLike<number>,
  sourceWidth: number,
  sourceHeight: number,
  samplesPerPixel: 3 | 4,
): Uint8ClampedArray {
  const output = new Uint8ClampedArray(plan.tileSize * plan.tileSize * 4);
  forEachTilePixel(plan, (pixel, sourceX, sourceY) => writeSample(output, pixel * 4, source, sourceWidth, sourceHeight, samplesPerPixel, sourceX, sourceY));
  return output;
}

/** The four source cells around a point and its fractions between them (weights of a bilinear sample). */
export interface BilinearCells {
  column0: number;
  row0: number;
  column1: number;
  row1: number;
  fx: number;
  fy: number;
}

/**
 * Fills `out` with the cells whose centres surround continuous source coordinates (x, y): pixel
 * (c, r) covers [c, c+1) × [r, r+1), its centre is c + 0.5; beyond the outer centres the edge
 * cell stands alone. `out` is reused per pixel so the tile loop allocates nothing.
 */
export function bilinearCells(x: number, y: number, width: number, height: number, out: BilinearCells): BilinearCells {
  const centreX = Math.min(width - 1, Math.max(0, x - 0.5));
  const centreY = Math.min(height - 1, Math.max(0, y - 0.5));
  out.column0 = Math.floor(centreX);
  out.row0 = Math.floor(centreY);
  out.column1 = Math.min(width - 1, out.column0 + 1);
  out.row1 = Math.min(height - 1, out.row0 + 1);
  out.fx = centreX - out.column0;
  out.fy = centreY - out.row0;
  return out;
}

const cells: BilinearCells = { column0: 0, row0: 0, column1: 0, row1: 0, fx: 0, fy: 0 };

function writeSample(
  output: Uint8ClampedArray,
  at: number,
  source: ArrayLike<number>,
  width: number,
  height: number,
  samples: 3 | 4,
  x: number,
  y: number,
): void {
  if (!(x >= 0 && y >= 0 && x < width && y < height)) return;
  const { column0, row0, column1, row1, fx, fy } = bilinearCells(x, y, width, height, cells);
  const a = (row0 * width + column0) * samples;
  const b = (row0 * width + column1) * samples;
  const c = (row1 * width + column0) * samples;
  const d = (row1 * width + column1) * samples;
  for (let band = 0; band < 3; band += 1) {
    output[at + band] = (1 - fy) * ((1 - fx) * source[a + band]! + fx * source[b + band]!) + fy * ((1 - fx) * source[c + band]! + fx * source[d + band]!);
  }
  output[at + 3] =
    samples === 4 ? (1 - fy) * ((1 - fx) * source[a + 3]! + fx * source[b + 3]!) + fy * ((1 - fx) * source[c + 3]! + fx * source[d + 3]!) : 255;
}
