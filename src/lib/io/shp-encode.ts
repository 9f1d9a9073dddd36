/**
 * Encodes geometries as .shp and .shx (ESRI Shapefile Technical Description, 1998): points,
 * multipoints, polylines and polygons. Polygon outer rings are written clockwise and holes
 * counter-clockwise, as the format requires (GeoJSON uses the opposite winding).
 * Written here because @mapbox/shp-write neither orients rings nor keeps CJK attributes.
 */
import type { Geometry, Position } from 'geojson';
import { boundingBoxOf, emptyBoundingBox, type BoundingBox } from '../geo/bounds';

export type ShapeType = 1 | 3 | 5 | 8;
export const SHAPE_TYPE = { point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;

/** The shape type a GeoJSON geometry is written as, or null for GeometryCollection/null. */
export function shapeTypeOf(geometry: Geometry | null): ShapeType | null {
  switch (geometry?.type) {
    case 'Point':
      return 1;
    case 'MultiPoint':
      return 8;
    case 'LineString':
    case 'MultiLineString':
      return 3;
    case 'Polygon':
    case 'MultiPolygon':
      return 5;
    default:
      return null;
  }
}

function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    sum += (ring[previous]![0]! - ring[index]![0]!) * (ring[previous]![1]! + ring[index]![1]!);
  }
  return sum / 2; // > 0 for clockwise in x-right/y-up axes
}

function closed(ring: readonly Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : [...ring];
}

function oriented(ring: readonly Position[], clockwise: boolean): Position[] {
  const copy = closed(ring);
  return signedArea(copy) > 0 === clockwise ? copy : copy.reverse();
}

/** Parts (rings or lines) of a geometry as written to the file. */
function partsOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
      return [geometry.coordinates];
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.map((ring, index) => oriented(ring, index === 0));
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) => polygon.map((ring, index) => oriented(ring, index === 0)));
    default:
      return [];
  }
}

/** Bounding box of shapes' parts (empty, i.e. ±Infinity, when there is no point). */
function boxOf(shapes: readonly Position[][][]): BoundingBox {
  return boundingBoxOf(shapes.map((parts) => ({ type: 'MultiLineString', coordinates: parts }))) ?? emptyBoundingBox();
}

function contentLength(type: ShapeType, parts: Position[][] | null): number {
  if (!parts) return 4;
  const points = parts.reduce((sum, part) => sum + part.length, 0);
  if (type === 1) return 20;
  if (type === 8) return 40 + 16 * points;
  return 44 + 4 * parts.length + 16 * points;
}

function writeHeader(view: DataView, type: ShapeType, byteLength: number, box: BoundingBox): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, byteLength / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, type, true);
  const empty = !Number.isFinite(box[0]);
  for (let index = 0; index < 4; index++) view.setFloat64(36 + 8 * index, empty ? 0 : box[index]!, true);
}

/**
 * Encodes geometries of one shape type (null or other types become null shapes).
 * @returns the .shp and .shx bytes.
 */
export function encodeShp(geometries: readonly (Geometry | null)[], type: ShapeType): { shp: Uint8Array; shx: Uint8Array } {
  const parts = geometries.map((geometry) => (geometry && shapeTypeOf(geometry) === type ? partsOf(geometry) : null));
  const lengths = parts.map((part) => contentLength(type, part));
  const shpLength = 100 + lengths.reduce((sum, length) => sum + 8 + length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * geometries.length);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  const fileBox = boxOf(parts.filter((part) => part !== null));
  let offset = 100;
  parts.forEach((part, index) => {
    const length = lengths[index]!;
    shxView.setInt32(100 + 8 * index, offset / 2, false);
    shxView.setInt32(104 + 8 * index, length / 2, false);
    shpView.setInt32(offset, index + 1, false);
    shpView.setInt32(offset + 4, length / 2, false);
    const at = offset + 8;
    if (!part) {
      shpView.setInt32(at, 0, true);
    } else if (type === 1) {
      const [x, y] = part[0]![0]!;
      shpView.setInt32(at, 1, true);
      shpView.setFloat64(at + 4, x!, true);
      shpView.setFloat64(at + 12, y!, true);
    } else {
      const box = boxOf([part]);
      shpView.setInt32(at, type, true);
      box.forEach((value, i) => shpView.setFloat64(at + 4 + 8 * i, value, true));
      const points = part.flat();
      let cursor: number;
      if (type === 8) {
        shpView.setInt32(at + 36, points.length, true);
        cursor = at + 40;
      } else {
        shpView.setInt32(at + 36, part.length, true);
        shpView.setInt32(at + 40, points.length, true);
        let start = 0;
        part.forEach((ring, ringIndex) => {
          shpView.setInt32(at + 44 + 4 * ringIndex, start, true);
          start += ring.length;
        });
        cursor = at + 44 + 4 * part.length;
      }
      for (const [x, y] of points) {
        shpView.setFloat64(cursor, x!, true);
        shpView.setFloat64(cursor + 8, y!, true);
        cursor += 16;
      }
    }
    offset += 8 + length;
  });
  writeHeader(shpView, type, shpLength, fileBox);
  writeHeader(shxView, type, shx.length, fileBox);
  return { shp, shx };
}
