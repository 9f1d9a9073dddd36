/**
 * Geometry problems found by validation, with reason codes and zh/en messages. The wording is in
 * one i18n catalogue (src/lib/i18n/validation-messages.ts), so the app, the CLI and the worker
 * all say the same thing.
 */
import { joined, localized, type LocalizedText } from '../../i18n';
import '../../i18n/validation-messages'; // the texts of a tool that loads on use

export type ValidationCode =
  | 'empty-geometry'
  | 'not-polygonal'
  | 'non-finite-coordinate'
  | 'unclosed-ring'
  | 'duplicate-vertex'
  | 'too-few-vertices'
  | 'zero-area'
  | 'self-intersection'
  | 'ring-crossing'
  | 'hole-outside-shell'
  | 'nested-holes'
  | 'overlapping-parts';

export type Severity = 'error' | 'warning';

export interface ValidationIssue {
  /** Index of the feature in its collection. */
  readonly featureIndex: number;
  /** The feature's id (GeoJSON id, or an id field) when it has one. */
  readonly featureId?: string | number;
  /** Layer name when validating several layers. */
  readonly layer?: string;
  /** Polygon index within a MultiPolygon (0 for a Polygon); -1 when it concerns the whole feature. */
  readonly part: number;
  /** Ring index within the polygon (0 = outer ring); -1 when it concerns the whole part. */
  readonly ring: number;
  /** Vertex index within the ring, when one vertex is at fault. */
  readonly vertex?: number;
  /** Where the problem is ([lon, lat] or source coordinates), when it is a point. */
  readonly position?: readonly [number, number];
  readonly code: ValidationCode;
  /** 'error' features give wrong areas unless repaired; 'warning' ones are measured correctly. */
  readonly severity: Severity;
  readonly message: LocalizedText;
}

/** Severity of each code; the wording is in src/lib/i18n/validation-messages.ts. */
const SEVERITY: Record<ValidationCode, Severity> = {
  'empty-geometry': 'warning',
  'not-polygonal': 'warning',
  'non-finite-coordinate': 'error',
  'unclosed-ring': 'warning',
  'duplicate-vertex': 'warning',
  'too-few-vertices': 'error',
  'zero-area': 'warning',
  'self-intersection': 'error',
  'ring-crossing': 'error',
  'hole-outside-shell': 'error',
  'nested-holes': 'error',
  'overlapping-parts': 'error',
};

/** Where an issue is, as passed to makeIssue. */
export interface IssueLocation {
  readonly featureIndex: number;
  readonly featureId?: string | number;
  readonly layer?: string;
  readonly part?: number;
  readonly ring?: number;
  readonly vertex?: number;
  readonly position?: readonly [number, number];
}

/** Coordinates in messages: 8 decimals (~1 mm in degrees), trailing zeros dropped. */
function roundForText(value: number): number {
  return Number(value.toFixed(8));
}

function locationText(location: IssueLocation): LocalizedText {
  const parts: LocalizedText[] = [];
  if (location.layer) parts.push(localized('validation.layer', { layer: location.layer }));
  parts.push(localized('validation.feature', { index: location.featureIndex }));
  if (location.featureId !== undefined) parts.push(localized('validation.featureId', { id: location.featureId }));
  if (location.part !== undefined && location.part >= 0) parts.push(localized('validation.part', { part: location.part }));
  if (location.ring !== undefined && location.ring >= 0) {
    parts.push(location.ring === 0 ? localized('validation.outerRing') : localized('validation.hole', { ring: location.ring }));
  }
  if (location.vertex !== undefined) parts.push(localized('validation.vertex', { vertex: location.vertex }));
  if (location.position) {
    parts.push(localized('validation.position', { where: `(${roundForText(location.position[0])}, ${roundForText(location.position[1])})` }));
  }
  return joined(parts);
}

/** Builds an issue with its standard severity and a message naming where it is. */
export function makeIssue(code: ValidationCode, location: IssueLocation): ValidationIssue {
  const where = locationText(location);
  return {
    featureIndex: location.featureIndex,
    ...(location.featureId !== undefined ? { featureId: location.featureId } : {}),
    ...(location.layer !== undefined ? { layer: location.layer } : {}),
    part: location.part ?? -1,
    ring: location.ring ?? -1,
    ...(location.vertex !== undefined ? { vertex: location.vertex } : {}),
    ...(location.position !== undefined ? { position: location.position } : {}),
    code,
    severity: SEVERITY[code],
    message: localized('validation.issue', { where, problem: describeIssueCode(code) }),
  };
}

/** The bare description of a code (no location), e.g. for legends and summaries. */
export function describeIssueCode(code: ValidationCode): LocalizedText {
  return localized(`validation.code.${code}`);
}
