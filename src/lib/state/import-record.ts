/**
 * What the app keeps about an imported layer besides its features: the summary shown in the
 * data panel, its style, and its role (stand in for a catalog layer, with a field mapping).
 * Plain data, stored in IndexedDB as is.
 */
import type { CrsReport, EncodingReport, FieldInfo, FormatId, ImportedLayer } from '../io/types';
import { LAYERS, type LayerId } from '../layers/catalog';
import { ROLE_TARGETS } from '../layers/derived';

/** Id of an imported layer; also the prefix of its map source and style layers. */
export type ImportedLayerKey = `imported-${string}`;

/** True for ids of imported layers (as opposed to catalog layer ids). */
export function isImportedLayerKey(id: string): id is ImportedLayerKey {
  return id.startsWith('imported-');
}

/** 'reference': shown on the map only; a catalog layer id: replaces that layer's sample data. */
export type ImportedRole = 'reference' | LayerId;

/** Units a bureau's area field may be in; the catalog's MIAN_JI is in 亩. */
export type AreaFieldUnit = 'mu' | 'hectare' | 'squareMetre';

export interface RoleAssignment {
  readonly role: ImportedRole;
  /** Catalog field → the imported layer's field holding it (unmapped fields left out). */
  readonly fieldMapping: Readonly<Record<string, string>>;
  /** Unit of the field mapped to MIAN_JI. */
  readonly areaUnit: AreaFieldUnit;
}

export const REFERENCE_ROLE: RoleAssignment = { role: 'reference', fieldMapping: {}, areaUnit: 'mu' };

export interface ImportedLayerStyle {
  readonly color: string;
  readonly opacity: number;
  readonly visible: boolean;
}

/** The CRS report without the ranked candidates (kept while previewing, not stored). */
export type StoredCrs = Pick<CrsReport, 'code' | 'source' | 'confidence' | 'swapped' | 'reason'>;
export type StoredEncoding = Pick<EncodingReport, 'encoding' | 'source' | 'reason'>;

/** Everything about an imported layer except its features. */
export interface StoredImportDetails {
  readonly format: FormatId;
  readonly featureCount: number;
  readonly geometryTypes: readonly string[];
  readonly fields: readonly FieldInfo[];
  readonly bbox: readonly [number, number, number, number] | null;
  readonly crs: StoredCrs;
  readonly encoding: StoredEncoding | null;
  readonly invalidCount: number;
  readonly repairedCount: number;
  readonly skippedCount: number;
  readonly style: ImportedLayerStyle;
  readonly assignment: RoleAssignment;
  readonly importedAt: string;
}

/** An imported layer as the app shows it. */
export interface ImportedLayerEntry extends StoredImportDetails {
  readonly id: ImportedLayerKey;
  readonly name: string;
  readonly sourceFiles: readonly string[];
  /** Revision of its stored details record (0 until first saved). */
  readonly revision: number;
}

/**
 * Colours for imported layers, distinct from each other and from the catalog's greens, ochres
 * and fire-danger colours, dark enough for outlines on the light base map.
 */
const IMPORT_PALETTE = ['#d81b60', '#1e88e5', '#8e24aa', '#00897b', '#f4511e', '#3949ab', '#6d4c41', '#c0ca33', '#00acc1', '#5e35b1'] as const;

/** The first palette colour not used yet (cycling when all are). */
export function nextImportColour(used: readonly string[]): string {
  const free = IMPORT_PALETTE.find((colour) => !used.includes(colour));
  return free ?? IMPORT_PALETTE[used.length % IMPORT_PALETTE.length]!;
}

/** The details of a freshly imported layer with its style and role. */
export function detailsOf(layer: ImportedLayer, style: ImportedLayerStyle, assignment: RoleAssignment, importedAt: Date): StoredImportDetails {
  return {
    format: layer.format,
    featureCount: layer.collection.features.length,
    geometryTypes: layer.geometryTypes,
    fields: layer.fields,
    bbox: layer.bbox,
    crs: { code: layer.crs.code, source: layer.crs.source, confidence: layer.crs.confidence, swapped: layer.crs.swapped, reason: layer.crs.reason },
    encoding: layer.encoding ? { encoding: layer.encoding.encoding, source: layer.encoding.source, reason: layer.encoding.reason } : null,
    invalidCount: layer.invalidCount,
    repairedCount: layer.repairedCount,
    skippedCount: layer.skippedCount,
    style,
    assignment,
    importedAt: importedAt.toISOString(),
  };
}

/** Catalog layers an imported layer can stand in for (their entries say replaceableByImport). */
export { ROLE_TARGETS };

/** Geometry kind of an imported layer, from its geometry types; null when mixed or empty. */
export function geometryKindOf(geometryTypes: readonly string[]): 'polygon' | 'line' | 'point' | null {
  const kinds = new Set(
    geometryTypes.map((type) => (type.includes('Polygon') ? 'polygon' : type.includes('LineString') ? 'line' : type.includes('Point') ? 'point' : 'other')),
  );
  if (kinds.size !== 1) return null;
  const [kind] = kinds;
  return kind === 'other' ? null : (kind as 'polygon' | 'line' | 'point');
}

/** Catalog layers whose geometry matches the imported layer's, so it can take their role. */
export function compatibleRoles(geometryTypes: readonly string[]): LayerId[] {
  const kind = geometryKindOf(geometryTypes);
  return LAYERS.filter((layer) => layer.replaceableByImport && layer.geometry === kind).map((layer) => layer.id);
}
