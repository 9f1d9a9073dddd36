/**
 * A flat layer seen as a FeatureCollection (geo/flat-collection.ts): geometries built on first read
 * and kept, and features that clone, spread and serialise as plain GeoJSON.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { flatLayerCollection } from '../../src/lib/geo/flat-collection';
import type { FlatFeatureLayer } from '../../src/lib/geo/overlay/flat-layer';

/** Feature 0: a unit square with a hole; feature 1: a MultiPolygon of two triangles. */
const layer: FlatFeatureLayer = {
  kind: 'flat',
  count: 2,
  first: 0,
  coordinates: new Float64Array([0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.2, 0.2, 5, 5, 6, 5, 5, 6, 5, 5, 7, 7, 8, 7, 7, 8, 7, 7]),
  ringStart: new Uint32Array([0, 5, 9, 13, 17]),
  ringPart: new Uint32Array([0, 0, 0, 1]),
  ringInPart: new Uint32Array([0, 1, 0, 0]),
  featureRing: new Uint32Array([0, 2, 4]),
  multi: new Uint8Array([0, 1]),
  properties: [{ DI_LEI: '0111' }, null],
};

describe('flatLayerCollection', () => {
  it('numbers the features and builds each geometry from the flat arrays', () => {
    const { features } = flatLayerCollection(layer);
    expect(features.map((feature) => [feature.id, feature.properties])).toEqual([[0, { DI_LEI: '0111' }], [1, null]]);
    expect(features[0]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[0.2, 0.2], [0.2, 0.4], [0.4, 0.4], [0.2, 0.2]]],
    });
    expect(features[1]!.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [[[[5, 5], [6, 5], [5, 6], [5, 5]]], [[[7, 7], [8, 7], [7, 8], [7, 7]]]],
    });
  });

  it('builds a geometry once and keeps it; an assigned geometry replaces it', () => {
    const { features } = flatLayerCollection(layer);
    const feature = features[0]!;
    expect(feature.geometry).toBe(feature.geometry);
    const replacement: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 0]]] };
    feature.geometry = replacement;
    expect(feature.geometry).toBe(replacement);
    const fresh = flatLayerCollection(layer).features[1]!;
    fresh.geometry = replacement;
    expect(fresh.geometry).toBe(replacement);
  });

  it('clones, spreads and serialises with its geometry, as a worker or MapLibre receives it', () => {
    const [first] = flatLayerCollection(layer).features;
    const plain = { type: 'Feature', id: 0, properties: { DI_LEI: '0111' }, geometry: flatLayerCollection(layer).features[0]!.geometry };
    expect(structuredClone(flatLayerCollection(layer).features[0])).toEqual(plain);
    expect({ ...flatLayerCollection(layer).features[0] }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(first))).toEqual(plain);
  });
});
