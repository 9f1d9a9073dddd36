/**
 * Structural checks of imported features before anything downstream (CRS detection, reprojection,
 * validation, bbox, map, store, export) sees them. A feature whose geometry cannot be drawn — an
 * unknown type ("Circle"), a coordinate that is not a finite number (JSON 1e400, NaN, "108.7"),
 * an empty part — is taken out and listed with its file, index and reason. Attribute values nested
 * deeper than MAX_ATTRIBUTE_DEPTH are replaced by a note (they break structured cloning and the store).
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { FeatureIssue, ImportWarning } from './types';
import type { LocalizedText } from '../i18n/locale';

/** Deepest attribute value kept (objects/arrays inside objects/arrays). */
export const MAX_ATTRIBUTE_DEPTH = 32;
/** Deepest GeometryCollection nesting kept. */
export const MAX_GEOMETRY_DEPTH = 8;
/** At most this many defects are listed per layer (the count stays exact in the warning). */
const MAX_LISTED = 1000;

export type FeatureDefectCode = 'not-a-feature' | 'unknown-geometry-type' | 'non-numeric-coordinate' | 'non-finite-coordinate' | 'empty-part' | 'geometry-too-deep';

const REASONS: Record<FeatureDefectCode, (detail: string) => LocalizedText> = {
  'not-a-feature': (detail) => ({ zh: `不是GeoJSON要素（${detail}）`, en: `not a GeoJSON feature (${detail})` }),
  'unknown-geometry-type': (detail) => ({ zh: `未知的几何类型“${detail}”`, en: `unknown geometry type "${detail}"` }),
  'non-numeric-coordinate': (detail) => ({ zh: `坐标不是数值（${detail}）`, en: `a coordinate is not a number (${detail})` }),
  'non-finite-coordinate': (detail) => ({ zh: `坐标不是有限数值（${detail}）`, en: `a coordinate is not a finite number (${detail})` }),
  'empty-part': (detail) => ({ zh: `几何含空的部分（${detail}）`, en: `the geometry has an empty part (${detail})` }),
  'geometry-too-deep': () => ({ zh: `几何集合嵌套超过${MAX_GEOMETRY_DEPTH}层`, en: `geometry collections nested deeper than ${MAX_GEOMETRY_DEPTH} levels` }),
};

const DEPTH_OF: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

type Defect = { readonly code: FeatureDefectCode; readonly detail: string };

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Checks nested coordinate arrays of the expected depth (0 = a position). */
function coordinateDefect(value: unknown, depth: number): Defect | null {
  if (!Array.isArray(value)) return { code: 'non-numeric-coordinate', detail: describe(value) };
  if (depth === 0) {
    if (value.length < 2) return { code: 'empty-part', detail: `a position with ${value.length} numbers` };
    for (const number of value) {
      if (typeof number !== 'number') return { code: 'non-numeric-coordinate', detail: describe(number) };
      if (!Number.isFinite(number)) return { code: 'non-finite-coordinate', detail: String(number) };
    }
    return null;
  }
  if (value.length === 0) return { code: 'empty-part', detail: 'an empty coordinate list' };
  for (const child of value) {
    const defect = coordinateDefect(child, depth - 1);
    if (defect) return defect;
  }
  return null;
}

/** The first structural defect of a geometry, or null. */
export function geometryDefect(geometry: unknown, level = 0): Defect | null {
  if (geometry === null) return null;
  if (typeof geometry !== 'object' || Array.isArray(geometry)) return { code: 'not-a-feature', detail: `geometry is ${describe(geometry)}` };
  const { type } = geometry as { type?: unknown };
  if (type === 'GeometryCollection') {
    if (level >= MAX_GEOMETRY_DEPTH) return { code: 'geometry-too-deep', detail: '' };
    const parts = (geometry as { geometries?: unknown }).geometries;
    if (!Array.isArray(parts)) return { code: 'not-a-feature', detail: 'a GeometryCollection without "geometries"' };
    if (parts.length === 0) return { code: 'empty-part', detail: 'an empty GeometryCollection' };
    for (const part of parts) {
      const defect = part === null ? { code: 'empty-part' as const, detail: 'a null member' } : geometryDefect(part, level + 1);
      if (defect) return defect;
    }
    return null;
  }
  if (typeof type !== 'string' || !(type in DEPTH_OF)) return { code: 'unknown-geometry-type', detail: typeof type === 'string' ? type.slice(0, 40) : describe(type) };
  return coordinateDefect((geometry as { coordinates?: unknown }).coordinates, DEPTH_OF[type]!);
}

