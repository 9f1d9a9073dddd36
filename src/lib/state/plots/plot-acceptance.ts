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
import type { LocalizedText } from '../../i18n/locale';

export type PlotGeometryCheck = { readonly ok: true; readonly geometry: Polygon | MultiPolygon } | { readonly ok: false; readonly reason: LocalizedText };

const NOT_POLYGONS = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString']);

const refuse = (zh: string, en: string): PlotGeometryCheck => ({ ok: false, reason: { zh, en } });

/** Short text of a value for messages (a string shown quoted, long values cut). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : String(JSON.stringify(value) ?? value);
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** The polygons' raw coordinate arrays, or the refusal when the geometry is not polygonal. */
function polygonArrays(geometry: unknown): { parts: unknown[] } | { refusal: PlotGeometryCheck } {
  if (geometry === null || geometry === undefined) return { refusal: refuse('没有几何（geometry 为空）', 'no geometry (geometry is null)') };
  const type = typeof geometry === 'object' ? (geometry as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return { refusal: refuse('几何没有类型（type）', 'the geometry has no type') };
  const record = geometry as { coordinates?: unknown; geometries?: unknown };
  if (type === 'Polygon') return { parts: [record.coordinates] };
  if (type === 'MultiPolygon') {
    if (!Array.isArray(record.coordinates)) return { refusal: refuse('MultiPolygon 没有坐标数组', 'the MultiPolygon has no coordinate array') };
    return { parts: record.coordinates };
  }
  if (type === 'GeometryCollection') {
    const members = Array.isArray(record.geometries) ? (record.geometries as unknown[]) : [];
    const parts: unknown[] = [];
    for (const member of members) {
      const memberType = typeof member === 'object' && member !== null ? (member as { type?: unknown }).type : undefined;
      if (memberType !== 'Polygon' && memberType !== 'MultiPolygon') {
        return { refusal: refuse(`几何集合中含非面几何（${shown(memberType)}）`, `the geometry collection holds a geometry that is not a polygon (${shown(memberType)})`) };
      }
      const inner = polygonArrays(member);
      if ('refusal' in inner) return inner;
      parts.push(...inner.parts);
    }
    return { parts };
  }
  if (NOT_POLYGONS.has(type)) return { refusal: refuse(`不是面要素（${type}），地块必须是多边形`, `not a polygon (${type}); a plot must be a polygon`) };
  return { refusal: refuse(`未知的几何类型“${type}”`, `unknown geometry type "${type}"`) };
}

/** Checks the nesting and the numbers of one polygon's rings; null when they are usable. */
function coordinateProblem(part: unknown, partNumber: number, multipart: boolean): PlotGeometryCheck | null {
  const where = { zh: multipart ? `第${partNumber}部分` : '', en: multipart ? `part ${partNumber}: ` : '' };
  if (!Array.isArray(part)) return refuse(`${where.zh}坐标不是数组`, `${where.en}the coordinates are not an array`);
  if (part.length === 0) return refuse(`${multipart ? `第${partNumber}部分` : '多边形'}为空（没有环）`, `${multipart ? `part ${partNumber}` : 'the polygon'} is empty (no rings)`);
  for (const [ringIndex, ring] of part.entries()) {
    const ringName = { zh: ringIndex === 0 ? '外环' : `内环${ringIndex}`, en: ringIndex === 0 ? 'outer ring' : `hole ${ringIndex}` };
    if (!Array.isArray(ring) || ring.length === 0) return refuse(`${where.zh}${ringName.zh}为空`, `${where.en}the ${ringName.en} is empty`);
    for (const position of ring as unknown[]) {
      if (!Array.isArray(position) || position.length < 2) {
        return refuse(`${where.zh}${ringName.zh}中有不是坐标对的值 ${shown(position)}`, `${where.en}the ${ringName.en} holds a value that is not a coordinate pair: ${shown(position)}`);
      }
      const [x, y] = position as unknown[];
      for (const value of [x, y]) {
        if (typeof value !== 'number') {
          return refuse(`${where.zh}坐标不是数值：${shown(value)}`, `${where.en}a coordinate is not a number: ${shown(value)}`);
        }
        if (!Number.isFinite(value)) {
          return refuse(`${where.zh}坐标不是有限数值（无穷大或NaN，例如超出范围的 1e400）`, `${where.en}a coordinate is not a finite number (infinite or NaN, e.g. an out-of-range 1e400)`);
        }
      }
      if (Math.abs(x as number) > 180 || Math.abs(y as number) > 90) {
        return refuse(`${where.zh}坐标 (${shown(x)}, ${shown(y)}) 超出经纬度范围`, `${where.en}the coordinate (${shown(x)}, ${shown(y)}) is outside longitude/latitude range`);
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
  if (arrays.parts.length === 0) return refuse('几何为空（没有多边形）', 'the geometry is empty (no polygon)');
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
    const at = error.position ? ` (${Number(error.position[0].toFixed(6))}, ${Number(error.position[1].toFixed(6))})` : '';
    return { ok: false, reason: { zh: `${reason.zh}${at ? `，位于${at.trim()}` : ''}`, en: `${reason.en}${at ? ` at${at}` : ''}` } };
  }
  const normalised = normalisePlotGeometry(candidate);
  if (!normalised) return refuse('环的不同顶点少于3个', 'a ring has fewer than 3 distinct vertices');
  // Rounding to the stored precision must not drop a ring or a part the file has.
  const storedParts = normalised.type === 'Polygon' ? [normalised.coordinates] : normalised.coordinates;
  if (storedParts.length !== polygons.length || storedParts.some((rings, index) => rings.length !== polygons[index]!.length)) {
    return refuse('有环的不同顶点少于3个（退化的环或部分）', 'a ring has fewer than 3 distinct vertices (degenerate ring or part)');
  }
  return { ok: true, geometry: normalised };
}
