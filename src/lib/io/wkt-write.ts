/** WKT text of GeoJSON geometries (for geometry columns of CSV/XLSX exports). */
import type { Geometry, Position } from 'geojson';

const point = (position: Position) => position.map((value) => String(value)).join(' ');
const line = (positions: readonly Position[]) => `(${positions.map(point).join(', ')})`;
const polygon = (rings: readonly Position[][]) => `(${rings.map(line).join(', ')})`;

/**
 * WKT of a geometry; '' for null.
 *
 * @example
 * toWkt({ type: 'Point', coordinates: [108.77, 28.84] }) // = 'POINT (108.77 28.84)'
 */
export function toWkt(geometry: Geometry | null): string {
  if (!geometry) return '';
  switch (geometry.type) {
    case 'Point':
      return `POINT (${point(geometry.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${geometry.coordinates.map((position) => `(${point(position)})`).join(', ')})`;
    case 'LineString':
      return `LINESTRING ${line(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING (${geometry.coordinates.map(line).join(', ')})`;
    case 'Polygon':
      return `POLYGON ${polygon(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(polygon).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${geometry.geometries.map(toWkt).join(', ')})`;
  }
}
