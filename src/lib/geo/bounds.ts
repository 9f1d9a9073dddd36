/**
 * Bounding boxes of GeoJSON geometries, computed from the coordinates themselves (a stale
 * `bbox` member in a file is never trusted).
 */
import type { Geometry, Position } from 'geojson';

export type BoundingBox = [west: number, south: number, east: number, north: number];

export function emptyBoundingBox(): BoundingBox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

export function extendBoundingBox(box: BoundingBox, position: Position): void {
  const [longitude, latitude] = position as [number, number];
  if (longitude < box[0]) box[0] = longitude;
  if (latitude < box[1]) box[1] = latitude;
  if (longitude > box[2]) box[2] = longitude;
  if (latitude > box[3]) box[3] = latitude;
}

function visit(geometry: Geometry, box: BoundingBox): void {
  switch (geometry.type) {
    case 'Point':
      extendBoundingBox(box, geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      for (const position of geometry.coordinates) extendBoundingBox(box, position);
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) for (const position of line) extendBoundingBox(box, position);
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates)
        for (const ring of polygon) for (const position of ring) extendBoundingBox(box, position);
      break;
    case 'GeometryCollection':
      for (const part of geometry.geometries) visit(part, box);
      break;
  }
}

/** Bounding box of one or more geometries; null when there is no coordinate at all. */
export function boundingBoxOf(geometries: Iterable<Geometry | null>): BoundingBox | null {
  const box = emptyBoundingBox();
  for (const geometry of geometries) if (geometry) visit(geometry, box);
  return Number.isFinite(box[0]) ? box : null;
}
