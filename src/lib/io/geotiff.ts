/**
 * Reads a bureau's orthophoto (GeoTIFF or Cloud-Optimized GeoTIFF, 8-bit grey, RGB or RGBA) from
 * a File/Blob without reading it whole: geotiff.js fetches only the header and the tiles or strips
 * a window needs, and overviews stored in the file serve the small zooms.
 */
import { fromArrayBuffer, fromBlob, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { findCrs } from '../geo/crs/registry';
import type { RasterGeoreference, RasterLevelSize } from '../geo/raster/reproject-tile';

export type RasterProblem =
  | 'not-geotiff'
  | 'no-georeference'
  | 'rotated'
  | 'unknown-crs'
  | 'unsupported-samples'
  // Tile archives (PMTiles, MBTiles): vector tiles are not imagery; MBTiles is read whole, so capped.
  | 'vector-archive'
  | 'bad-archive'
  | 'archive-too-large';

/** An image file (GeoTIFF or tile archive) the app cannot show, with what is wrong (codes have zh/en texts in the i18n layer). */
export class RasterReadError extends Error {
  constructor(
    readonly problem: RasterProblem,
    readonly fileName: string,
    readonly detail: string,
  ) {
    super(`${fileName}: ${problem} (${detail})`);
    this.name = 'RasterReadError';
  }
}

export interface RasterWindow {
  /** Interleaved 8-bit samples, 3 (RGB) or 4 (RGBA) per pixel. */
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly samplesPerPixel: 3 | 4;
}

export interface OpenedRaster {
  readonly fileName: string;
  readonly georeference: RasterGeoreference;
  /** Level 0 is the full image, then the overviews from largest to smallest. */
  readonly levels: readonly RasterLevelSize[];
  /** How the CRS was found: from the file's GeoKeys or chosen by the user. */
  readonly crsSource: 'geokeys' | 'chosen';
  readWindow(level: number, window: readonly [number, number, number, number], signal?: AbortSignal): Promise<RasterWindow>;
}

const USER_DEFINED = 32767;
/** NewSubfileType bit: this image is a transparency mask, not an overview. */
const MASK_BIT = 4;

/**
 * Opens a GeoTIFF. `crsCode` overrides the CRS in the file (or supplies one when the file has
 * none that the registry knows, e.g. a user-defined Gauss–Krüger).
 */
export async function openGeoTiff(source: Blob | ArrayBuffer, fileName: string, crsCode?: string): Promise<OpenedRaster> {
  const levels = await readTiffLevels(source, fileName);
  const main = levels[0]!;
  checkSamples(main, fileName);
  const georeference = georeferenceOf(main, fileName, crsCode);
  return {
    fileName,
    georeference,
    levels: levels.map((image) => ({ width: image.getWidth(), height: image.getHeight() })),
    crsSource: crsCode ? 'chosen' : 'geokeys',
    async readWindow(level, window, signal) {
      const image = levels[level];
      if (!image) throw new RangeError(`No level ${level} in ${fileName}`);
      const raster = await image.readRGB({ window: [...window], interleave: true, enableAlpha: true, signal });
      const width = raster.width;
      const height = raster.height;
      const values = raster as unknown as ArrayLike<number>;
      const samplesPerPixel = values.length === width * height * 4 ? 4 : 3;
      const data = values instanceof Uint8Array ? values : Uint8Array.from(values);
      return { data, width, height, samplesPerPixel };
    },
  };
}

/** The full image and its overviews (largest first), masks left out. */
export async function readTiffLevels(source: Blob | ArrayBuffer, fileName: string): Promise<GeoTIFFImage[]> {
  let tiff: GeoTIFF;
  try {
    tiff = source instanceof ArrayBuffer ? await fromArrayBuffer(source) : await fromBlob(source);
  } catch (error) {
    throw new RasterReadError('not-geotiff', fileName, error instanceof Error ? error.message : String(error));
  }
  const count = await tiff.getImageCount();
  const images: GeoTIFFImage[] = [];
  for (let index = 0; index < count; index += 1) {
    const image = await tiff.getImage(index);
    const subfileType = Number(image.getFileDirectory().getValue('NewSubfileType') ?? 0);
    if (index > 0 && (subfileType & MASK_BIT) !== 0) continue;
    images.push(image);
  }
  const main = images[0]!;
  return images.filter((image, index) => index === 0 || image.getWidth() < main.getWidth()).sort((a, b) => b.getWidth() - a.getWidth());
}

function checkSamples(image: GeoTIFFImage, fileName: string): void {
  const bits = image.getBitsPerSample(0);
  const format = image.getSampleFormat(0);
  const samples = image.getSamplesPerPixel();
  if (bits !== 8 || format !== 1 || ![1, 2, 3, 4].includes(samples)) {
    throw new RasterReadError('unsupported-samples', fileName, `${samples} × ${bits}-bit, sample format ${format}`);
  }
}

export function georeferenceOf(image: GeoTIFFImage, fileName: string, crsCode: string | undefined): RasterGeoreference {
  const directory = image.getFileDirectory();
  const transformation = directory.getValue('ModelTransformation') as number[] | undefined;
  if (transformation && (Math.abs(transformation[1] ?? 0) > 1e-12 || Math.abs(transformation[4] ?? 0) > 1e-12)) {
    throw new RasterReadError('rotated', fileName, 'ModelTransformation with rotation');
  }
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (error) {
    throw new RasterReadError('no-georeference', fileName, error instanceof Error ? error.message : String(error));
  }
  let [originX, originY] = [origin[0]!, origin[1]!];
  const [pixelSizeX, pixelSizeY] = [resolution[0]!, resolution[1]!];
  if (![originX, originY, pixelSizeX, pixelSizeY].every(Number.isFinite) || pixelSizeX === 0 || pixelSizeY === 0) {
    throw new RasterReadError('no-georeference', fileName, 'origin or pixel size missing');
  }
  if (!image.pixelIsArea()) {
    // PixelIsPoint: the tie point is the first pixel's centre.
    originX -= pixelSizeX / 2;
    originY -= pixelSizeY / 2;
  }
  const crs = crsCode ?? crsFromGeoKeys(image, fileName);
  return { crs, width: image.getWidth(), height: image.getHeight(), originX, originY, pixelSizeX, pixelSizeY };
}

function crsFromGeoKeys(image: GeoTIFFImage, fileName: string): string {
  const keys = image.getGeoKeys() ?? {};
  const projected = Number(keys.ProjectedCSTypeGeoKey ?? 0);
  const geographic = Number(keys.GeographicTypeGeoKey ?? 0);
  const code = projected > 0 && projected !== USER_DEFINED ? projected : projected === 0 && geographic > 0 && geographic !== USER_DEFINED ? geographic : 0;
  if (code > 0) {
    const known = findCrs(`EPSG:${code}`);
    if (known) return known.code;
    throw new RasterReadError('unknown-crs', fileName, `EPSG:${code}`);
  }
  for (const citation of [keys.PCSCitationGeoKey, keys.GTCitationGeoKey, keys.GeogCitationGeoKey]) {
    if (typeof citation !== 'string') continue;
    const known = findCrs(citation.replace(/\|$/, ''));
    if (known) return known.code;
  }
  throw new RasterReadError('unknown-crs', fileName, projected === USER_DEFINED ? 'user-defined projection' : 'no CRS GeoKeys');
}
