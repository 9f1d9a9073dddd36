import { describe, expect, it } from 'vitest';
import type { FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { styleFields } from '../../src/lib/map/style-fields';
import { styleLayersFor } from '../../src/lib/map/layer-styles';
import { importedStyleLayers } from '../../src/lib/map/imported-style';
import { LAYERS } from '../../src/lib/layers/catalog';

const fill = (extra: Partial<LayerSpecification>): LayerSpecification => ({ id: 'f', type: 'fill', source: 's', ...extra }) as LayerSpecification;

describe('styleFields', () => {
  it('finds the attributes of get, has, match and legacy filters, sorted and once each', () => {
    const layers = [
      fill({ filter: ['all', ['has', 'ZHUANG_TAI'], ['==', ['get', 'DI_LEI'], '乔木林地']], paint: { 'fill-color': ['match', ['get', 'DI_LEI'], '乔木林地', '#0a0', '#ccc'] } }),
      fill({ filter: ['==', 'LEI_XING', '瞭望塔'] as unknown as FilterSpecification }),
      { id: 'l', type: 'symbol', source: 's', layout: { 'text-field': '{MING_CHENG} ({BAN_JING} m)' } } as LayerSpecification,
      { id: 'c', type: 'circle', source: 's', paint: { 'circle-radius': ['/', ['to-number', ['get', 'BAN_JING']], 10] } } as LayerSpecification,
    ];
    expect(styleFields(layers)).toEqual(['BAN_JING', 'DI_LEI', 'LEI_XING', 'MING_CHENG', 'ZHUANG_TAI']);
  });

  it('reads no attribute of geometry types, feature-state, zoom or another object', () => {
    const layers = [
      fill({
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
        paint: {
          'fill-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#f00', '#0f0'],
          'fill-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.2, 14, ['get', 'a', ['literal', { a: 0.5 }]]],
        },
      }),
    ];
    expect(styleFields(layers)).toEqual([]);
  });

  it('gives up (every attribute) on the whole properties object or a computed name', () => {
    expect(styleFields([fill({ paint: { 'fill-color': ['to-color', ['at', 0, ['literal', [['properties']]]]] as never } })])).toBeNull();
    expect(styleFields([fill({ paint: { 'fill-opacity': ['get', ['concat', 'A', 'B']] as never } })])).toBeNull();
    expect(styleFields([fill({ filter: ['has', ['to-string', ['zoom']]] as never })])).toBeNull();
  });

  it('says what the catalog layers and the imported layers need on the map', () => {
    const byLayer = Object.fromEntries(LAYERS.map((layer) => [layer.id, styleFields(styleLayersFor(layer.id))]));
    expect(byLayer.subcompartments).toEqual(['DI_LEI']);
    expect(byLayer.townships).toEqual(['NAME']);
    expect(byLayer.fireFacilities).toEqual(['BAN_JING', 'LEI_XING']);
    expect(byLayer.fireZones).toEqual(['DENG_JI']);
    expect(byLayer.county).toEqual([]);
    expect(styleFields(importedStyleLayers('imported-1', '#123456'))).toEqual([]);
  });
});
