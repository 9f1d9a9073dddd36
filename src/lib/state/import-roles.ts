/**
 * Roles of imported layers: the field mapping suggested for a role, and the collection a role
 * yields — the layer's features with the mapped fields renamed to the catalog's names (and the
 * area converted to 亩), so statistics, conflict checks and the map treat it like the sample layer.
 */
import type { Feature, FeatureCollection, GeoJsonProperties } from 'geojson';
import { suggestFieldMapping } from '../io/suggest-role';
import type { FieldInfo } from '../io/types';
import { layerById, type LayerId } from '../layers/catalog';
import { hectaresToMu, squareMetresToMu } from '../geo/units';
import { REFERENCE_ROLE, type AreaFieldUnit, type ImportedRole, type RoleAssignment } from './import-record';

/** The catalog's area field (in 亩). */
export const AREA_FIELD = 'MIAN_JI';

/**
 * The assignment for a role with the suggested field mapping (see suggestFieldMapping); the area
 * unit is guessed from the field name (公顷/hectare names, else 亩).
 */
export function suggestAssignment(fields: readonly FieldInfo[], role: ImportedRole): RoleAssignment {
  if (role === 'reference') return REFERENCE_ROLE;
  const suggested = suggestFieldMapping({ fields }, role);
  const fieldMapping: Record<string, string> = {};
  for (const [catalogField, field] of Object.entries(suggested)) if (field) fieldMapping[catalogField] = field;
  const areaField = fieldMapping[AREA_FIELD] ?? '';
  const areaUnit: AreaFieldUnit = /公顷|hectare|_HA$|^HA_/i.test(areaField) ? 'hectare' : /SHAPE_AREA|平方米/i.test(areaField) ? 'squareMetre' : 'mu';
  return { role, fieldMapping, areaUnit };
}

function areaInMu(value: unknown, unit: AreaFieldUnit): unknown {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number)) return value;
  if (unit === 'hectare') return hectaresToMu(number);
  if (unit === 'squareMetre') return squareMetresToMu(number);
  return number;
}

/** The properties a feature has under a role: catalog fields first, then the file's other fields. */
function roleProperties(properties: GeoJsonProperties, target: LayerId, assignment: RoleAssignment): Record<string, unknown> {
  const source = properties ?? {};
  const result: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const field of layerById(target).fields) {
    const from = assignment.fieldMapping[field.name];
    if (!from || !(from in source)) continue;
    used.add(from);
    result[field.name] = field.name === AREA_FIELD ? areaInMu(source[from], assignment.areaUnit) : source[from];
  }
  for (const [key, value] of Object.entries(source)) {
    if (!used.has(key) && !(key in result)) result[key] = value;
  }
  return result;
}

/**
 * The collection an imported layer yields in its role: mapped properties, numeric ids equal to
 * the feature index (what the map's feature-state and the feature panel use).
 */
export function applyRole(collection: FeatureCollection, assignment: RoleAssignment): FeatureCollection {
  if (assignment.role === 'reference') return collection;
  const target = assignment.role;
  // Fields already named as in the catalog, area in 亩: the attributes are used as they are
  // (building new ones costs ~0.4 s for 200,000 sub-compartments on a slow core).
  const unchanged =
    Object.entries(assignment.fieldMapping).every(([catalogField, field]) => catalogField === field) &&
    (assignment.areaUnit === 'mu' || !assignment.fieldMapping[AREA_FIELD]);
  const features: Feature[] = collection.features.map((feature, index) => ({
    type: 'Feature',
    id: index,
    properties: unchanged ? feature.properties : roleProperties(feature.properties, target, assignment),
    geometry: feature.geometry,
  }));
  return { type: 'FeatureCollection', features };
}

/** A stable text for an assignment, to tell when a cached role collection is stale. */
export function assignmentSignature(assignment: RoleAssignment): string {
  const mapping = Object.entries(assignment.fieldMapping).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([assignment.role, mapping, assignment.areaUnit]);
}
