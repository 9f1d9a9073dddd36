/**
 * Fire facilities (watchtowers, cameras, water points) as the coverage analysis sees them, and
 * the check of a viewing radius a user types in.
 */
import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import type { LocalizedText } from '../../i18n/locale';

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

/** Null when the radius is usable (a whole number of metres, 1 m to 50 km), else why not (zh/en). */
export function radiusProblem(value: number): LocalizedText | null {
  if (!Number.isFinite(value)) return { zh: '监视半径必须是数字（米）', en: 'the viewing radius must be a number (metres)' };
  if (value < 0) return { zh: `监视半径不能为负数：${value} 米`, en: `the viewing radius cannot be negative: ${value} m` };
  if (!Number.isInteger(value)) return { zh: `监视半径须为整数米：${value}`, en: `the viewing radius must be a whole number of metres: ${value}` };
  if (value < 1) return { zh: '监视半径至少为 1 米', en: 'the viewing radius must be at least 1 m' };
  if (value > MAX_RADIUS_METRES) {
    return {
      zh: `监视半径 ${value} 米不合理（上限 ${MAX_RADIUS_METRES / 1000} 千米），请检查单位是否为米`,
      en: `a viewing radius of ${value} m is implausible (limit ${MAX_RADIUS_METRES / 1000} km); is the unit metres?`,
    };
  }
  return null;
}

/** A new facility's id: unique for good, never derived from how many there are. */
export function newFacilityId(): string {
  return crypto.randomUUID();
}

/**
 * Facilities as saved earlier, or null when the value is not a facility list. Ids repeated by
 * older versions (which numbered new cameras by count) get a fresh id, so each one stays reachable.
 */
export function savedFacilities(value: unknown): Facility[] | null {
  if (!Array.isArray(value)) return null;
  const seen = new Set<string>();
  const facilities: Facility[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { id, kind, name, position, radiusMetres } = item as Record<string, unknown>;
    if (typeof id !== 'string' || !Array.isArray(position) || position.length < 2 || !position.every((value) => typeof value === 'number')) return null;
    const uniqueId = seen.has(id) ? newFacilityId() : id;
    seen.add(uniqueId);
    facilities.push({
      id: uniqueId,
      kind: String(kind ?? ''),
      name: String(name ?? id),
      position: position as number[],
      radiusMetres: typeof radiusMetres === 'number' && Number.isFinite(radiusMetres) && radiusMetres > 0 ? radiusMetres : 0,
    });
  }
  return facilities;
}

/** The facility id a map feature carries (see facilitiesToFeatures). */
export function facilityIdOf(feature: Feature | undefined): string | null {
  const id = feature?.properties?.SHE_SHI_ID;
  return id === undefined || id === null ? null : String(id);
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
