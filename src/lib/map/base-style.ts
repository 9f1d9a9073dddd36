/**
 * The offline base style: a background only. Every other layer comes from the project's own
 * data, and text is drawn with local fonts (no `glyphs` URL), so nothing is fetched from outside.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { COLOURS } from '../layers/symbology';

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Youyang forest map (offline)',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLOURS.background } }],
  };
}
