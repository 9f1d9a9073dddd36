/**
 * Geometry problems found by validation (src/lib/geo/validation/issues.ts picks the code and the
 * location parts): where the problem is, then what it is.
 */
import { defineCatalogue } from './catalogue';

const zh = {
  'validation.issue': '{where}：{problem}',
  'validation.layer': '图层“{layer}” ',
  'validation.feature': '要素{index}',
  'validation.featureId': '（编号{id}）',
  'validation.part': ' 部件{part}',
  'validation.outerRing': ' 外环',
  'validation.hole': ' 内环{ring}',
  'validation.vertex': ' 顶点{vertex}',
  'validation.position': ' 位于{where}',
  'validation.code.empty-geometry': '几何为空',
  'validation.code.not-polygonal': '不是面要素（点或线不参与面积统计）',
  'validation.code.non-finite-coordinate': '坐标含非数值（NaN或无穷大）',
  'validation.code.unclosed-ring': '环未闭合（首尾点不同）',
  'validation.code.duplicate-vertex': '相邻重复顶点',
  'validation.code.too-few-vertices': '环的不同顶点少于3个',
  'validation.code.zero-area': '面积为零（退化的环或部分）',
  'validation.code.self-intersection': '环自相交',
  'validation.code.ring-crossing': '内环与外环或其他内环相交',
  'validation.code.hole-outside-shell': '内环（洞）位于外环之外',
  'validation.code.nested-holes': '内环嵌套在另一个内环中',
  'validation.code.overlapping-parts': '多部件要素的部件相互重叠',
};

const en: Record<keyof typeof zh, string> = {
  'validation.issue': '{where}: {problem}',
  'validation.layer': 'layer "{layer}", ',
  'validation.feature': 'feature {index}',
  'validation.featureId': ' (id {id})',
  'validation.part': ', part {part}',
  'validation.outerRing': ', outer ring',
  'validation.hole': ', hole {ring}',
  'validation.vertex': ', vertex {vertex}',
  'validation.position': ' at {where}',
  'validation.code.empty-geometry': 'geometry is empty',
  'validation.code.not-polygonal': 'not a polygon (points and lines have no area)',
  'validation.code.non-finite-coordinate': 'coordinate is not a finite number (NaN or infinite)',
  'validation.code.unclosed-ring': 'ring is not closed (first and last vertex differ)',
  'validation.code.duplicate-vertex': 'consecutive duplicate vertex',
  'validation.code.too-few-vertices': 'ring has fewer than 3 distinct vertices',
  'validation.code.zero-area': 'zero area (degenerate ring or part)',
  'validation.code.self-intersection': 'ring intersects itself',
  'validation.code.ring-crossing': 'hole crosses the outer ring or another hole',
  'validation.code.hole-outside-shell': 'hole lies outside its outer ring',
  'validation.code.nested-holes': 'hole lies inside another hole',
  'validation.code.overlapping-parts': 'parts of the multipolygon overlap',
};

export const validationMessages = defineCatalogue(zh, en);