/** A copy of an attribute value with anything deeper than the cap replaced; `cut` reports whether it was. */
function capDepth(value: unknown, depth: number, cut: { value: boolean }): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_ATTRIBUTE_DEPTH) {
    cut.value = true;
    return `[nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels: removed]`;
  }
  if (Array.isArray(value)) return value.map((item) => capDepth(item, depth + 1, cut));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = capDepth(item, depth + 1, cut);
  return out;
}

export interface FeatureCheck {
  readonly collection: FeatureCollection;
  /** For each kept feature, its index in the file. */
  readonly sourceIndex: readonly number[];
  readonly issues: FeatureIssue[];
  readonly removed: number;
}

/**
 * checkFeatures over a layer that arrives in batches: issues are capped and the summary warnings
 * given once for the whole layer, as if it had been checked in one call.
 */
export class FeatureChecker {
  readonly issues: FeatureIssue[] = [];
  removed = 0;
  private deepFields = 0;
  private firstDeep = '';

  constructor(
    private readonly file: string,
    private readonly stage: 'read' | 'reprojected' = 'read',
  ) {}

  /** Checks one batch; `sourceIndex`: index in the file of each of its features (identity when omitted). */
  check(candidates: readonly unknown[], sourceIndex?: readonly number[]): { features: Feature[]; sourceIndex: number[] } {
    const { file, stage, issues } = this;
    const features: Feature[] = [];
    const kept: number[] = [];
    candidates.forEach((candidate: unknown, position) => {
      const index = sourceIndex?.[position] ?? position;
      const feature = candidate as Partial<Feature> | null;
      const defect: Defect | null =
        !feature || typeof feature !== 'object' || Array.isArray(feature)
          ? { code: 'not-a-feature', detail: describe(candidate) }
          : feature.geometry === undefined
            ? { code: 'not-a-feature', detail: 'no "geometry" member' }
            : geometryDefect(feature.geometry);
      if (defect) {
        this.removed++;
        if (issues.length < MAX_LISTED) {
          const reason = REASONS[defect.code](defect.detail);
          const after = stage === 'reprojected' ? { zh: '（坐标转换后）', en: ' (after reprojection)' } : { zh: '', en: '' };
          issues.push({
            featureIndex: index,
            part: -1,
            ring: -1,
            code: defect.code,
            severity: 'error',
            message: { zh: `${file}：要素${index}${after.zh}：${reason.zh}，已跳过`, en: `${file}: feature ${index}${after.en}: ${reason.en}; skipped` },
            action: 'skipped',
          });
        }
        return;
      }
      let properties = feature!.properties;
      if (properties !== null && properties !== undefined && (typeof properties !== 'object' || Array.isArray(properties))) properties = { value: properties };
      if (properties) {
        const cut = { value: false };
        const capped = capDepth(properties, 0, cut) as Record<string, unknown>;
        if (cut.value) {
          if (this.deepFields === 0) this.firstDeep = String(index);
          this.deepFields++;
          properties = capped;
        }
      }
      features.push(properties === feature!.properties ? (feature as Feature) : ({ ...feature, properties: properties ?? null } as Feature));
      kept.push(index);
    });
    return { features, sourceIndex: kept };
  }

  /** Adds the layer's summary warnings (once, after the last batch). */
  finish(warnings: ImportWarning[]): void {
    const { file, removed, deepFields, firstDeep } = this;
    if (removed > 0) {
      warnings.push({
        file,
        message: {
          zh: `${removed}个要素的几何无法使用（未知类型、非数值或无穷大坐标、空的部分），已跳过，见几何检查列表`,
          en: `${removed} features with unusable geometry (unknown type, non-numeric or infinite coordinates, empty parts) were skipped: see the geometry check list`,
        },
      });
    }
    if (deepFields > 0) {
      warnings.push({
        file,
        message: {
          zh: `${deepFields}个要素（首个：要素${firstDeep}）的属性值嵌套超过${MAX_ATTRIBUTE_DEPTH}层，过深部分已删除`,
          en: `${deepFields} features (first: feature ${firstDeep}) have attribute values nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels: the deeper part was removed`,
        },
      });
    }
  }
}

/**
 * Takes out features that cannot be used and caps attribute depth.
 * @param sourceIndex index in the file of each input feature (identity when omitted).
 * @param stage 'read' for the file's own coordinates, 'reprojected' after the CRS transform.
 */
export function checkFeatures(
  collection: FeatureCollection,
  file: string,
  warnings: ImportWarning[],
  sourceIndex?: readonly number[],
  stage: 'read' | 'reprojected' = 'read',
): FeatureCheck {
  const checker = new FeatureChecker(file, stage);
  const { features, sourceIndex: kept } = checker.check(collection.features, sourceIndex);
  checker.finish(warnings);
  return { collection: { type: 'FeatureCollection', features }, sourceIndex: kept, issues: checker.issues, removed: checker.removed };
}
