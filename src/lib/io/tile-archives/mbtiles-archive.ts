/**
 * MBTiles raster archives (SQLite, TMS rows) through sql.js. sql.js holds the whole database in
 * memory, so archives are capped; larger ones convert losslessly to PMTiles, read by ranges
 * (`pmtiles convert in.mbtiles out.pmtiles`).
 */
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { RasterReadError } from '../geotiff';
import { tileCoordinateToLonLat } from '../../geo/raster/web-mercator-tiles';
import { sniffTileFormat, terrainEncodingOf, type RasterTileFormat, type TileArchive } from './tile-archive';

export const MBTILES_MAX_BYTES = 512 * 1024 * 1024;

let sqlite: Promise<SqlJsStatic> | undefined;

/** wasmUrl: where the browser finds sql-wasm.wasm (Node finds it next to sql.js itself). */
function loadSqlite(wasmUrl?: string): Promise<SqlJsStatic> {
  sqlite ??= initSqlJs(wasmUrl ? { locateFile: () => wasmUrl } : undefined);
  return sqlite;
}

function metadataOf(database: Database): Map<string, string> {
  const metadata = new Map<string, string>();
  const result = database.exec('select name, value from metadata');
  for (const [name, value] of result[0]?.values ?? []) metadata.set(String(name), String(value));
  return metadata;
}

function parseBounds(text: string | undefined): [number, number, number, number] | null {
  const values = text?.split(',').map((part) => Number(part.trim()));
  if (!values || values.length !== 4 || !values.every(Number.isFinite)) return null;
  const [west, south, east, north] = values as [number, number, number, number];
  return west < east && south < north ? [west, south, east, north] : null;
}

function integer(text: string | undefined): number | null {
  const value = text === undefined ? NaN : Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 30 ? value : null;
}

const FORMATS: Record<string, RasterTileFormat> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', webp: 'webp', avif: 'avif' };

export async function openMbtiles(file: Blob, fileName: string, options: { wasmUrl?: string } = {}): Promise<TileArchive> {
  if (file.size > MBTILES_MAX_BYTES) throw new RasterReadError('archive-too-large', fileName, String(file.size));
  const SQL = await loadSqlite(options.wasmUrl);
  let database: Database;
  try {
    database = new SQL.Database(new Uint8Array(await file.arrayBuffer()));
    database.exec('select 1 from tiles limit 1');
  } catch (error) {
    throw new RasterReadError('bad-archive', fileName, error instanceof Error ? error.message : String(error));
  }
  try {
    const metadata = metadataOfSafe(database);
    const zooms = database.exec('select min(zoom_level), max(zoom_level) from tiles')[0]?.values[0];
    const minZoom = integer(metadata.get('minzoom')) ?? integer(zooms?.[0] == null ? undefined : String(zooms[0]));
    const maxZoom = integer(metadata.get('maxzoom')) ?? integer(zooms?.[1] == null ? undefined : String(zooms[1]));
    if (minZoom === null || maxZoom === null) throw new RasterReadError('bad-archive', fileName, 'no tiles');
    const format = formatOf(database, metadata, fileName);
    const bounds = parseBounds(metadata.get('bounds')) ?? tileBounds(database, minZoom);
    if (!bounds) throw new RasterReadError('bad-archive', fileName, 'no bounds');
    const statement = database.prepare('select tile_data from tiles where zoom_level = ? and tile_column = ? and tile_row = ?');
    const terrainEncoding = terrainEncodingOf(Object.fromEntries(metadata));
    return {
      kind: 'mbtiles',
      format,
      minZoom,
      maxZoom,
      bounds,
      ...(terrainEncoding ? { terrainEncoding } : {}),
      async tile(z, x, y) {
        // MBTiles counts rows from the south (TMS).
        statement.bind([z, x, 2 ** z - 1 - y]);
        try {
          if (!statement.step()) return null;
          const data = statement.get()[0];
          return data instanceof Uint8Array ? data : null;
        } finally {
          statement.reset();
        }
      },
      close() {
        statement.free();
        database.close();
      },
    };
  } catch (error) {
    database.close();
    throw error;
  }
}

/** Metadata is optional in practice (some exporters omit the table). */
function metadataOfSafe(database: Database): Map<string, string> {
  try {
    return metadataOf(database);
  } catch {
    return new Map();
  }
}

function formatOf(database: Database, metadata: Map<string, string>, fileName: string): RasterTileFormat {
  const declared = metadata.get('format')?.toLowerCase();
  if (declared === 'pbf' || declared === 'mvt') throw new RasterReadError('vector-archive', fileName, 'MBTiles');
  if (declared && FORMATS[declared]) return FORMATS[declared];
  const first = database.exec('select tile_data from tiles limit 1')[0]?.values[0]?.[0];
  const sniffed = first instanceof Uint8Array ? sniffTileFormat(first) : null;
  if (sniffed === 'vector') throw new RasterReadError('vector-archive', fileName, 'MBTiles');
  if (!sniffed) throw new RasterReadError('bad-archive', fileName, `tile format ${declared ?? 'unknown'}`);
  return sniffed;
}

/** Bounds from the tiles present at the smallest zoom, when the metadata has none. */
function tileBounds(database: Database, zoom: number): [number, number, number, number] | null {
  const row = database.exec('select min(tile_column), max(tile_column), min(tile_row), max(tile_row) from tiles where zoom_level = ?', [zoom])[0]?.values[0];
  if (!row || row.some((value) => typeof value !== 'number')) return null;
  const [minColumn, maxColumn, minRow, maxRow] = row as number[];
  const n = 2 ** zoom;
  const [west, north] = tileCoordinateToLonLat(zoom, minColumn!, n - 1 - maxRow!);
  const [east, south] = tileCoordinateToLonLat(zoom, maxColumn! + 1, n - minRow!);
  return [west, south, east, north];
}
