/**
 * One Web Mercator terrain-RGB tile of a DEM in any registry CRS, for MapLibre's `raster-dem`
 * source: heights resampled bilinearly on the reprojection plan of the orthophotos, encoded.
 */
import { bilinearCells, forEachTilePixel, type BilinearCells, type TileSamplingPlan } from './reproject-tile';
import { encodeTerrainRgb } from './terrain';

/**
 * Encodes the tile from the window of heights the plan asked for. The DEM's edge is extended
 * outwards and nodata holes take the height of the valid cells around them (or the tile's mean
 * height): raster-dem has no "no data", and a hole read as 0 m would shade as a cliff.
 */
export function terrainRgbTile(plan: TileSamplingPlan, heights: ArrayLike<number>, width: number, height: number, nodata: number | null): Uint8ClampedArray {
  const size = plan.tileSize * plan.tileSize;
  const sampled = new Float64Array(size);
  let sum = 0;
  let count = 0;
  const valid = (value: number) => !Number.isNaN(value) && value !== nodata;
  const cells: BilinearCells = { column0: 0, row0: 0, column1: 0, row1: 0, fx: 0, fy: 0 };
  forEachTilePixel(plan, (pixel, sourceX, sourceY) => {
    const { column0, row0, column1, row1, fx, fy } = bilinearCells(sourceX, sourceY, width, height, cells);
    let value = 0;
    let weight = 0;
    for (const [column, row, w] of [
      [column0, row0, (1 - fx) * (1 - fy)],
      [column1, row0, fx * (1 - fy)],
      [column0, row1, (1 - fx) * fy],
      [column1, row1, fx * fy],
    ] as const) {
      const sample = heights[row * width + column]!;
      if (!valid(sample) || w === 0) continue;
      value += sample * w;
      weight += w;
    }
    if (weight > 0) {
      sampled[pixel] = value / weight;
      sum += sampled[pixel]!;
      count += 1;
    } else sampled[pixel] = NaN;
  });
  const fill = count > 0 ? sum / count : 0;
  const output = new Uint8ClampedArray(size * 4);
  for (let pixel = 0; pixel < size; pixel += 1) encodeTerrainRgb(Number.isNaN(sampled[pixel]!) ? fill : sampled[pixel]!, output, pixel * 4);
  return output;
}

/** A tile of flat ground at `height`, for tiles that miss the DEM (raster-dem wants a full tile). */
export function flatTerrainRgbTile(tileSize: number, height = 0): Uint8ClampedArray {
  const output = new Uint8ClampedArray(tileSize * tileSize * 4);
  for (let pixel = 0; pixel < tileSize * tileSize; pixel += 1) encodeTerrainRgb(height, output, pixel * 4);
  return output;
}
