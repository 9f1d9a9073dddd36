/**
 * The forest-coverage choropleth: township fills coloured by the coverage the statistics
 * engine computed, passed in through feature-state (the map computes nothing).
 */
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { COVERAGE_BREAKS, COVERAGE_CLASSES } from '../layers/coverage-classes';
import { sourceId } from './layer-styles';
import { applyVisibility } from './style-properties';

const LAYER_ID = 'coverage-choropleth';
const TOWNSHIP_SOURCE = sourceId('townships');

function fillColour(): ExpressionSpecification {
  const stops: unknown[] = [COVERAGE_CLASSES[0]!.color];
  COVERAGE_BREAKS.forEach((limit, index) => stops.push(limit, COVERAGE_CLASSES[index + 1]!.color));
  return [
    'case',
    ['==', ['feature-state', 'coverage'], null],
    'rgba(0,0,0,0)',
    ['step', ['to-number', ['feature-state', 'coverage']], ...stops],
  ] as unknown as ExpressionSpecification;
}

/**
 * Shows (or updates) the choropleth. `coverageByFeatureId` maps the township source's feature
 * ids to coverage ratios (0..1).
 */
export function showCoverageChoropleth(map: MapLibreMap, coverageByFeatureId: ReadonlyMap<number, number>): void {
  if (!map.getSource(TOWNSHIP_SOURCE)) return;
  for (const [id, coverage] of coverageByFeatureId) map.setFeatureState({ source: TOWNSHIP_SOURCE, id }, { coverage });
  if (!map.getLayer(LAYER_ID)) {
    // Under the township outlines and labels, over the sub-compartments.
    map.addLayer(
      { id: LAYER_ID, type: 'fill', source: TOWNSHIP_SOURCE, paint: { 'fill-color': fillColour(), 'fill-opacity': 0.82 } },
      map.getLayer('townships-line') ? 'townships-line' : undefined,
    );
  }
  applyVisibility(map, LAYER_ID, true);
}

export function hideCoverageChoropleth(map: MapLibreMap): void {
  if (map.getLayer(LAYER_ID)) applyVisibility(map, LAYER_ID, false);
}
