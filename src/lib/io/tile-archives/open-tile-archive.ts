/** Opens a PMTiles or MBTiles archive by what its first bytes say, not by its name. */
import { RasterReadError } from '../geotiff';
import { openPmtiles } from './pmtiles-archive';
import { detectTileArchive, type TileArchive } from './tile-archive';

/** The archive, or null when the file is no tile archive (e.g. a GeoTIFF). */
export async function openTileArchive(file: Blob, fileName: string, options: { wasmUrl?: string } = {}): Promise<TileArchive | null> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const kind = detectTileArchive(head);
  if (kind === 'pmtiles') {
    if (head[7] !== 3) throw new RasterReadError('bad-archive', fileName, `PMTiles version ${head[7]} (3 is read)`);
    return openPmtiles(file, fileName);
  }
  // sql.js (and its wasm) load only when an MBTiles file is opened.
  if (kind === 'mbtiles') return (await import('./mbtiles-archive')).openMbtiles(file, fileName, options);
  return null;
}
