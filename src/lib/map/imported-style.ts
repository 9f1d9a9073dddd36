/**
 * The style of an imported layer's sources: four style layers picked by geometry type (fill +
 * outline for polygons, line, point) in the layer's one colour, a selected feature highlighted
 * through feature-state — and so no attribute of a feature is read on the map.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { COLOURS } from '../layers/symbology';
import { styleFields } from './style-fields';

const POLYGONS: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const LINES: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const POINTS: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
export const SELECTED: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** Style-layer ids of one source of an imported layer, bottom to top. */
export function importedStyleLayerIds(source: string): { fill: string; outline: string; line: string; point: string } {
  return { fill: `${source}-fill`, outline: `${source}-outline`, line: `${source}-line`, point: `${source}-point` };
}

/** The style layers of one source of an imported layer in its colour (opacity applied by applyStyle). */
export function importedStyleLayers(source: string, colour: string): LayerSpecification[] {
  const ids = importedStyleLayerIds(source);
  const highlighted = (normal: string): ExpressionSpecification => ['case', SELECTED, COLOURS.highlight, normal];
  return [
    { id: ids.fill, type: 'fill', source, filter: POLYGONS, paint: { 'fill-color': colour, 'fill-opacity': 0.3 } },
    {
      id: ids.outline,
      type: 'line',
      source,
      filter: POLYGONS,
      paint: { 'line-color': highlighted(colour), 'line-width': ['case', SELECTED, 3.5, 1.2], 'line-opacity': 1 },
    },
    {
      id: ids.line,
      type: 'line',
      source,
      filter: LINES,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': highlighted(colour), 'line-width': ['case', SELECTED, 4.5, 2.4], 'line-opacity': 1 },
    },
    {
      id: ids.point,
      type: 'circle',
      source,
      filter: POINTS,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 14, 6.5],
        'circle-color': colour,
        'circle-opacity': 1,
        'circle-stroke-color': highlighted('#ffffff'),
        'circle-stroke-width': ['case', SELECTED, 3, 1.4],
        'circle-stroke-opacity': 1,
      },
    },
  ];
}

/** What the imported layers' style reads of a feature: nothing (one colour; the panels read the page's copy). */
export const IMPORTED_STYLE_FIELDS = styleFields(importedStyleLayers('source', '#000000'));

