/**
 * One Web Mercator tile of an opened orthophoto: plan (geo) → read the window (io) → resample (geo).
 */
import { planTile, resampleTile } from '../geo/raster/reproject-tile';
import type { OpenedRaster } from './geotiff';

/** How a tile of an orthophoto or a DEM is drawn: its size (256), the raster's WGS84 bounds (computed when absent), cancel. */
export interface TileOptions {
  readonly tileSize?: number;
  readonly bounds?: readonly [number, number, number, number];
  readonly signal?: AbortSignal;
}

/** The RGBA pixels of tile (z, x, y), or undefined when the tile misses the raster. */
export async function renderRasterTile(raster: OpenedRaster, z: number, x: number, y: number, options: TileOptions = {}): Promise<Uint8ClampedArray | undefined> {
  const plan = planTile(raster.georeference, raster.levels, z, x, y, options.tileSize, options.bounds);
  if (!plan) return undefined;
  const window = await raster.readWindow(plan.level, plan.window, options.signal);
  return resampleTile(plan, window.data, window.width, window.height, window.samplesPerPixel);
}
