/**
 * MapLibre style layers for each catalog layer. Pure data: no map instance here.
 * https://maplibre.org/maplibre-style-spec/layers/
 */
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
} from 'maplibre-gl';
import type { LayerId } from '../layers/catalog';
import {
  AFFORESTATION_TYPE_COLOURS,
  COLOURS,
  FACILITY_COLOURS,
  FIRE_LEVEL_COLOURS,
  LAND_CLASS_COLOURS,
  OTHER_CATEGORY_COLOUR,
  OTHER_LAND_CLASS_COLOUR,
  RESERVE_STATUS,
  type CategoryColour,
} from '../layers/symbology';

/** Font stack for local rendering (no glyph server: the app is offline). */
export const TEXT_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const HATCH_PATTERN_ID = 'reserve-planned-hatch';
export const TOWNSHIP_LABEL_SOURCE = 'township-labels';

export function sourceId(layerId: LayerId): string {
  return `source-${layerId}`;
}

function categoryColour(
  field: string,
  categories: readonly CategoryColour[],
  fallback: string,
): DataDrivenPropertyValueSpecification<string> {
  const pairs = categories.flatMap((category) => [category.value, category.color]);
  return ['match', ['get', field], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** Line width that grows with zoom: thin at county scale, legible at stand scale. */
function zoomWidth(atCounty: number, atStand: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 8, atCounty, 14, atStand];
}

/**
 * Outline width of a selected feature (feature-state "selected"), else `normal`. MapLibre only
 * allows ["zoom"] at the top of an expression, so for a zoom curve the case goes into each stop.
 */
function selectableWidth(normal: number | ExpressionSpecification, selected = 3.5): ExpressionSpecification {
  const atStop = (value: unknown) =>
    ['case', ['boolean', ['feature-state', 'selected'], false], selected, value] as ExpressionSpecification;
  if (typeof normal === 'number') return atStop(normal);
  const [operator, interpolation, input, ...stops] = normal as unknown as unknown[];
  const mapped = stops.map((value, index) => (index % 2 === 1 ? atStop(value) : value));
  return [operator, interpolation, input, ...mapped] as unknown as ExpressionSpecification;
}

function selectableColour(normal: DataDrivenPropertyValueSpecification<string>): ExpressionSpecification {
  return ['case', ['boolean', ['feature-state', 'selected'], false], COLOURS.highlight, normal] as ExpressionSpecification;
}

/**
 * Circle radius in pixels for a ground radius in metres read from a field. MapLibre uses 512-px
 * tiles: metres per pixel = 40075016.686·cos φ / (512·2^z); exponential base 2 interpolation
 * between two zooms reproduces that exactly for the county's latitude.
 */
function groundRadius(field: string, latitude: number): ExpressionSpecification {
  const metresPerPixelAtZoom0 = (40075016.686 * Math.cos((latitude * Math.PI) / 180)) / 512;
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    0,
    ['/', ['to-number', ['get', field]], metresPerPixelAtZoom0],
    22,
    ['/', ['to-number', ['get', field]], metresPerPixelAtZoom0 / 2 ** 22],
  ];
}

