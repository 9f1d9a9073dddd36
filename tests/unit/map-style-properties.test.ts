/**
 * Style properties are set only when they change (MapLibre redraws the whole map on every set,
 * changed or not), and the sub-compartments are tiled unsimplified and drawn without antialiased
 * outlines (slivers between simplified neighbours would show without them).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { applyPaint, applyVisibility } from '../../src/lib/map/style-properties';
import { fieldsReadBy, sourceTolerance, styleLayersFor } from '../../src/lib/map/layer-styles';

/** A stand-in for the few Map methods used, recording each set. */
function fakeMap() {
  const layout = new Map<string, unknown>();
  const paint = new Map<string, unknown>();
  const sets: string[] = [];
  const map = {
    getLayoutProperty: (layer: string, name: string) => layout.get(`${layer}/${name}`),
    setLayoutProperty: (layer: string, name: string, value: unknown) => {
      sets.push(`layout ${layer}/${name}=${JSON.stringify(value)}`);
      layout.set(`${layer}/${name}`, value);
    },
    getPaintProperty: (layer: string, name: string) => paint.get(`${layer}/${name}`),
    setPaintProperty: (layer: string, name: string, value: unknown) => {
      sets.push(`paint ${layer}/${name}=${JSON.stringify(value)}`);
      paint.set(`${layer}/${name}`, value);
    },
  };
  return { map: map as unknown as MapLibreMap, sets };
}

describe('applyVisibility', () => {
  it('treats an unset visibility as visible and sets only changes', () => {
    const { map, sets } = fakeMap();
    applyVisibility(map, 'rivers-line', true);
    expect(sets).toEqual([]);
    applyVisibility(map, 'rivers-line', false);
    applyVisibility(map, 'rivers-line', false);
    applyVisibility(map, 'rivers-line', true);
    expect(sets).toEqual(['layout rivers-line/visibility="none"', 'layout rivers-line/visibility="visible"']);
  });
});

describe('applyPaint', () => {
  it('sets a value once, and again only when it differs (expressions compared by value)', () => {
    const { map, sets } = fakeMap();
    applyPaint(map, 'townships-line', 'line-opacity', 0.5);
    applyPaint(map, 'townships-line', 'line-opacity', 0.5);
    applyPaint(map, 'townships-line', 'line-color', ['case', ['boolean', ['feature-state', 'selected'], false], '#f00', '#333']);
    applyPaint(map, 'townships-line', 'line-color', ['case', ['boolean', ['feature-state', 'selected'], false], '#f00', '#333']);
    applyPaint(map, 'townships-line', 'line-opacity', 0.25);
    expect(sets).toHaveLength(3);
    expect(sets[2]).toBe('paint townships-line/line-opacity=0.25');
  });
});

describe('sub-compartment drawing', () => {
  it('is tiled unsimplified and filled without antialiased outlines; other layers are simplified', () => {
    expect(sourceTolerance('subcompartments')).toBe(0);
    expect(sourceTolerance('townships')).toBeGreaterThan(0);
    expect(sourceTolerance('reserveForest')).toBeGreaterThan(0);
    const fill = styleLayersFor('subcompartments').find((layer) => layer.id === 'subcompartments-fill');
    expect(fill?.type === 'fill' && fill.paint?.['fill-antialias']).toBe(false);
  });
});

describe('fieldsReadBy', () => {
  it('finds the attributes a style reads: in expressions, filters and text-field tokens', () => {
    expect(fieldsReadBy(styleLayersFor('subcompartments'))).toEqual(['DI_LEI']);
    expect(fieldsReadBy(styleLayersFor('reserveForest'))).toEqual(['ZHUANG_TAI']);
    expect(fieldsReadBy(styleLayersFor('county'))).toEqual([]);
    expect(
      fieldsReadBy([
        { id: 'a', type: 'fill', source: 's', filter: ['all', ['has', 'KIND'], ['==', ['get', 'LEVEL'], 2]], paint: { 'fill-color': ['match', ['get', 'CLASS'], 'x', '#000', '#fff'] } },
        { id: 'b', type: 'symbol', source: 's', layout: { 'text-field': '{NAME} ({CODE})' } },
        { id: 'c', type: 'line', source: 's', paint: { 'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#f00', '#00f'] } },
      ]),
    ).toEqual(['CLASS', 'CODE', 'KIND', 'LEVEL', 'NAME']);
  });
});
