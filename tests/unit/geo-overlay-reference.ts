/**
 * Independent slow reference for the overlay engine: every feature clipped against every zone
 * whose bounding box it meets (an exact pruning) with polyclip-ts on the full geometries, every
 * piece measured by GeographicLib (area.ts). The only engine code it shares puts back the vertices
 * polyclip-ts drops as collinear (restore-vertices.ts), which geodesic areas need.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { intersection, type Geom } from 'polyclip-ts';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { isForestCover, readField } from '../../src/lib/geo/forest-cover';
import { restoreDroppedVertices } from '../../src/lib/geo/overlay/restore-vertices';

export interface ReferenceZone {
  area: number;
  forestArea: number;
  layers: Record<string, { area: number; count: number; categories: Record<string, { area: number; count: number }> }>;
}

type Box = [number, number, number, number];

function boxOf(geometry: Polygon | MultiPolygon): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring as Position[]) {
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    }
  }
  return box;
}

const meets = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
const asGeom = (geometry: Polygon | MultiPolygon) => geometry.coordinates as unknown as Geom;
const asPolygons = (geometry: Polygon | MultiPolygon) =>
  (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown as [number, number][][][];

/** Per-zone reference statistics; a piece under `sliverFraction` of its feature is added but not counted. */
export function referenceStatistics(
  zones: FeatureCollection,
  layers: ReadonlyArray<{ id: string; features: FeatureCollection; categoryField?: string }>,
  forestLayerId: string | null,
  sliverFraction: number,
): ReferenceZone[] {
  const zoneGeometries = zones.features.map((feature) => feature.geometry as Polygon | MultiPolygon);
  const zoneBoxes = zoneGeometries.map(boxOf);
  const result: ReferenceZone[] = zoneGeometries.map((geometry) => ({
    area: geometryAreaSquareMetres(geometry),
    forestArea: 0,
    layers: Object.fromEntries(layers.map((layer) => [layer.id, { area: 0, count: 0, categories: {} }])),
  }));
  for (const layer of layers) {
    for (const feature of layer.features.features as Feature<Polygon | MultiPolygon>[]) {
      if (!feature.geometry || (feature.geometry.type !== 'Polygon' && feature.geometry.type !== 'MultiPolygon')) continue;
      const featureArea = geometryAreaSquareMetres(feature.geometry);
      const box = boxOf(feature.geometry);
      const category = layer.categoryField ? String(readField(feature.properties, layer.categoryField) ?? '') : null;
      const forest = layer.id === forestLayerId && isForestCover(feature.properties);
      zoneGeometries.forEach((zone, zoneIndex) => {
        if (!meets(box, zoneBoxes[zoneIndex]!)) return;
        const featureInput = asGeom(feature.geometry);
        const zoneInput = asGeom(zone);
        const pieces = restoreDroppedVertices(
          intersection(featureInput, zoneInput) as [number, number][][][],
          asPolygons(feature.geometry),
          asPolygons(zone),
        );
        if (pieces.length === 0) return;
        const area = geometryAreaSquareMetres({ type: 'MultiPolygon', coordinates: pieces });
        if (area <= 0) return;
        const counted = area >= sliverFraction * featureArea ? 1 : 0;
        const target = result[zoneIndex]!;
        const statistics = target.layers[layer.id]!;
        statistics.area += area;
        statistics.count += counted;
        if (forest) target.forestArea += area;
        if (category !== null) {
          const sums = (statistics.categories[category] ??= { area: 0, count: 0 });
          sums.area += area;
          sums.count += counted;
        }
      });
    }
  }
  return result;
}
