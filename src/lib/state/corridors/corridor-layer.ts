/**
 * Saved corridors as the catalog's corridors layer: one feature per corridor with the layer's
 * fields (HE_LIU: the corridor's name, the value statistics split by; KUAN_DU: width per bank;
 * MIAN_JI: 亩), so statistics, the plot conflict check, the map and exports read them like the
 * shipped file. And the other way: the shipped file's features as the first saved corridors.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { geometryAreaSquareMetres } from '../../geo/area';
import { lineParts } from '../../geo/corridor-parts';
import { squareMetresToMu } from '../../geo/units';
import type { StoredCorridor } from '../persistence/database';
import { sampleCorridorId, type StoredCorridorDetails } from './corridor-record';

/** Live corridors (not deleted) as the corridors layer. Feature ids are the indices. */
export function corridorLayer(corridors: readonly StoredCorridor[]): FeatureCollection {
  const live = corridors.filter((corridor) => !corridor.deleted);
  return {
    type: 'FeatureCollection',
    features: live.map(
      (corridor, index): Feature => ({
        type: 'Feature',
        id: index,
        geometry: corridor.geometry,
        properties: {
          HE_LIU: corridor.name,
          KUAN_DU: corridor.spec.widthMetres,
          MIAN_JI: Math.round(squareMetresToMu(corridor.areaSquareMetres) * 100) / 100,
          CORRIDOR_ID: corridor.id,
        },
      }),
    ),
  };
}

/** A river's line parts from the rivers layer, by NAME; null when there is no such river. */
export function riverLine(rivers: FeatureCollection | null, name: string): Position[][] | null {
  const feature = rivers?.features.find((candidate) => candidate.properties?.NAME === name);
  const geometry = feature?.geometry;
  if (!geometry || (geometry.type !== 'LineString' && geometry.type !== 'MultiLineString')) return null;
  return lineParts(geometry);
}

/** All line parts of a layer (an imported river), or null when it has no lines. */
export function layerLine(collection: FeatureCollection): Position[][] | null {
  const parts = collection.features.flatMap((feature) => {
    const geometry = feature.geometry;
    return geometry && (geometry.type === 'LineString' || geometry.type === 'MultiLineString') ? lineParts(geometry as LineString | MultiLineString) : [];
  });
  return parts.length > 0 ? parts : null;
}

/**
 * The shipped corridors (corridors.fgb) as saved-corridor drafts: same river, same width, the
 * file's polygon (built by the generator with the same corridor function).
 */
export function sampleCorridorDrafts(corridors: FeatureCollection, rivers: FeatureCollection | null, createdAt: string): (StoredCorridorDetails & { id: string; deleted: boolean })[] {
  return corridors.features.flatMap((feature) => {
    const name = String(feature.properties?.HE_LIU ?? '');
    const width = Number(feature.properties?.KUAN_DU);
    const geometry = feature.geometry as Polygon | MultiPolygon | null;
    const line = riverLine(rivers, name);
    if (!name || !Number.isFinite(width) || !geometry || !line) return [];
    return [
      {
        id: sampleCorridorId(name),
        name,
        river: { kind: 'catalog', name },
        line,
        spec: { widthMetres: width },
        geometry,
        areaSquareMetres: geometryAreaSquareMetres(geometry),
        origin: 'sample',
        createdAt,
        deleted: false,
      },
    ];
  });
}

/**
 * Saved corridors for export (the plot exporters' formats): the layer's fields, the name again
 * as MING_CHENG (KML placemark names), the area in 公顷 too, and the river it follows.
 */
export function corridorExportCollection(corridors: readonly StoredCorridor[]): FeatureCollection {
  const live = corridors.filter((corridor) => !corridor.deleted);
  const layer = corridorLayer(live);
  return {
    type: 'FeatureCollection',
    features: layer.features.map((feature, index) => {
      const corridor = live[index]!;
      const { CORRIDOR_ID: _id, ...fields } = feature.properties ?? {};
      return {
        ...feature,
        properties: {
          MING_CHENG: corridor.name,
          ...fields,
          GONG_QING: Math.round((corridor.areaSquareMetres / 10_000) * 100) / 100,
          HE_DAO: corridor.river.kind === 'catalog' ? corridor.river.name : corridor.river.layerName,
        },
      };
    }),
  };
}
