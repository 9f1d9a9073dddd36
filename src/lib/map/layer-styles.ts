/**
 * MapLibre style layers for each catalog layer. Pure data: no map instance here.
 * https://maplibre.org/maplibre-style-spec/layers/
 */
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
} from 'maplibre-gl';
import { layerById, type LayerId } from '../layers/catalog';
import type { LayerDefinition, StylePaint } from '../layers/layer-definition';
import { COLOURS, OTHER_CATEGORY_COLOUR, type CategoryColour } from '../layers/symbology';

/** Font stack for local rendering (no glyph server: the app is offline). */
export const TEXT_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const HATCH_PATTERN_ID = 'reserve-planned-hatch';
export const TOWNSHIP_LABEL_SOURCE = 'township-labels';

export function sourceId(layerId: string): string {
  return `source-${layerId}`;
}

/**
 * How far MapLibre's tiler (geojson-vt) may simplify a catalog layer's outlines, in screen pixels.
 * Stands (the sub-compartments) tile the land: simplifying each polygon on its own opens slivers
 * between neighbours, which antialiased outlines used to hide at a cost of half of every frame
 * (SwiftShader: 600 → 290 ms a frame at county zoom). Unsimplified, shared edges stay shared and
 * the fill is watertight without outlines (scripts/bench/pan-frames.bench.ts).
 */
