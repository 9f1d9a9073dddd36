/**
 * Geometry arriving from a client: structure checked by schema (GeoJSON, WGS84 ranges, vertex
 * cap), then the project's own validation (src/lib/geo) refuses what would give a wrong area;
 * bounding box and ellipsoidal area are computed here, never taken from the client.
 */
import type { MultiPolygon, Point, Polygon } from 'geojson';
import * as v from 'valibot';
import { geometryAreaSquareMetres } from '../../lib/geo/area';
import { boundingBoxOf, type BoundingBox } from '../../lib/geo/bounds';
import { validateGeometry } from '../../lib/geo/validate';
import { badRequest } from '../http/errors';

export const MAX_VERTICES = 50_000;

const longitude = v.pipe(v.number(), v.finite(), v.minValue(-180), v.maxValue(180));
const latitude = v.pipe(v.number(), v.finite(), v.minValue(-90), v.maxValue(90));
const position = v.union([v.tuple([longitude, latitude]), v.tuple([longitude, latitude, v.pipe(v.number(), v.finite())])]);
const ring = v.pipe(v.array(position), v.minLength(4, 'a ring needs at least 4 positions'), v.maxLength(MAX_VERTICES));
const polygonRings = v.pipe(v.array(ring), v.minLength(1), v.maxLength(1_000));

export const polygonalSchema = v.variant('type', [
  v.object({ type: v.literal('Polygon'), coordinates: polygonRings }),
  v.object({ type: v.literal('MultiPolygon'), coordinates: v.pipe(v.array(polygonRings), v.minLength(1), v.maxLength(1_000)) }),
]);

export const pointSchema = v.object({ type: v.literal('Point'), coordinates: position });

export interface MeasuredPolygon {
  readonly geometry: Polygon | MultiPolygon;
  readonly bbox: BoundingBox;
  readonly areaSquareMetres: number;
}

function vertexCount(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((inner, ring) => inner + ring.length, 0), 0);
}

/** Validates a (schema-checked) polygonal geometry; 400 naming the first problems. */
export function measurePolygon(input: v.InferOutput<typeof polygonalSchema>): MeasuredPolygon {
  const geometry = input as Polygon | MultiPolygon;
  if (vertexCount(geometry) > MAX_VERTICES) throw badRequest(`Geometry has more than ${MAX_VERTICES} vertices / 几何顶点过多`);
  const errors = validateGeometry(geometry, { featureIndex: 0 }).filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    const text = errors.slice(0, 3).map((issue) => `${issue.message.zh} (${issue.message.en})`);
    throw badRequest(`Invalid geometry / 几何无效: ${text.join('; ')}`, { issues: errors.slice(0, 20).map((issue) => issue.code) });
  }
  const bbox = boundingBoxOf([geometry]);
  if (!bbox) throw badRequest('Empty geometry / 几何为空');
  return { geometry, bbox, areaSquareMetres: geometryAreaSquareMetres(geometry) };
}

export function pointPosition(point: v.InferOutput<typeof pointSchema>): { geometry: Point; lon: number; lat: number } {
  return { geometry: point as Point, lon: point.coordinates[0], lat: point.coordinates[1] };
}
