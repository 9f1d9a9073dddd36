/**
 * Fire facilities (watchtowers, cameras, water points) as the coverage analysis sees them, and
 * the check of a viewing radius a user types in.
 */
import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import type { LocalizedText } from '../../layers/catalog';

export interface Facility {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly position: Position;
  /** Viewing radius in metres; 0 for facilities that watch nothing (water points). */
  readonly radiusMetres: number;
}

/** Longest viewing radius accepted: a tower camera sees ~10–20 km; 50 km is certainly a typo. */
export const MAX_RADIUS_METRES = 50_000;

/** Null when the radius is usable, else why not (zh/en). */
export function radiusProblem(value: number): LocalizedText | null {
  if (!Number.isFinite(value)) return { zh: '监视半径必须是数字（米）', en: 'the viewing radius must be a number (metres)' };
  if (value < 0) return { zh: `监视半径不能为负数：${value} 米`, en: `the viewing radius cannot be negative: ${value} m` };
  if (value > MAX_RADIUS_METRES) {
    return {
      zh: `监视半径 ${value} 米不合理（上限 ${MAX_RADIUS_METRES / 1000} 千米），请检查单位是否为米`,
      en: `a viewing radius of ${value} m is implausible (limit ${MAX_RADIUS_METRES / 1000} km); is the unit metres?`,
    };
  }
  return null;
}

/** Reads facilities from the fire-facilities layer (fields SHE_SHI_ID, LEI_XING, MING_CHENG, BAN_JING). */
export function facilitiesFromFeatures(collection: FeatureCollection): Facility[] {
  const facilities: Facility[] = [];
  collection.features.forEach((feature: Feature, index) => {
    if (feature.geometry?.type !== 'Point') return;
    const properties = feature.properties ?? {};
    const radius = Number(properties.BAN_JING ?? 0);
    facilities.push({
      id: String(properties.SHE_SHI_ID ?? `F${index + 1}`),
      kind: String(properties.LEI_XING ?? ''),
      name: String(properties.MING_CHENG ?? ''),
      position: (feature.geometry as Point).coordinates,
      radiusMetres: Number.isFinite(radius) && radius > 0 ? radius : 0,
    });
  });
  return facilities;
}

/** Facilities back as point features (for the map and exports). */
export function facilitiesToFeatures(facilities: readonly Facility[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: facilities.map((facility, index) => ({
      type: 'Feature',
      id: index,
      properties: { SHE_SHI_ID: facility.id, LEI_XING: facility.kind, MING_CHENG: facility.name, BAN_JING: facility.radiusMetres },
      geometry: { type: 'Point', coordinates: [...facility.position] },
    })),
  };
}
