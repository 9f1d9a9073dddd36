/**
 * One Web Mercator tile of an opened orthophoto: plan (geo) → read the window (io) → resample (geo).
 */
import { planTile, rasterBoundsWgs84, resampleTile } from '../geo/raster/reproject-tile';
import type { OpenedRaster } from './geotiff';

/** The RGBA pixels of tile (z, x, y), or undefined when the tile misses the raster. */
export async function renderRasterTile(
  raster: OpenedRaster,
  z: number,
  x: number,
  y: number,
  options: { tileSize?: number; bounds?: readonly [number, number, number, number]; signal?: AbortSignal } = {},
): Promise<Uint8ClampedArray | undefined> {
  const bounds = options.bounds ?? rasterBoundsWgs84(raster.georeference);
  const plan = planTile(raster.georeference, raster.levels, z, x, y, options.tileSize ?? 256, bounds);
  if (!plan) return undefined;
  const window = await raster.readWindow(plan.level, plan.window, options.signal);
  return resampleTile(plan, window.data, window.width, window.height, window.samplesPerPixel);
}
