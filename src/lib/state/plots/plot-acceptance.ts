/**
 * What a feature must be to become a plot, checked before anything reaches the store, the map or
 * an export: a Polygon or MultiPolygon (or a collection of only those) whose coordinates are
 * finite longitude/latitude numbers, without empty parts or rings, every ring with at least three
 * distinct vertices, no self-intersection, no crossing or misplaced holes, no overlapping parts.
 * Anything else is refused with the reason, in zh and en; nothing is repaired silently.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { normalisePlotGeometry } from '../../geo/plot-geometry';
import { describeIssueCode, validateGeometry } from '../../geo/validate';
import { localized, type LocalizedText, type MessageKey, type MessageParams } from '../../i18n';

export type PlotGeometryCheck = { readonly ok: true; readonly geometry: Polygon | MultiPolygon } | { readonly ok: false; readonly reason: LocalizedText };

const NOT_POLYGONS = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString']);

const refuse = (key: MessageKey, params?: MessageParams): PlotGeometryCheck => ({ ok: false, reason: localized(key, params) });

/** Short text of a value for messages (a string shown quoted, long values cut). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : String(JSON.stringify(value) ?? value);
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** The polygons' raw coordinate arrays, or the refusal when the geometry is not polygonal. */
function polygonArrays(geometry: unknown): { parts: unknown[] } | { refusal: PlotGeometryCheck } {
  if (geometry === null || geometry === undefined) return { refusal: refuse('plot.refusal.noGeometry') };
  const type = typeof geometry === 'object' ? (geometry as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return { refusal: refuse('plot.refusal.noType') };
  const record = geometry as { coordinates?: unknown; geometries?: unknown };
  if (type === 'Polygon') return { parts: [record.coordinates] };
  if (type === 'MultiPolygon') {
    if (!Array.isArray(record.coordinates)) return { refusal: refuse('plot.refusal.multiNoCoordinates') };
    return { parts: record.coordinates };
  }
  if (type === 'GeometryCollection') {
    const members = Array.isArray(record.geometries) ? (record.geometries as unknown[]) : [];
    const parts: unknown[] = [];
    for (const member of members) {
      const memberType = typeof member === 'object' && member !== null ? (member as { type?: unknown }).type : undefined;
      if (memberType !== 'Polygon' && memberType !== 'MultiPolygon') {
        return { refusal: refuse('plot.refusal.collectionMember', { type: shown(memberType) }) };
      }
      const inner = polygonArrays(member);
      if ('refusal' in inner) return inner;
      parts.push(...inner.parts);
    }
    return { parts };
  }
  if (NOT_POLYGONS.has(type)) return { refusal: refuse('plot.refusal.notPolygon', { type }) };
  return { refusal: refuse('plot.refusal.unknownType', { type }) };
}

/** Checks the nesting and the numbers of one polygon's rings; null when they are usable. */
function coordinateProblem(part: unknown, partNumber: number, multipart: boolean): PlotGeometryCheck | null {
  const where = multipart ? localized('plot.refusal.where', { part: partNumber }) : '';
  if (!Array.isArray(part)) return refuse('plot.refusal.notArray', { where });
  if (part.length === 0) return refuse('plot.refusal.partEmpty', { part: multipart ? localized('plot.refusal.partName', { part: partNumber }) : localized('plot.refusal.polygonName') });
  for (const [ringIndex, ring] of part.entries()) {
    const ringName = ringIndex === 0 ? localized('plot.refusal.outerRing') : localized('plot.refusal.hole', { ring: ringIndex });
    if (!Array.isArray(ring) || ring.length === 0) return refuse('plot.refusal.ringEmpty', { where, ring: ringName });
    for (const position of ring as unknown[]) {
      if (!Array.isArray(position) || position.length < 2) {
        return refuse('plot.refusal.notPair', { where, ring: ringName, value: shown(position) });
      }
      const [x, y] = position as unknown[];
      for (const value of [x, y]) {
        if (typeof value !== 'number') {
          return refuse('plot.refusal.notNumber', { where, value: shown(value) });
        }
        if (!Number.isFinite(value)) {
          return refuse('plot.refusal.notFinite', { where });
        }
      }
      if (Math.abs(x as number) > 180 || Math.abs(y as number) > 90) {
        return refuse('plot.refusal.outOfRange', { where, x: shown(x), y: shown(y) });
      }
    }
  }
  return null;
}

/**
 * Checks a feature's geometry against the plot rules.
 * @returns the geometry as stored (normalised), or the reason it is refused.
 */
export function checkPlotGeometry(geometry: unknown): PlotGeometryCheck {
  const arrays = polygonArrays(geometry);
  if ('refusal' in arrays) return arrays.refusal;
  if (arrays.parts.length === 0) return refuse('plot.refusal.empty');
  const multipart = arrays.parts.length > 1;
  for (const [index, part] of arrays.parts.entries()) {
    const problem = coordinateProblem(part, index + 1, multipart);
    if (problem) return problem;
  }
  const polygons = arrays.parts as Position[][][];
  const candidate: Geometry = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
  const error = validateGeometry(candidate, { featureIndex: 0 }).find((issue) => issue.severity === 'error');
  if (error) {
    const reason = describeIssueCode(error.code);
    if (!error.position) return { ok: false, reason };
    return refuse('plot.refusal.at', { reason, position: `(${Number(error.position[0].toFixed(6))}, ${Number(error.position[1].toFixed(6))})` });
  }
  const normalised = normalisePlotGeometry(candidate);
  if (!normalised) return refuse('plot.refusal.tooFew');
  // Rounding to the stored precision must not drop a ring or a part the file has.
  const storedParts = normalised.type === 'Polygon' ? [normalised.coordinates] : normalised.coordinates;
  if (storedParts.length !== polygons.length || storedParts.some((rings, index) => rings.length !== polygons[index]!.length)) {
    return refuse('plot.refusal.degenerate');
  }
  return { ok: true, geometry: normalised };
}
