/**
 * Repair of polygonal geometry, on request only: every change is listed in `actions`, and what
 * could not be fixed stays in `remaining`.
 *
 * - non-finite and consecutive duplicate vertices are dropped, rings closed;
 * - rings with fewer than 3 distinct vertices or zero area are dropped (a part whose outer ring
 *   goes is dropped whole);
 * - a self-intersecting ring is rebuilt with polyclip-ts `union` (non-zero winding: a bow-tie keeps
 *   both lobes);
 * - wrongly nested or crossing rings are combined with `xor` (even-odd: a "hole" outside its shell
 *   becomes an island, a hole in a hole an island in the hole);
 * - overlapping parts of a MultiPolygon are merged with `union`, so no area is counted twice.
 */
import { polygonalGeometry, union, xor, type Geom } from '../polygon-clipping';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { isPolygonal, polygonParts, type PolygonRings } from '../polygons';
import { cleanRing, isCollinear, toClosedRing } from './clean-ring';
import type { ValidationCode, ValidationIssue } from './issues';
import { validateGeometry, type FeatureContext } from './validate-geometry';
import type { LocalizedText } from '../../i18n/locale';

export interface RepairAction {
  readonly code: ValidationCode;
  readonly part: number;
  readonly ring: number;
  readonly message: LocalizedText;
}

export interface RepairResult {
  /** The repaired geometry; null when nothing with area is left (beyond repair). */
  readonly geometry: Polygon | MultiPolygon | null;
  /** What was changed, in order. */
  readonly actions: RepairAction[];
  /** Problems found before repair. */
  readonly issues: ValidationIssue[];
  /** 'error' problems still present after repair (empty when repaired). */
  readonly remaining: ValidationIssue[];
}

const TOPOLOGY_CODES = new Set<ValidationCode>(['self-intersection', 'ring-crossing', 'hole-outside-shell', 'nested-holes']);

function action(code: ValidationCode, part: number, ring: number, zh: string, en: string): RepairAction {
  return { code, part, ring, message: { zh, en } };
}

function where(part: number, ring: number): LocalizedText {
  return { zh: `部件${part}${ring === 0 ? '外环' : `内环${ring}`}`, en: `part ${part} ${ring === 0 ? 'outer ring' : `hole ${ring}`}` };
}

/** Step 1: vertex-level clean-up; drops degenerate rings and parts. */
function cleanParts(parts: PolygonRings[], actions: RepairAction[]): Array<{ part: number; rings: Position[][] }> {
  const result: Array<{ part: number; rings: Position[][] }> = [];
  parts.forEach((rings, part) => {
    const kept: Position[][] = [];
    for (let ringIndex = 0; ringIndex < (rings?.length ?? 0); ringIndex++) {
      const cleaned = cleanRing(Array.isArray(rings[ringIndex]) ? rings[ringIndex]! : []);
      const at = where(part, ringIndex);
      if (cleaned.nonFiniteCount > 0) actions.push(action('non-finite-coordinate', part, ringIndex, `${at.zh}：删除${cleaned.nonFiniteCount}个非数值顶点`, `${at.en}: removed ${cleaned.nonFiniteCount} non-finite vertices`));
      if (cleaned.duplicateCount > 0) actions.push(action('duplicate-vertex', part, ringIndex, `${at.zh}：删除${cleaned.duplicateCount}个重复顶点`, `${at.en}: removed ${cleaned.duplicateCount} duplicate vertices`));
      if (cleaned.unclosed) actions.push(action('unclosed-ring', part, ringIndex, `${at.zh}：闭合环`, `${at.en}: closed the ring`));
      if (cleaned.coordinates.length < 6 || isCollinear(cleaned.coordinates)) {
        const code: ValidationCode = cleaned.coordinates.length < 6 ? 'too-few-vertices' : 'zero-area';
        actions.push(action(code, part, ringIndex, `${at.zh}：删除退化的环${ringIndex === 0 ? '及整个部件' : ''}`, `${at.en}: dropped the degenerate ring${ringIndex === 0 ? ' and its part' : ''}`));
        if (ringIndex === 0) return;
        continue;
      }
      kept.push(toClosedRing(cleaned.coordinates));
    }
    if (kept.length > 0) result.push({ part, rings: kept });
  });
  return result;
}

type PolyclipRing = [number, number][];
const asPolyclip = (ring: Position[]): PolyclipRing => ring.map((position) => [position[0]!, position[1]!]);

/**
 * Validates and, where needed, repairs one geometry.
 *
 * @example
 * repairGeometry(bowTie, { featureIndex: 0 }).geometry // MultiPolygon of the two lobes; actions say so
 */
export function repairGeometry(geometry: Geometry | null | undefined, context: FeatureContext): RepairResult {
  const issues = validateGeometry(geometry, context);
  if (!isPolygonal(geometry)) return { geometry: null, actions: [], issues, remaining: issues.filter((issue) => issue.severity === 'error') };
  if (issues.length === 0) return { geometry: geometry as Polygon | MultiPolygon, actions: [], issues, remaining: [] };
  const actions: RepairAction[] = [];
  const cleaned = cleanParts(polygonParts(geometry), actions);
  let polygons = cleaned.map((entry) => entry.rings);
  const topology = validateGeometry(polygonalGeometry(polygons), context);
  const brokenParts = new Set(topology.filter((issue) => TOPOLOGY_CODES.has(issue.code)).map((issue) => issue.part));
  if (brokenParts.size > 0) {
    polygons = polygons.flatMap((rings, index) => {
      if (!brokenParts.has(index)) return [rings];
      const originalPart = cleaned[index]!.part;
      actions.push(action('self-intersection', originalPart, -1, `部件${originalPart}：用多边形布尔运算重建（环内非零规则、环间奇偶规则）`, `part ${originalPart}: rebuilt with polygon boolean operations (non-zero within a ring, even-odd between rings)`));
      const lobes = rings.map((ring) => union([asPolyclip(ring)]) as Geom);
      return (lobes.length === 1 ? lobes[0]! : xor(lobes[0]!, ...lobes.slice(1))) as Position[][][];
    });
  }
  if (topology.some((issue) => issue.code === 'overlapping-parts')) {
    actions.push(action('overlapping-parts', -1, -1, '合并相互重叠的部件', 'merged overlapping parts'));
    const geoms = polygons.map((rings) => rings.map(asPolyclip) as Geom);
    polygons = geoms.length > 0 ? (union(geoms[0]!, ...geoms.slice(1)) as Position[][][]) : [];
  }
  const repaired = polygonalGeometry(polygons);
  const remaining = repaired
    ? validateGeometry(repaired, context).filter((issue) => issue.severity === 'error')
    : issues.filter((issue) => issue.severity === 'error');
  return { geometry: repaired, actions, issues, remaining: repaired ? remaining : remaining.length > 0 ? remaining : issues };
}
