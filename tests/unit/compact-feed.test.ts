import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { COMPACT_FEATURES_KEY, COMPACT_FEED_CHUNK, compactCollection, expandCompactCollection } from '../../src/lib/map/compact-feed';
import { feedSource } from '../../src/lib/map/feed-source';

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

const mixed: Feature[] = [
  { type: 'Feature', id: 'file-id-a', properties: { 小班号: '0101-003', 面积: 12.5, 树种: null }, geometry: { type: 'Polygon', coordinates: [square(108.7, 28.8, 0.01), square(108.702, 28.802, 0.002).reverse()] } },
  { type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: [[square(108.8, 28.9, 0.01)], [square(108.9, 28.9, 0.005)]] } },
  { type: 'Feature', properties: { name: 'track' }, geometry: { type: 'LineString', coordinates: [[108.1, 28.1, 512.5], [108.2, 28.2, 530]] } },
  { type: 'Feature', properties: { name: 'tower' }, geometry: { type: 'Point', coordinates: [108.5, 28.5] } },
  { type: 'Feature', properties: { empty: true }, geometry: null as unknown as Feature['geometry'] },
];

describe('compact feed to MapLibre’s worker', () => {
  it('expands to the same features, numbered from the part’s first id, after a trip through postMessage', async () => {
    const compact = (await compactCollection(mixed, 50_000, null))!;
    // What the page hands setData carries no GeoJSON objects of its own.
    expect(compact.features).toEqual([]);
    const [chunk] = compact[COMPACT_FEATURES_KEY]!.chunks;
    const received = structuredClone(compact, { transfer: [chunk!.structure.buffer, chunk!.coordinates.buffer] });
    // Transferred: the page keeps no copy of the coordinates.
    expect(chunk!.coordinates.byteLength).toBe(0);
    const expanded = expandCompactCollection(received) as FeatureCollection;
    expect(expanded.type).toBe('FeatureCollection');
    expect(expanded.features.map((feature) => feature.id)).toEqual([50_000, 50_001, 50_002, 50_003, 50_004]);
    expect(expanded.features.map((feature) => feature.geometry)).toEqual(mixed.map((feature) => feature.geometry));
    expect(expanded.features.map((feature) => feature.properties)).toEqual(mixed.map((feature) => feature.properties));
  });

  it('encodes a chunk at a time and gives up when told between chunks', async () => {
    const total = 2 * COMPACT_FEED_CHUNK + 1;
    const many = Array.from({ length: total }, (_, index): Feature => ({ type: 'Feature', properties: { n: index }, geometry: { type: 'Point', coordinates: [108, 28 + index / 1e6] } }));
    let pauses = 0;
    const compact = await compactCollection(many, 0, null, async () => ++pauses > 0);
    expect(compact![COMPACT_FEATURES_KEY]!.chunks.map((chunk) => chunk.count)).toEqual([COMPACT_FEED_CHUNK, COMPACT_FEED_CHUNK, 1]);
    expect(pauses).toBe(2);
    expect(await compactCollection(many, 0, null, async () => false)).toBeNull();
    expect((expandCompactCollection(compact) as FeatureCollection).features[total - 1]!.id).toBe(total - 1);
  });

  it('carries only the attributes the style reads, an empty object where a feature has none of them', async () => {
    const compact = (await compactCollection(mixed, 0, ['面积', 'name']))!;
    const expanded = expandCompactCollection(structuredClone(compact)) as FeatureCollection;
    expect(expanded.features.map((feature) => feature.properties)).toEqual([{ 面积: 12.5 }, {}, { name: 'track' }, { name: 'tower' }, {}]);
    expect(expanded.features.map((feature) => feature.geometry)).toEqual(mixed.map((feature) => feature.geometry));
    // None at all (an imported layer's one-colour style): the text is a few bytes a feature.
    const bare = (await compactCollection(mixed, 0, []))!;
    expect(bare[COMPACT_FEATURES_KEY]!.chunks[0]!.properties).toBe('[["file-id-a",{}],[null,{}],[null,{}],[null,{}],[null,{}]]');
  });

  it('leaves any other data as it is', () => {
    const plain: FeatureCollection = { type: 'FeatureCollection', features: mixed };
    expect(expandCompactCollection(plain)).toBe(plain);
    expect(expandCompactCollection(undefined)).toBeUndefined();
    expect(expandCompactCollection(null)).toBeNull();
  });

  it('feedSource sends one setData that expands to the whole part', async () => {
    const sent: unknown[] = [];
    // Like postMessage, the fake takes a copy when setData is called.
    let kept: unknown;
    const source = {
      type: 'geojson',
      setData: async (data: unknown) => {
        kept = data;
        sent.push(structuredClone(data));
      },
      updateData: async () => void sent.push('update'),
    };
    const map = { getSource: (id: string) => (id === 'imported-7~2' ? source : undefined) } as unknown as MapLibreMap;
    const features = Array.from({ length: 1200 }, (_, index): Feature => ({ type: 'Feature', properties: { n: index }, geometry: { type: 'Polygon', coordinates: [square(108 + index / 1000, 28.8, 0.0005)] } }));
    expect(await feedSource(map, 'imported-7~2', features, { firstId: 50_000, mark: false, fields: ['n'] })).toBe(true);
    expect(sent).toHaveLength(1);
    const expanded = expandCompactCollection(sent[0]) as FeatureCollection;
    expect(expanded.features).toHaveLength(1200);
    expect(expanded.features[0]!.id).toBe(50_000);
    expect(expanded.features[1199]!.id).toBe(51_199);
    expect(expanded.features[1199]!.properties).toEqual({ n: 1199 });
    expect(expanded.features[1199]!.geometry).toEqual(features[1199]!.geometry);
    // What MapLibre keeps on the page no longer holds the features.
    expect(kept).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
