/**
 * Runs the geo core's validation on every polygonal feature of an imported layer and applies the
 * caller's policy to invalid ones: keep (report only), repair (geo core repairGeometry) or skip.
 * Points and lines are not checked. Never throws on bad geometry.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { featureIdOf, repairGeometry, validateGeometry, type ValidationIssue } from '../geo/validate';
import type { FeatureIssue, ImportOptions } from './types';

/** At most this many issues are listed per layer (counts stay exact). */
export const MAX_LISTED_ISSUES = 10000;

const ID_FIELDS = ['id', 'ID', 'Id', 'OBJECTID', 'FID', '编号'];

export interface LayerValidation {
  readonly collection: FeatureCollection;
  readonly issues: FeatureIssue[];
  readonly invalidCount: number;
  readonly repairedCount: number;
  readonly skippedCount: number;
  /** True when more issues were found than listed. */
  readonly truncated: boolean;
}

function isPolygonal(feature: Feature): boolean {
  const type = feature.geometry?.type;
  return type === 'Polygon' || type === 'MultiPolygon';
}

/** The attribute that names features in messages: the first of ID_FIELDS the first feature with attributes has. */
export function idFieldOf(features: readonly Feature[]): string | undefined {
  const sample = features.find((feature) => feature?.properties)?.properties ?? {};
  return ID_FIELDS.find((field) => field in sample);
}

/**
 * Validates a layer (already in WGS84).
 * @param onProgress receives 0–1 every few thousand features.
 * @param sourceIndex index in the file of each feature, for the messages.
 * @param idField the naming attribute (null: none), when the layer comes in batches (default: from this collection).
 */
export function validateLayer(
  collection: FeatureCollection,
  options: Pick<ImportOptions, 'invalid' | 'checkIntersections'>,
  onProgress: (fraction: number) => void = () => {},
  sourceIndex?: readonly number[],
  idField: string | null = idFieldOf(collection.features) ?? null,
): LayerValidation {
  const policy = options.invalid ?? 'keep';
  const intersections = options.checkIntersections !== false;
  const issues: FeatureIssue[] = [];
  const kept: Feature[] = [];
  let invalidCount = 0;
  let repairedCount = 0;
  let skippedCount = 0;
  let truncated = false;
  const list = (found: readonly ValidationIssue[], action: FeatureIssue['action']) => {
    for (const issue of found) {
      if (issues.length >= MAX_LISTED_ISSUES) {
        truncated = true;
        return;
      }
      issues.push({ ...issue, action });
    }
  };
  const total = collection.features.length;
  collection.features.forEach((feature, featureIndex) => {
    if (featureIndex % 5000 === 0) onProgress(featureIndex / Math.max(1, total));
    if (!feature || (feature.geometry !== null && !isPolygonal(feature))) {
      if (feature) kept.push(feature);
      return;
    }
    const featureId = featureIdOf(feature, idField ?? undefined);
    // Issues name the feature's index in the file (features taken out on reading shift positions).
    const context = { featureIndex: sourceIndex?.[featureIndex] ?? featureIndex, ...(featureId !== undefined ? { featureId } : {}) };
    let found: ValidationIssue[];
    try {
      found = validateGeometry(feature.geometry, context, { intersections });
    } catch {
      found = [];
    }
    const invalid = found.some((issue) => issue.severity === 'error');
    if (!invalid) {
      list(found, 'kept');
      kept.push(feature);
      return;
    }
    invalidCount++;
    if (policy === 'skip') {
      list(found, 'skipped');
      skippedCount++;
      return;
    }
    if (policy === 'repair') {
      try {
        const repaired = repairGeometry(feature.geometry, context);
        if (repaired.geometry && repaired.remaining.length === 0) {
          list(found, 'repaired');
          repairedCount++;
          kept.push({ ...feature, geometry: repaired.geometry });
          return;
        }
      } catch {
        // Falls through: kept as it was, reported as such.
      }
    }
    list(found, 'kept');
    kept.push(feature);
  });
  onProgress(1);
  return { collection: { ...collection, features: kept }, issues, invalidCount, repairedCount, skippedCount, truncated };
}
