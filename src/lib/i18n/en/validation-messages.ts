/** English texts of ../validation-messages.ts (this module loads when the UI switches to English). */
import type { EnglishOf } from '../catalogue';
import type { validationMessages } from '../validation-messages';

export const validationEnglish: EnglishOf<typeof validationMessages> = {
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
