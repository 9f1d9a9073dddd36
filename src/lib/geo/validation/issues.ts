/**
 * Geometry problems found by validation, with reason codes and zh/en messages. One place for the
 * wording, so the app, the CLI and the worker all say the same thing.
 */
import type { LocalizedText } from '../../i18n/locale';

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

/** Severity and wording of each code. */
const CODES: Record<ValidationCode, { readonly severity: Severity; readonly zh: string; readonly en: string }> = {
  'empty-geometry': { severity: 'warning', zh: '几何为空', en: 'geometry is empty' },
  'not-polygonal': { severity: 'warning', zh: '不是面要素（点或线不参与面积统计）', en: 'not a polygon (points and lines have no area)' },
  'non-finite-coordinate': { severity: 'error', zh: '坐标含非数值（NaN或无穷大）', en: 'coordinate is not a finite number (NaN or infinite)' },
  'unclosed-ring': { severity: 'warning', zh: '环未闭合（首尾点不同）', en: 'ring is not closed (first and last vertex differ)' },
  'duplicate-vertex': { severity: 'warning', zh: '相邻重复顶点', en: 'consecutive duplicate vertex' },
  'too-few-vertices': { severity: 'error', zh: '环的不同顶点少于3个', en: 'ring has fewer than 3 distinct vertices' },
  'zero-area': { severity: 'warning', zh: '面积为零（退化的环或部分）', en: 'zero area (degenerate ring or part)' },
  'self-intersection': { severity: 'error', zh: '环自相交', en: 'ring intersects itself' },
  'ring-crossing': { severity: 'error', zh: '内环与外环或其他内环相交', en: 'hole crosses the outer ring or another hole' },
  'hole-outside-shell': { severity: 'error', zh: '内环（洞）位于外环之外', en: 'hole lies outside its outer ring' },
  'nested-holes': { severity: 'error', zh: '内环嵌套在另一个内环中', en: 'hole lies inside another hole' },
  'overlapping-parts': { severity: 'error', zh: '多部件要素的部件相互重叠', en: 'parts of the multipolygon overlap' },
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
  const zh: string[] = [`要素${location.featureIndex}`];
  const en: string[] = [`feature ${location.featureIndex}`];
  if (location.featureId !== undefined) {
    zh.push(`（编号${location.featureId}）`);
    en.push(` (id ${location.featureId})`);
  }
  if (location.part !== undefined && location.part >= 0) {
    zh.push(` 部件${location.part}`);
    en.push(`, part ${location.part}`);
  }
  if (location.ring !== undefined && location.ring >= 0) {
    zh.push(location.ring === 0 ? ' 外环' : ` 内环${location.ring}`);
    en.push(location.ring === 0 ? ', outer ring' : `, hole ${location.ring}`);
  }
  if (location.vertex !== undefined) {
    zh.push(` 顶点${location.vertex}`);
    en.push(`, vertex ${location.vertex}`);
  }
  if (location.position) {
    const where = `(${roundForText(location.position[0])}, ${roundForText(location.position[1])})`;
    zh.push(` 位于${where}`);
    en.push(` at ${where}`);
  }
  const layerZh = location.layer ? `图层“${location.layer}” ` : '';
  const layerEn = location.layer ? `layer "${location.layer}", ` : '';
  return { zh: layerZh + zh.join(''), en: layerEn + en.join('') };
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
    severity: CODES[code].severity,
    message: { zh: `${where.zh}：${CODES[code].zh}`, en: `${where.en}: ${CODES[code].en}` },
  };
}

/** The bare description of a code (no location), e.g. for legends and summaries. */
export function describeIssueCode(code: ValidationCode): LocalizedText {
  return { zh: CODES[code].zh, en: CODES[code].en };
}
