import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { decodeFeatures, encodeFeatures } from '../../src/lib/state/import-codec';

const FEATURES: Feature[] = [
  { type: 'Feature', id: 'xb-1', properties: { XIANG: '龚滩镇', MIAN_JI: 135.5, 备注: null, ok: true }, geometry: { type: 'Polygon', coordinates: [[[108.351, 28.912], [108.354, 28.912], [108.354, 28.915], [108.351, 28.912]], [[108.352, 28.913], [108.353, 28.913], [108.353, 28.914], [108.352, 28.913]]] } },
  { type: 'Feature', id: 7, properties: { name: '瞭望塔' }, geometry: { type: 'Point', coordinates: [108.35, 28.91, 612.5] } },
  { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[108.77, 28.84, 600], [108.771, 28.841], [108.772, 28.842, 602]] } },
  { type: 'Feature', properties: null, geometry: { type: 'MultiPoint', coordinates: [[108.1, 28.1], [108.2, 28.2]] } },
  { type: 'Feature', properties: { n: 1 }, geometry: { type: 'MultiLineString', coordinates: [[[108.1, 28.1], [108.2, 28.2]], [[108.3, 28.3], [108.4, 28.4]]] } },
  {
    type: 'Feature',
    properties: { nested: { a: [1, 2] } },
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [[[108.5, 28.7], [108.51, 28.7], [108.51, 28.71], [108.5, 28.7]]],
        [[[108.6, 28.7], [108.61, 28.7], [108.61, 28.71], [108.6, 28.7]]],
      ],
    },
  },
  { type: 'Feature', properties: { empty: '' }, geometry: null as unknown as Feature['geometry'] },
  {
    type: 'Feature',
    properties: { kind: 'collection' },
    geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [108.9, 28.9] }, { type: 'LineString', coordinates: [[108.9, 28.9], [109, 29]] }] },
  },
];

describe('compact feature encoding for IndexedDB', () => {
  it('round-trips every geometry type, z values, ids, null geometry and Chinese attributes exactly', () => {
    const chunk = encodeFeatures(FEATURES);
    expect(chunk.count).toBe(FEATURES.length);
    expect(chunk.coordinates).toBeInstanceOf(Float64Array);
    const decoded = decodeFeatures(chunk);
    expect(decoded).toEqual(FEATURES);
  });

  it('keeps full double precision (projected-then-unprojected coordinates are not rounded)', () => {
    const precise: Feature = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.77123456789012, 28.840987654321097] } };
    expect(decodeFeatures(encodeFeatures([precise]))[0]!.geometry).toEqual(precise.geometry);
  });

  it('encodes a range of a collection, and decodes chunks in order into one list', () => {
    const many: Feature[] = Array.from({ length: 23 }, (_, index) => ({ type: 'Feature', properties: { index, 名称: `地块${index}` }, geometry: { type: 'Point', coordinates: [108 + index / 100, 28.5] } }));
    const chunks = [0, 5, 10, 15, 20].map((start) => encodeFeatures(many, start, Math.min(many.length, start + 5)));
    expect(chunks.map((chunk) => chunk.count)).toEqual([5, 5, 5, 5, 3]);
    const decoded: Feature[] = [];
    for (const chunk of chunks) decodeFeatures(chunk, decoded);
    expect(decoded).toEqual(many);
  });

  it('is much smaller than the JSON text for polygons', () => {
    const ring = Array.from({ length: 200 }, (_, index) => [108 + Math.cos(index / 30) * 0.01, 28.8 + Math.sin(index / 30) * 0.01]);
    const feature: Feature = { type: 'Feature', properties: { XIANG: '钟多街道' }, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } };
    const chunk = encodeFeatures([feature]);
    expect(chunk.coordinates.byteLength + chunk.structure.byteLength).toBeLessThan(JSON.stringify(feature.geometry).length);
  });
});
