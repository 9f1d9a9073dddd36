/**
 * Validation of polygonal geometry: every problem that makes an area wrong or a file suspect, with
 * its place (feature, part, ring, vertex) and a reason code. Checks, in order: empty/non-polygonal
 * geometry, non-finite coordinates, unclosed rings, consecutive duplicates, rings with < 3 distinct
 * vertices, zero-area rings, edge contacts (self-intersection, holes crossing rings, parts
 * crossing) and nesting (holes outside their shell, holes in holes, parts inside parts).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { flatBounds, pointInRing } from '../planar';
import { isPolygonal, polygonParts } from '../polygons';
import { cleanFlatRing, cleanRing, isCollinear, type CleanedRing } from './clean-ring';
import { makeIssue, type IssueLocation, type ValidationCode, type ValidationIssue } from './issues';
import { findRingContacts, type PreparedRing } from './segment-contacts';

/** Identifies the feature being validated in the issues. */
export interface FeatureContext {
  readonly featureIndex: number;
  readonly featureId?: string | number;
  readonly layer?: string;
}

/** A cleaned ring (distinct vertices, not closed) with its bounding box. */
export interface CheckedRing extends PreparedRing {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

function asPositions(coordinates: Float64Array): number[][] {
  const positions: number[][] = [];
  for (let index = 0; index < coordinates.length; index += 2) positions.push([coordinates[index]!, coordinates[index + 1]!]);
  return positions;
}

/** 1/-1 for the first vertex of `inner` clearly inside/outside `outer`; 0 if all lie on it. */
function ringInsideRing(inner: CheckedRing, outer: CheckedRing): 1 | 0 | -1 {
  const outerPositions = asPositions(outer.coordinates);
  for (let index = 0; index < inner.coordinates.length; index += 2) {
    const where = pointInRing(inner.coordinates[index]!, inner.coordinates[index + 1]!, outerPositions);
    if (where !== 0) return where;
  }
  return 0;
}

function containsBox(outer: CheckedRing, inner: CheckedRing): boolean {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

function overlapsBox(a: CheckedRing, b: CheckedRing): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

/**
 * Validates one geometry. Points and lines give a single 'not-polygonal' warning.
 * @param options.intersections set false to skip the edge-contact and nesting checks (cheap mode).
 */
export function validateGeometry(
  geometry: Geometry | null | undefined,
  context: FeatureContext,
  options: { intersections?: boolean } = {},
): ValidationIssue[] {
  return checkGeometry(geometry, context, options).issues;
}

/**
 * Like validateGeometry, also returning the cleaned rings (in part and ring order) so that
 * callers measuring a valid geometry need not flatten it again.
 */
export function checkGeometry(
  geometry: Geometry | null | undefined,
  context: FeatureContext,
  options: { intersections?: boolean } = {},
): { issues: ValidationIssue[]; rings: CheckedRing[] } {
  const issues: ValidationIssue[] = [];
  const checked: CheckedRing[] = [];
  const done = () => ({ issues, rings: checked });
  const report = (code: ValidationCode, location: Omit<IssueLocation, 'featureIndex' | 'featureId' | 'layer'> = {}) =>
    issues.push(makeIssue(code, { ...context, ...location }));
  if (!geometry) {
    report('empty-geometry');
    return done();
  }
  if (!isPolygonal(geometry)) {
    report('not-polygonal');
    return done();
  }
  const parts = polygonParts(geometry);
  parts.forEach((rings, part) => {
    if (!Array.isArray(rings) || rings.length === 0) {
      report('empty-geometry', { part });
      return;
    }
    rings.forEach((ring, ringIndex) => addCleanedRing(cleanRing(Array.isArray(ring) ? ring : []), part, ringIndex, report, checked));
  });
  return finishChecks(checked, issues, report, options);
}

/** The polygon rings of one feature of a flat layer (overlay/flat-layer.ts). */
export interface FlatRings {
  readonly coordinates: Float64Array;
  readonly ringStart: Uint32Array;
  readonly ringPart: Uint32Array;
  readonly ringInPart: Uint32Array;
  readonly featureRing: Uint32Array;
}

/**
 * checkGeometry for feature `feature` of a flat layer (every ring of every part present): the same
 * issues and cleaned rings, read from typed arrays instead of GeoJSON positions.
 */
export function checkFlatGeometry(
  layer: FlatRings,
  feature: number,
  context: FeatureContext,
  options: { intersections?: boolean } = {},
): { issues: ValidationIssue[]; rings: CheckedRing[] } {
  const issues: ValidationIssue[] = [];
  const checked: CheckedRing[] = [];
  const report = (code: ValidationCode, location: Omit<IssueLocation, 'featureIndex' | 'featureId' | 'layer'> = {}) =>
    issues.push(makeIssue(code, { ...context, ...location }));
  for (let ring = layer.featureRing[feature]!; ring < layer.featureRing[feature + 1]!; ring++) {
    const cleaned = cleanFlatRing(layer.coordinates, layer.ringStart[ring]!, layer.ringStart[ring + 1]!);
    addCleanedRing(cleaned, layer.ringPart[ring]!, layer.ringInPart[ring]!, report, checked);
  }
  return finishChecks(checked, issues, report, options);
}

/** Reports a cleaned ring's problems; keeps it for the contact checks when it has an area. */
function addCleanedRing(cleaned: CleanedRing, part: number, ring: number, report: Reporter, checked: CheckedRing[]): void {
  const location = { part, ring };
  if (cleaned.nonFiniteCount > 0) report('non-finite-coordinate', { ...location, vertex: cleaned.firstNonFinite });
  if (cleaned.unclosed) report('unclosed-ring', location);
  if (cleaned.duplicateCount > 0) report('duplicate-vertex', { ...location, vertex: cleaned.firstDuplicate });
  if (cleaned.coordinates.length < 6) {
    report('too-few-vertices', location);
    return;
  }
  if (isCollinear(cleaned.coordinates)) {
    report('zero-area', location);
    return;
  }
  const [minX, minY, maxX, maxY] = flatBounds(cleaned.coordinates);
  checked.push({ part, ring, coordinates: cleaned.coordinates, minX, minY, maxX, maxY });
}

function finishChecks(
  checked: CheckedRing[],
  issues: ValidationIssue[],
  report: Reporter,
  options: { intersections?: boolean },
): { issues: ValidationIssue[]; rings: CheckedRing[] } {
  if (options.intersections === false || checked.length === 0) return { issues, rings: checked };
  const brokenParts = checkContacts(checked, report);
  // One ring (most features): nothing to nest, and no Map to build for every feature.
  if (checked.length > 1) checkNesting(checked, brokenParts, report);
  return { issues, rings: checked };
}

type Reporter = (code: ValidationCode, location: Omit<IssueLocation, 'featureIndex' | 'featureId' | 'layer'>) => void;

/** No broken parts (shared: most features have none). */
const NO_PARTS: ReadonlySet<number> = new Set();

/** Reports edge contacts once per (code, part, ring); returns the parts with crossing rings. */
function checkContacts(rings: readonly CheckedRing[], report: Reporter): ReadonlySet<number> {
  const contacts = findRingContacts(rings);
  if (contacts.length === 0) return NO_PARTS;
  const broken = new Set<number>();
  const seen = new Set<string>();
  for (const contact of contacts) {
    const first = rings[contact.first.ringIndex]!;
    const second = rings[contact.second.ringIndex]!;
    let code: ValidationCode | null;
    if (first === second) code = 'self-intersection';
    else if (first.part === second.part) code = contact.kind === 'touch' ? null : 'ring-crossing';
    else code = contact.kind === 'cross' ? 'overlapping-parts' : null;
    if (!code) continue;
    broken.add(first.part);
    broken.add(second.part);
    const ring = code === 'overlapping-parts' ? -1 : code === 'ring-crossing' && first.ring === 0 ? second.ring : first.ring;
    const part = Math.min(first.part, second.part);
    const key = `${code}:${part}:${ring}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(code, { part, ring, position: contact.position });
  }
  return broken;
}

/** Holes outside their shell, holes inside holes, and parts inside other parts (not in a hole). */
function checkNesting(rings: readonly CheckedRing[], brokenParts: ReadonlySet<number>, report: Reporter): void {
  const byPart = new Map<number, CheckedRing[]>();
  for (const ring of rings) {
    const list = byPart.get(ring.part) ?? [];
    list.push(ring);
    byPart.set(ring.part, list);
  }
  const shells: CheckedRing[] = [];
  for (const [part, partRings] of byPart) {
    const shell = partRings.find((ring) => ring.ring === 0);
    if (!shell) continue;
    shells.push(shell);
    if (brokenParts.has(part)) continue;
    const holes = partRings.filter((ring) => ring.ring !== 0);
    for (const hole of holes) {
      if (!containsBox(shell, hole) || ringInsideRing(hole, shell) === -1) report('hole-outside-shell', { part, ring: hole.ring });
    }
    for (const hole of holes) {
      for (const other of holes) {
        if (other !== hole && containsBox(other, hole) && ringInsideRing(hole, other) === 1) {
          report('nested-holes', { part, ring: hole.ring });
          break;
        }
      }
    }
  }
  for (const shell of shells) {
    if (brokenParts.size > 0) break;
    for (const other of shells) {
      if (other === shell || !overlapsBox(shell, other) || ringInsideRing(shell, other) !== 1) continue;
      const inHole = (byPart.get(other.part) ?? []).some((hole) => hole.ring !== 0 && ringInsideRing(shell, hole) === 1);
      if (!inHole) {
        report('overlapping-parts', { part: shell.part });
        break;
      }
    }
  }
}

/** Reads a feature's id: GeoJSON `id`, else the given property (case-insensitive match not needed here). */
export function featureIdOf(feature: Feature, idField?: string): string | number | undefined {
  if (feature.id !== undefined) return feature.id;
  if (idField && feature.properties) {
    const value = feature.properties[idField];
    if (typeof value === 'string' || typeof value === 'number') return value;
  }
  return undefined;
}

export interface ValidationReport {
  readonly featureCount: number;
  /** Features with at least one 'error' issue. */
  readonly invalidFeatureCount: number;
  readonly issues: ValidationIssue[];
}

/**
 * Validates every feature of a collection.
 * @param options.idField property used as feature id when the feature has no GeoJSON id.
 */
export function validateFeatureCollection(
  collection: FeatureCollection,
  options: { layer?: string; idField?: string; intersections?: boolean } = {},
): ValidationReport {
  const issues: ValidationIssue[] = [];
  let invalidFeatureCount = 0;
  collection.features.forEach((feature, featureIndex) => {
    const featureId = featureIdOf(feature, options.idField);
    const found = validateGeometry(
      feature?.geometry,
      { featureIndex, ...(featureId !== undefined ? { featureId } : {}), ...(options.layer ? { layer: options.layer } : {}) },
      options,
    );
    if (found.some((issue) => issue.severity === 'error')) invalidFeatureCount++;
    issues.push(...found);
  });
  return { featureCount: collection.features.length, invalidFeatureCount, issues };
}
