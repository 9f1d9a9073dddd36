/**
 * Finds the coordinate columns of a table (CSV, XLSX) from their headers, in Chinese and English,
 * and reads coordinate cells (decimal numbers, or degrees-minutes-seconds such as 108°46′12″E).
 */
import { parseDms } from '../geo/dms';
import type { TableColumns } from './types';

/** Header names, normalised (lower case, no spaces, underscores, brackets or units). */
const X_NAMES = ['lon', 'lng', 'long', 'longitude', '经度', '东经', 'x', 'xcoord', 'x坐标', '坐标x', 'pointx', '横坐标', '东坐标', 'easting', 'east', 'e', 'dongzuobiao'];
const Y_NAMES = ['lat', 'latitude', '纬度', '北纬', 'y', 'ycoord', 'y坐标', '坐标y', 'pointy', '纵坐标', '北坐标', 'northing', 'north', 'n', 'beizuobiao'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'thegeom', 'shape', '几何', '图形', 'wkt几何'];

/** Normalises a header for matching: '经度(°)' → '经度', 'Point_X' → 'pointx'. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[（(【[].*?[)）】\]]/g, '')
    .replace(/[\s_\-.:：]/g, '');
}

function findColumn(headers: readonly string[], names: readonly string[]): string | undefined {
  const normalised = headers.map(normaliseHeader);
  for (const name of names) {
    const index = normalised.indexOf(name);
    if (index >= 0) return headers[index];
  }
  return undefined;
}

/**
 * The coordinate columns of a header row: an explicit choice wins, then lon/lat-like pairs in the
 * order of the name lists, then a WKT column. Undefined when nothing fits.
 */
export function detectCoordinateColumns(headers: readonly string[], chosen: TableColumns = {}): TableColumns | undefined {
  const x = chosen.x ?? findColumn(headers, X_NAMES);
  const y = chosen.y ?? findColumn(headers, Y_NAMES);
  if (x !== undefined && y !== undefined && x !== y) return { x, y };
  const wkt = chosen.wkt ?? findColumn(headers, WKT_NAMES);
  if (wkt !== undefined) return { wkt };
  return undefined;
}

/**
 * Reads a coordinate cell: a number, a decimal string ('108.77', '3 191 779.38', '108,77' is not
 * accepted), or degrees-minutes-seconds. NaN when unreadable.
 */
export function parseCoordinate(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  const text = value.trim().replace(/[\s\u00a0]/g, '');
  if (text === '' || text.length > 64) return NaN;
  // Integer and fraction digits in separate groups: `\d+\.?\d*` is quadratic on long digit runs.
  if (/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return Number(text);
  return parseDms(text);
}
