/**
 * Reads WKT geometry text (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON,
 * optional Z/M and SRID=…; prefix) as found in a table's geometry column. Null when unreadable.
 */
import type { Geometry, Position } from 'geojson';

type Nested = Position | Nested[];

/** Deepest bracket nesting of any WKT geometry read here (MULTIPOLYGON: polygons, rings, positions). */
const MAX_DEPTH = 3;

/** Parses the bracketed coordinate text into nested arrays of positions; null when malformed. */
function parseNested(text: string): Nested[] | null {
  const root: Nested[] = [];
  const stack: Nested[][] = [root];
  for (const token of text.match(/\(|\)|,|[^(),]+/g) ?? []) {
    const top = stack[stack.length - 1]!;
    if (token === '(') {
      const child: Nested[] = [];
      top.push(child);
      stack.push(child);
      if (stack.length > MAX_DEPTH + 1) return null;
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
  // One optional part at a time, never two adjacent `\s*` around an optional token: those make
  // a backtracking regex quadratic on long runs of spaces.
  const body = text.trim().replace(/^SRID=\d+;/i, '').trimStart();
  const match = /^(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\s*(?:(?:ZM|Z|M)\s*)?\(/i.exec(body);
  if (!match || !body.endsWith(')')) return null;
  const nested = parseNested(body.slice(match[0].length - 1));
  const coordinates = nested?.[0];
  if (!Array.isArray(coordinates)) return null;
  const points = (list: Nested[]) => list.map((item) => (Array.isArray(item[0]) ? (item[0] as Position) : (item as Position)));
  try {
    switch (match[1]!.toUpperCase()) {
      case 'POINT':
        return { type: 'Point', coordinates: coordinates[0] as Position };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: coordinates as Position[] };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: coordinates as Position[][] };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: points(coordinates as Nested[]) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: coordinates as Position[][] };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: coordinates as Position[][][] };
    }
  } catch {
    return null;
  }
  return null;
}
