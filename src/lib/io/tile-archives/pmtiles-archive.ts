/**
 * PMTiles v3 raster archives, read from a File/Blob by byte ranges (the pmtiles package): a
 * several-GB archive opens without being read whole.
 */
import { PMTiles, TileType, type Source } from 'pmtiles';
import { RasterReadError } from '../geotiff';
import { terrainEncodingOf, type RasterTileFormat, type TileArchive } from './tile-archive';

const RASTER_TYPES: Partial<Record<TileType, RasterTileFormat>> = {
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
};

/** pmtiles' own FileSource needs a File; a Blob (tests, stored copies) works the same way. */
function blobSource(blob: Blob, key: string): Source {
  return {
    getKey: () => key,
    getBytes: async (offset: number, length: number) => ({ data: await blob.slice(offset, offset + length).arrayBuffer() }),
  };
}

export async function openPmtiles(file: Blob, fileName: string): Promise<TileArchive> {
  const archive = new PMTiles(blobSource(file, fileName));
  let header;
  try {
    header = await archive.getHeader();
  } catch (error) {
    throw new RasterReadError('bad-archive', fileName, error instanceof Error ? error.message : String(error));
  }
  const format = RASTER_TYPES[header.tileType];
  if (!format) {
    if (header.tileType === TileType.Mvt || header.tileType === TileType.Mlt) throw new RasterReadError('vector-archive', fileName, 'PMTiles');
    throw new RasterReadError('bad-archive', fileName, `tile type ${header.tileType}`);
  }
  const bounds: [number, number, number, number] = [header.minLon, header.minLat, header.maxLon, header.maxLat];
  if (!bounds.every(Number.isFinite) || bounds[0] >= bounds[2] || bounds[1] >= bounds[3]) {
    throw new RasterReadError('bad-archive', fileName, `bounds ${bounds.join(', ')}`);
  }
  // Metadata only tells whether the tiles are elevations; an archive without it is still imagery.
  const terrainEncoding = terrainEncodingOf(await archive.getMetadata().catch(() => undefined));
  return {
    kind: 'pmtiles',
    format,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds,
    ...(terrainEncoding ? { terrainEncoding } : {}),
    async tile(z, x, y) {
      if (z < header.minZoom || z > header.maxZoom) return null;
      const response = await archive.getZxy(z, x, y);
      return response ? new Uint8Array(response.data) : null;
    },
    close() {},
  };
}
