/**
 * Reads WKT geometry text (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON,
 * optional Z/M and SRID=…; prefix) as found in a table's geometry column. Null when unreadable.
 */
import type { Geometry, Position } from 'geojson';

type Nested = Position | Nested[];

/** Parses the bracketed coordinate text into nested arrays of positions. */
function parseNested(text: string): Nested[] | null {
  const root: Nested[] = [];
  const stack: Nested[][] = [root];
  for (const token of text.match(/\(|\)|,|[^(),]+/g) ?? []) {
    const top = stack[stack.length - 1]!;
    if (token === '(') {
      const child: Nested[] = [];
      top.push(child);
      stack.push(child);
    } else if (token === ')') {
      stack.pop();
      if (stack.length === 0) return null;
    } else if (token !== ',') {
      const numbers = token.trim().split(/\s+/).filter(Boolean).map(Number);
      if (numbers.length === 0) continue;
      if (numbers.length < 2 || numbers.some((n) => !Number.isFinite(n))) return null;
      top.push(numbers.slice(0, 3));
    }
  }
  return stack.length === 1 ? root : null;
}

/**
 * Parses one WKT geometry.
 *
 * @example
 * parseWkt('POINT (108.77 28.84)') // = { type: 'Point', coordinates: [108.77, 28.84] }
 */
export function parseWkt(text: string): Geometry | null {
  const match = /^\s*(?:SRID=\d+;)?\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\s*(?:ZM|Z|M)?\s*(\(.*\))\s*$/is.exec(text);
  if (!match) return null;
  const nested = parseNested(match[2]!);
  const body = nested?.[0];
  if (!Array.isArray(body)) return null;
  const points = (list: Nested[]) => list.map((item) => (Array.isArray(item[0]) ? (item[0] as Position) : (item as Position)));
  try {
    switch (match[1]!.toUpperCase()) {
      case 'POINT':
        return { type: 'Point', coordinates: body[0] as Position };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: body as Position[] };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: body as Position[][] };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: points(body as Nested[]) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: body as Position[][] };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: body as Position[][][] };
    }
  } catch {
    return null;
  }
  return null;
}
