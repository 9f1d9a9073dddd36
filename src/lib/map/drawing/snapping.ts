/**
 * Snapping for terra-draw's `toCustom` hook: the pointer jumps to the nearest vertex (first
 * choice) or edge of what is drawn on the map — sub-compartments, townships, other plots —
 * within a few pixels. Candidates come from MapLibre's rendered features near the pointer; the
 * coordinates snapped to are the layer's own (not the tiles' simplified ones), looked up by id,
 * so a new plot shares its neighbour's vertices exactly.
 */
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { Geometry, Position } from 'geojson';
import { PLOT_COORDINATE_DECIMALS } from '../../geo/plot-geometry';

/** Finds the original geometry of a rendered feature (undefined: ignore it). */
export type GeometryResolver = (feature: MapGeoJSONFeature) => Geometry | undefined;

export interface SnapTarget {
  /** Style layers whose features can be snapped to (missing or hidden ones are skipped). */
  readonly styleLayers: () => readonly string[];
  readonly resolve: GeometryResolver;
}

export interface SnapResult {
  readonly position: Position;
  readonly kind: 'vertex' | 'edge';
}

/** terra-draw refuses coordinates finer than its precision; plots store 1e-9° too. */
const rounded = (position: Position): Position => position.map((value) => Math.round(value * 10 ** PLOT_COORDINATE_DECIMALS) / 10 ** PLOT_COORDINATE_DECIMALS);

/** Rings and lines of a geometry, as position lists. */
function pathsOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    case 'LineString':
      return [geometry.coordinates];
    case 'GeometryCollection':
      return geometry.geometries.flatMap(pathsOf);
    default:
      return [];
  }
}

/**
 * The nearest vertex within `tolerance` pixels of the screen point, else the nearest point on an
 * edge within it; null when nothing is that close.
 */
export function snapAt(map: MapLibreMap, target: SnapTarget, x: number, y: number, tolerance = 10): SnapResult | null {
  const layers = target.styleLayers().filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  if (layers.length === 0) return null;
  const hits = map.queryRenderedFeatures(
    [
      [x - tolerance, y - tolerance],
      [x + tolerance, y + tolerance],
    ],
    { layers },
  );
  // Only vertices and edges inside the pointer's box need projecting (townships have thousands).
  const corners = [map.unproject([x - tolerance, y - tolerance]), map.unproject([x + tolerance, y + tolerance])];
  const west = Math.min(corners[0]!.lng, corners[1]!.lng);
  const east = Math.max(corners[0]!.lng, corners[1]!.lng);
  const south = Math.min(corners[0]!.lat, corners[1]!.lat);
  const north = Math.max(corners[0]!.lat, corners[1]!.lat);
  const inBox = (p: Position) => p[0]! >= west && p[0]! <= east && p[1]! >= south && p[1]! <= north;

  let vertex: Position | null = null;
  let vertexDistance = tolerance;
  let edge: Position | null = null;
  let edgeDistance = tolerance;
  const seen = new Set<string>();
  for (const hit of hits) {
    const key = `${hit.layer.id}:${String(hit.id)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const geometry = target.resolve(hit);
    if (!geometry) continue;
    for (const path of pathsOf(geometry)) {
      for (let index = 0; index < path.length; index++) {
        const a = path[index]!;
        if (inBox(a)) {
          const point = map.project([a[0]!, a[1]!]);
          const distance = Math.hypot(point.x - x, point.y - y);
          if (distance < vertexDistance) {
            vertexDistance = distance;
            vertex = [a[0]!, a[1]!];
          }
        }
        const b = path[index + 1];
        if (!b) continue;
        if (Math.max(a[0]!, b[0]!) < west || Math.min(a[0]!, b[0]!) > east || Math.max(a[1]!, b[1]!) < south || Math.min(a[1]!, b[1]!) > north) continue;
        const pa = map.project([a[0]!, a[1]!]);
        const pb = map.project([b[0]!, b[1]!]);
        const dx = pb.x - pa.x;
        const dy = pb.y - pa.y;
        const lengthSquared = dx * dx + dy * dy;
        if (lengthSquared === 0) continue;
        const t = Math.max(0, Math.min(1, ((x - pa.x) * dx + (y - pa.y) * dy) / lengthSquared));
        const distance = Math.hypot(pa.x + t * dx - x, pa.y + t * dy - y);
        if (distance < edgeDistance) {
          edgeDistance = distance;
          // Interpolated in longitude/latitude: at plot scale the screen line and the geodesic coincide.
          edge = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
        }
      }
    }
  }
  if (vertex) return { position: rounded(vertex), kind: 'vertex' };
  if (edge) return { position: rounded(edge), kind: 'edge' };
  return null;
}
