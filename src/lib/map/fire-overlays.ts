/**
 * Fire-office overlays: the parts of high-risk zones no camera or watchtower sees (red hatching),
 * and the suggested site for one more camera with its viewing circle. (The facilities as edited
 * are drawn by their catalog layer: ForestMap.setLayerData.)
 */
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { setOverlayData } from './feed-source';
import type { FeatureCollection, MultiPolygon, Position } from 'geojson';
import { geodesicCircle } from '../geo/coverage/geodesic-circle';
import { TEXT_FONT } from './layer-styles';
import { applyVisibility } from './style-properties';

const UNCOVERED_SOURCE = 'fire-uncovered';
const SUGGESTION_SOURCE = 'fire-suggestion';
const UNCOVERED_COLOUR = '#b71c1c';
const SUGGESTION_COLOUR = '#6a1b9a';

/** Shows uncovered parts and the suggested camera (or hides them with `visible` false). */
export function showFireCoverage(
  map: MapLibreMap,
  uncovered: readonly MultiPolygon[],
  suggestion: { position: Position; radiusMetres: number; label: string } | null,
  visible: boolean,
): void {
  setOverlayData(map, UNCOVERED_SOURCE, {
    type: 'FeatureCollection',
    features: uncovered.map((geometry) => ({ type: 'Feature', properties: {}, geometry })),
  });
  const suggestionFeatures: FeatureCollection = { type: 'FeatureCollection', features: [] };
  if (suggestion) {
    suggestionFeatures.features.push(
      { type: 'Feature', properties: { kind: 'range' }, geometry: geodesicCircle(suggestion.position, suggestion.radiusMetres) },
      { type: 'Feature', properties: { kind: 'site', label: suggestion.label }, geometry: { type: 'Point', coordinates: [...suggestion.position] } },
    );
  }
  setOverlayData(map, SUGGESTION_SOURCE, suggestionFeatures);
  if (!map.getLayer('fire-uncovered-fill')) {
    map.addLayer({ id: 'fire-uncovered-fill', type: 'fill', source: UNCOVERED_SOURCE, paint: { 'fill-color': UNCOVERED_COLOUR, 'fill-opacity': 0.35 } });
    map.addLayer({ id: 'fire-uncovered-line', type: 'line', source: UNCOVERED_SOURCE, paint: { 'line-color': UNCOVERED_COLOUR, 'line-width': 1.2 } });
    const isRange: ExpressionSpecification = ['==', ['get', 'kind'], 'range'];
    map.addLayer({ id: 'fire-suggestion-range', type: 'line', source: SUGGESTION_SOURCE, filter: isRange, paint: { 'line-color': SUGGESTION_COLOUR, 'line-width': 2, 'line-dasharray': [2, 1] } });
    map.addLayer({
      id: 'fire-suggestion-site',
      type: 'circle',
      source: SUGGESTION_SOURCE,
      filter: ['==', ['get', 'kind'], 'site'],
      paint: { 'circle-radius': 7, 'circle-color': SUGGESTION_COLOUR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: 'fire-suggestion-label',
      type: 'symbol',
      source: SUGGESTION_SOURCE,
      filter: ['==', ['get', 'kind'], 'site'],
      layout: { 'text-field': ['get', 'label'], 'text-font': TEXT_FONT, 'text-size': 12, 'text-offset': [0, 1.4], 'text-anchor': 'top' },
      paint: { 'text-color': SUGGESTION_COLOUR, 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
    });
  }
  for (const id of ['fire-uncovered-fill', 'fire-uncovered-line', 'fire-suggestion-range', 'fire-suggestion-site', 'fire-suggestion-label']) {
    applyVisibility(map, id, visible);
  }
}
