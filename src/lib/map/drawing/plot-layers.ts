/**
 * The saved plots on the map: a fill coloured by plot type, an outline (thicker and cyan when
 * selected, red and dashed when the conflict check flags the plot), and the plot names. The plot
 * being edited is hidden here (terra-draw draws it while it is edited). New plots not yet saved
 * (a failed write waiting for a retry) are drawn with a red dashed outline and cannot be clicked.
 */
import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { COLOURS } from '../../layers/symbology';
import { TEXT_FONT } from '../layer-styles';

export const PLOT_SOURCE = 'plots';
export const PLOT_FILL_LAYER = 'plots-fill';
const PLOT_LINE_LAYER = 'plots-line';
const PLOT_LABEL_LAYER = 'plots-label';
const PLOT_UNSAVED_LINE_LAYER = 'plots-unsaved-line';
const UNSAVED_COLOUR = '#d32f2f';

export interface PlotOnMap {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  readonly geometry: Polygon | MultiPolygon;
  readonly flagged: boolean;
}

/** A new plot whose write has not succeeded yet. */
export interface UnsavedPlotOnMap {
  readonly key: string;
  readonly name: string;
  readonly geometry: Polygon | MultiPolygon;
}

/** Adds the plot source and layers on top of the map (call once the catalog layers are in). */
export function addPlotLayers(map: MapLibreMap): void {
  if (map.getSource(PLOT_SOURCE)) return;
  map.addSource(PLOT_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: PLOT_FILL_LAYER,
    type: 'fill',
    source: PLOT_SOURCE,
    paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': ['case', ['get', 'selected'], 0.45, 0.3] },
  });
  map.addLayer({
    id: PLOT_LINE_LAYER,
    type: 'line',
    source: PLOT_SOURCE,
    filter: ['!', ['get', 'unsaved']],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': ['case', ['get', 'selected'], COLOURS.highlight, ['get', 'flagged'], '#c62828', ['get', 'colour']],
      'line-width': ['case', ['get', 'selected'], 3.5, 2],
    },
  });
  map.addLayer({
    id: PLOT_UNSAVED_LINE_LAYER,
    type: 'line',
    source: PLOT_SOURCE,
    filter: ['get', 'unsaved'],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': UNSAVED_COLOUR, 'line-width': 3, 'line-dasharray': [2, 1.5] },
  });
  map.addLayer({
    id: PLOT_LABEL_LAYER,
    type: 'symbol',
    source: PLOT_SOURCE,
    layout: { 'text-field': ['get', 'name'], 'text-font': TEXT_FONT, 'text-size': 13, 'text-padding': 2 },
    paint: { 'text-color': '#3e2723', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
  });
}

/** Replaces the plots shown. */
export function setPlotLayerData(
  map: MapLibreMap,
  plots: readonly PlotOnMap[],
  selectedId: string | null,
  hiddenId: string | null,
  unsaved: readonly UnsavedPlotOnMap[] = [],
): void {
  const source = map.getSource<GeoJSONSource>(PLOT_SOURCE);
  if (!source) return;
  const features: Feature[] = plots
    .filter((plot) => plot.id !== hiddenId)
    .map((plot) => ({
      type: 'Feature',
      properties: { plotId: plot.id, name: plot.name, colour: plot.colour, flagged: plot.flagged, selected: plot.id === selectedId, unsaved: false },
      geometry: plot.geometry,
    }));
  for (const plot of unsaved) {
    features.push({
      type: 'Feature',
      properties: { unsavedKey: plot.key, name: plot.name, colour: UNSAVED_COLOUR, flagged: false, selected: false, unsaved: true },
      geometry: plot.geometry,
    });
  }
  source.setData({ type: 'FeatureCollection', features: features.map((feature, index) => ({ ...feature, id: index })) } satisfies FeatureCollection);
}

/** The plot id of a rendered plot feature (for clicks and snapping). */
export function plotIdOf(feature: MapGeoJSONFeature): string | null {
  const id = feature.properties?.plotId;
  return feature.layer.id === PLOT_FILL_LAYER && typeof id === 'string' ? id : null;
}

/** Calls `handler` with the plot id when a plot is clicked. Returns a function removing the handler. */
export function onPlotClick(map: MapLibreMap, handler: (plotId: string) => void): () => void {
  const listener = (event: { features?: MapGeoJSONFeature[] }) => {
    const id = event.features?.[0] ? plotIdOf(event.features[0]) : null;
    if (id) handler(id);
  };
  map.on('click', PLOT_FILL_LAYER, listener);
  return () => map.off('click', PLOT_FILL_LAYER, listener);
}
