/**
 * Geometry problems found by validation (src/lib/geo/validation/issues.ts picks the code and the
 * location parts): where the problem is, then what it is.
 */
import { registerChinese } from './index';

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

/** The Chinese texts; the English ones are in ./en/validation-messages.ts, loaded with the English UI. */
export const validationMessages = zh;

// Loads with the tools that use it, not with the page (see OnUseCatalogue in ./index.ts).
registerChinese(validationMessages);