export function sourceTolerance(layerId: LayerId): number {
  return layerById(layerId).style.kind === 'stands' ? 0 : 0.3;
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

/** The layer's category field, which a by-category style needs. */
function categoryFieldOf(layer: LayerDefinition): string {
  if (!layer.category) throw new Error(`Layer ${layer.id} is styled by category but declares no category field`);
  return layer.category.field;
}

/** A paint colour: a fixed colour, or the layer's category colours matched on its category field. */
function paintOf(layer: LayerDefinition, paint: StylePaint): DataDrivenPropertyValueSpecification<string> {
  if (paint !== 'byCategory') return paint;
  const field = categoryFieldOf(layer);
  const colours = (layer.category?.values ?? []).filter((entry): entry is CategoryColour => entry.color !== undefined);
  return categoryColour(field, colours, layer.category?.otherColor ?? OTHER_CATEGORY_COLOUR);
}

/** The style layers of a catalog layer, bottom to top. Ids start with the layer id. */
export function styleLayersFor(id: LayerId): LayerSpecification[] {
  return styleLayersOf(layerById(id));
}

/** The style layers a layer definition declares (its style recipe and colours), bottom to top. */
export function styleLayersOf(layer: LayerDefinition): LayerSpecification[] {
  const id = layer.id;
  const source = sourceId(id);
  const style = layer.style;
  switch (style.kind) {
    case 'neighbours':
      return [
        { id: `${id}-fill`, type: 'fill', source, paint: { 'fill-color': COLOURS.neighborFill } },
        { id: `${id}-line`, type: 'line', source, paint: { 'line-color': COLOURS.neighborLine, 'line-width': 1 } },
        {
          id: `${id}-label`,
          type: 'symbol',
          source,
          layout: { 'text-field': ['get', 'NAME'], 'text-font': TEXT_FONT, 'text-size': 13 },
          paint: { 'text-color': COLOURS.neighborLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
        },
      ];
    case 'countyOutline':
      return [
        { id: `${id}-fill`, type: 'fill', source, paint: { 'fill-color': COLOURS.countyFill } },
        {
          id: `${id}-casing`,
          type: 'line',
          source,
          paint: { 'line-color': '#ffffff', 'line-width': zoomWidth(5, 8), 'line-opacity': 0.9 },
        },
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: { 'line-color': COLOURS.countyLine, 'line-width': zoomWidth(2, 3.5) },
        },
      ];
    case 'townshipOutline':
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          // Invisible fill so that a click inside a township can identify it.
          paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
        },
        {
          id: `${id}-line`,
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
          id: `${id}-label`,
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
    case 'lines':
      return [
        {
          id: `${id}-line`,
          type: 'line',
          source,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': style.color, 'line-width': zoomWidth(2.2, 6), 'line-opacity': 1 },
        },
        ...(style.labelField
          ? [
              {
                id: `${id}-label`,
                type: 'symbol',
                source,
                layout: {
                  'symbol-placement': 'line',
                  'text-field': ['get', style.labelField],
                  'text-font': TEXT_FONT,
                  'text-size': 13,
                  'symbol-spacing': 350,
                },
                paint: { 'text-color': style.labelColor, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5, 'text-opacity': 1 },
              } satisfies LayerSpecification,
            ]
          : []),
      ];
    case 'stands':
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          // No antialiased outlines: see sourceTolerance.
          paint: { 'fill-color': paintOf(layer, style.fill), 'fill-opacity': style.fillOpacity, 'fill-antialias': false },
        },
        {
          id: `${id}-line`,
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
    case 'statusHatch': {
      const field = categoryFieldOf(layer);
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          filter: ['==', ['get', field], style.solidValue],
          paint: { 'fill-color': style.color, 'fill-opacity': style.fillOpacity },
        },
        {
          id: `${id}-hatch`,
          type: 'fill',
          source,
          filter: ['!=', ['get', field], style.solidValue],
          paint: { 'fill-pattern': HATCH_PATTERN_ID, 'fill-opacity': 1 },
        },
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: {
            'line-color': selectableColour(style.color),
            'line-width': selectableWidth(zoomWidth(0.4, 1.4)),
            'line-opacity': 1,
          },
        },
      ];
    }
    case 'zones': {
      const zones = polygonWithOutline(id, paintOf(layer, style.fill), paintOf(layer, style.outline), style.fillOpacity);
      if (!style.labelField) return zones;
      return [
        ...zones,
        {
          id: `${id}-label`,
          type: 'symbol',
          source,
          minzoom: 10,
          layout: { 'text-field': ['get', style.labelField], 'text-font': TEXT_FONT, 'text-size': 12, 'text-offset': [0, 1.2] },
          paint: { 'text-color': paintOf(layer, style.fill), 'text-halo-color': '#ffffff', 'text-halo-width': 1.5, 'text-opacity': 1 },
        },
      ];
    }
    case 'dashedZones':
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          paint: { 'fill-color': style.fill, 'fill-opacity': style.fillOpacity },
        },
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: {
            'line-color': selectableColour(style.outline),
            'line-width': selectableWidth(style.outlineWidth),
            'line-dasharray': [...style.dash],
            'line-opacity': 1,
          },
        },
      ];
    case 'points': {
      const color = paintOf(layer, style.color);
      const range: LayerSpecification[] = style.rangeField
        ? [
            {
              id: `${id}-range`,
              type: 'circle',
              source,
              filter: ['>', ['to-number', ['get', style.rangeField]], 0],
              paint: {
                'circle-radius': groundRadius(style.rangeField, 28.85),
                'circle-color': color,
                'circle-opacity': 0.06,
                'circle-stroke-color': color,
                'circle-stroke-width': 1,
                'circle-stroke-opacity': 0.5,
                'circle-pitch-alignment': 'map',
              },
            },
          ]
        : [];
      return [
        ...range,
        {
          id: `${id}-point`,
          type: 'circle',
          source,
          paint: {
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 13, 7],
            'circle-color': color,
            'circle-stroke-color': selectableColour('#ffffff'),
            'circle-stroke-width': selectableWidth(1.5, 3),
            'circle-opacity': 1,
          },
        },
      ];
    }
  }
}

function polygonWithOutline(
  id: string,
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

/**
 * The feature attributes some style layers read (`["get", name]` and `["has", name]` in their
 * filters, paint and layout, `{name}` in a text field): what a layer's vector tiles must carry
 * (scripts/sample-data/catalog-tiles.ts). Clicks and the selection read the page's copy by id.
 */
export function fieldsReadBy(layers: readonly LayerSpecification[]): string[] {
  const fields = new Set<string>();
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) {
      if (value && typeof value === 'object') for (const inner of Object.values(value)) visit(inner);
      return;
    }
    if ((value[0] === 'get' || value[0] === 'has') && typeof value[1] === 'string' && value.length === 2) fields.add(value[1]);
    for (const inner of value) visit(inner);
  };
  for (const layer of layers) {
    if ('filter' in layer) visit(layer.filter);
    if ('paint' in layer) visit(layer.paint);
    if ('layout' in layer) {
      visit(layer.layout);
      const text = (layer.layout as Record<string, unknown> | undefined)?.['text-field'];
      if (typeof text === 'string') for (const [, name] of text.matchAll(/\{([^}]+)\}/g)) fields.add(name!);
    }
  }
  return [...fields].sort();
}