/** The style layers of a catalog layer, bottom to top. Ids start with the layer id. */
export function styleLayersFor(id: LayerId): LayerSpecification[] {
  const source = sourceId(id);
  switch (id) {
    case 'neighbors':
      return [
        { id: 'neighbors-fill', type: 'fill', source, paint: { 'fill-color': COLOURS.neighborFill } },
        { id: 'neighbors-line', type: 'line', source, paint: { 'line-color': COLOURS.neighborLine, 'line-width': 1 } },
        {
          id: 'neighbors-label',
          type: 'symbol',
          source,
          layout: { 'text-field': ['get', 'NAME'], 'text-font': TEXT_FONT, 'text-size': 13 },
          paint: { 'text-color': COLOURS.neighborLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
        },
      ];
    case 'county':
      return [
        { id: 'county-fill', type: 'fill', source, paint: { 'fill-color': COLOURS.countyFill } },
        {
          id: 'county-casing',
          type: 'line',
          source,
          paint: { 'line-color': '#ffffff', 'line-width': zoomWidth(5, 8), 'line-opacity': 0.9 },
        },
        {
          id: 'county-line',
          type: 'line',
          source,
          paint: { 'line-color': COLOURS.countyLine, 'line-width': zoomWidth(2, 3.5) },
        },
      ];
    case 'townships':
      return [
        {
          id: 'townships-fill',
          type: 'fill',
          source,
          // Invisible fill so that a click inside a township can identify it.
          paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
        },
        {
          id: 'townships-line',
          type: 'line',
          source,
          paint: {
            'line-color': selectableColour(COLOURS.townshipLine),
            'line-width': selectableWidth(zoomWidth(1, 2.2)),
            'line-dasharray': [4, 2],
            'line-opacity': 1,
          },
        },
        {
          id: 'townships-label',
          type: 'symbol',
          source: TOWNSHIP_LABEL_SOURCE,
          layout: {
            'text-field': ['get', 'NAME'],
            'text-font': TEXT_FONT,
            'text-size': ['interpolate', ['linear'], ['zoom'], 8, 11, 12, 16],
            'text-padding': 4,
          },
          paint: { 'text-color': COLOURS.townshipLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-opacity': 1 },
        },
      ];
    case 'rivers':
      return [
        {
          id: 'rivers-line',
          type: 'line',
          source,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': COLOURS.river, 'line-width': zoomWidth(2.2, 6), 'line-opacity': 1 },
        },
        {
          id: 'rivers-label',
          type: 'symbol',
          source,
          layout: {
            'symbol-placement': 'line',
            'text-field': ['get', 'NAME'],
            'text-font': TEXT_FONT,
            'text-size': 13,
            'symbol-spacing': 350,
          },
          paint: { 'text-color': COLOURS.riverLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5, 'text-opacity': 1 },
        },
      ];
    case 'subcompartments':
      return [
        {
          id: 'subcompartments-fill',
          type: 'fill',
          source,
          paint: {
            'fill-color': categoryColour('DI_LEI', LAND_CLASS_COLOURS, OTHER_LAND_CLASS_COLOUR),
            'fill-opacity': 0.85,
          },
        },
        {
          id: 'subcompartments-line',
          type: 'line',
          source,
          minzoom: 10.5,
          paint: {
            'line-color': selectableColour('#ffffff'),
            'line-width': selectableWidth(['interpolate', ['linear'], ['zoom'], 10.5, 0.3, 15, 1.2]),
            'line-opacity': 1,
          },
        },
      ];
    case 'reserveForest':
      return [
        {
          id: 'reserveForest-fill',
          type: 'fill',
          source,
          filter: ['==', ['get', 'ZHUANG_TAI'], RESERVE_STATUS.taken2023],
          paint: { 'fill-color': COLOURS.reserveTaken, 'fill-opacity': 0.55 },
        },
        {
          id: 'reserveForest-hatch',
          type: 'fill',
          source,
          filter: ['!=', ['get', 'ZHUANG_TAI'], RESERVE_STATUS.taken2023],
          paint: { 'fill-pattern': HATCH_PATTERN_ID, 'fill-opacity': 1 },
        },
        {
          id: 'reserveForest-line',
          type: 'line',
          source,
          paint: {
            'line-color': selectableColour(COLOURS.reserveTaken),
            'line-width': selectableWidth(zoomWidth(0.4, 1.4)),
            'line-opacity': 1,
          },
        },
      ];
    case 'pineRetrofit':
      return polygonWithOutline(id, COLOURS.pineRetrofit, COLOURS.pineRetrofit, 0.6);
    case 'afforestation2023':
      return polygonWithOutline(
        id,
        categoryColour('ZAO_LIN_LX', AFFORESTATION_TYPE_COLOURS, OTHER_CATEGORY_COLOUR),
        '#ffffff',
        0.7,
      );
    case 'corridors':
      return [
        {
          id: 'corridors-fill',
          type: 'fill',
          source,
          paint: { 'fill-color': COLOURS.corridorFill, 'fill-opacity': 0.25 },
        },
        {
          id: 'corridors-line',
          type: 'line',
          source,
          paint: {
            'line-color': selectableColour(COLOURS.corridorLine),
            'line-width': selectableWidth(1.5),
            'line-dasharray': [3, 2],
            'line-opacity': 1,
          },
        },
      ];
    case 'fireZones':
      // Nearly opaque: a thin wash of the danger colour over green stands turns red into brown.
      return polygonWithOutline(
        id,
        categoryColour('DENG_JI', FIRE_LEVEL_COLOURS, OTHER_CATEGORY_COLOUR),
        categoryColour('DENG_JI', FIRE_LEVEL_COLOURS, OTHER_CATEGORY_COLOUR),
        0.7,
      );
    case 'fireFacilities':
      return [
        {
          id: 'fireFacilities-range',
          type: 'circle',
          source,
          filter: ['>', ['to-number', ['get', 'BAN_JING']], 0],
          paint: {
            'circle-radius': groundRadius('BAN_JING', 28.85),
            'circle-color': categoryColour('LEI_XING', FACILITY_COLOURS, OTHER_CATEGORY_COLOUR),
            'circle-opacity': 0.06,
            'circle-stroke-color': categoryColour('LEI_XING', FACILITY_COLOURS, OTHER_CATEGORY_COLOUR),
            'circle-stroke-width': 1,
            'circle-stroke-opacity': 0.5,
            'circle-pitch-alignment': 'map',
          },
        },
        {
          id: 'fireFacilities-point',
          type: 'circle',
          source,
          paint: {
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 13, 7],
            'circle-color': categoryColour('LEI_XING', FACILITY_COLOURS, OTHER_CATEGORY_COLOUR),
            'circle-stroke-color': selectableColour('#ffffff'),
            'circle-stroke-width': selectableWidth(1.5, 3),
            'circle-opacity': 1,
          },
        },
      ];
    case 'nanmuGroves':
      return [
        ...polygonWithOutline(id, COLOURS.nanmuGrove, COLOURS.nanmuGroveLine, 0.75),
        {
          id: 'nanmuGroves-label',
          type: 'symbol',
          source,
          minzoom: 10,
          layout: { 'text-field': ['get', 'MING_CHENG'], 'text-font': TEXT_FONT, 'text-size': 12, 'text-offset': [0, 1.2] },
          paint: { 'text-color': COLOURS.nanmuGrove, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5, 'text-opacity': 1 },
        },
      ];
    case 'nanmuProtection':
      return [
        {
          id: 'nanmuProtection-fill',
          type: 'fill',
          source,
          paint: { 'fill-color': COLOURS.nanmuProtection, 'fill-opacity': 0.15 },
        },
        {
          id: 'nanmuProtection-line',
          type: 'line',
          source,
          paint: {
            'line-color': selectableColour(COLOURS.nanmuProtection),
            'line-width': selectableWidth(2),
            'line-dasharray': [2, 1.5],
            'line-opacity': 1,
          },
        },
      ];
  }
}

function polygonWithOutline(
  id: LayerId,
  fill: DataDrivenPropertyValueSpecification<string>,
  outline: DataDrivenPropertyValueSpecification<string>,
  fillOpacity: number,
): LayerSpecification[] {
  const source = sourceId(id);
  return [
    { id: `${id}-fill`, type: 'fill', source, paint: { 'fill-color': fill, 'fill-opacity': fillOpacity } },
    {
      id: `${id}-line`,
      type: 'line',
      source,
      paint: {
        'line-color': selectableColour(outline),
        'line-width': selectableWidth(zoomWidth(0.6, 1.6)),
        'line-opacity': 1,
      },
    },
  ];
}

type OpacityProperty = 'fill-opacity' | 'line-opacity' | 'text-opacity' | 'circle-opacity' | 'circle-stroke-opacity';
const OPACITY_PROPERTIES: readonly OpacityProperty[] = ['fill-opacity', 'line-opacity', 'text-opacity', 'circle-opacity', 'circle-stroke-opacity'];

/**
 * The opacity paint properties of a style layer with their full-opacity values; the layer
 * panel's opacity slider multiplies these.
 */
export function opacityBases(layer: LayerSpecification): Array<[property: OpacityProperty, base: number]> {
  const paint = ('paint' in layer ? layer.paint : undefined) as Record<string, unknown> | undefined;
  if (!paint) return [];
  return OPACITY_PROPERTIES.filter((property) => typeof paint[property] === 'number').map(
    (property) => [property, paint[property] as number] as [OpacityProperty, number],
  );
}
