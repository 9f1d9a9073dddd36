import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { feedSource, setOverlayData } from '../../src/lib/map/feed-source';
import { COMPACT_FEED_CHUNK as CODEC_CHUNK, expandCompactCollection } from '../../src/lib/map/compact-feed';
import { FEATURES_PER_SOURCE, importedSourceIds, importedSourceOf } from '../../src/lib/map/imported-sources';
import type { ImportedLayerKey } from '../../src/lib/state/import-record';

/**
 * A MapLibre stand-in that records what each GeoJSON source received, as its worker would: a copy
 * taken when setData is called (postMessage), compact chunks expanded.
 */
function fakeMap() {
  const received = new Map<string, { ids: (string | number | undefined)[]; calls: string[]; features: Feature[] }>();
  const sources = new Map<string, object>();
  const addSource = (id: string) => {
    const log = { ids: [] as (string | number | undefined)[], calls: [] as string[], features: [] as Feature[] };
    received.set(id, log);
    sources.set(id, {
      type: 'geojson',
      setData: async (data: FeatureCollection) => {
        const expanded = expandCompactCollection(structuredClone(data)) as FeatureCollection;
        log.calls.push(`set ${expanded.features.length}`);
        log.features = expanded.features;
        log.ids = expanded.features.map((feature) => feature.id);
      },
      updateData: async (diff: { add: Feature[] }) => {
        log.calls.push(`add ${diff.add.length}`);
      },
    });
  };
  const map = {
    sources,
    getSource: (id: string) => sources.get(id),
    addSource: (id: string) => addSource(id),
    removeSource: (id: string) => sources.delete(id),
  };
  return { map: map as unknown as MapLibreMap, sources, addSource, received };
}

const features = (count: number): Feature[] =>
  Array.from({ length: count }, (_, index) => ({ type: 'Feature', id: `original-${index}`, properties: { n: index }, geometry: { type: 'Point', coordinates: [108 + index / 100, 28.8] } }));

describe('feedSource', () => {
  it('sends the whole collection in one message, numbering features by index', async () => {
    const { map, addSource, received } = fakeMap();
    addSource('s');
    const sent = features(2 * CODEC_CHUNK + 7);
    expect(await feedSource(map, 's', sent)).toBe(true);
    expect(received.get('s')!.calls).toEqual([`set ${sent.length}`]);
    expect(received.get('s')!.ids).toEqual(sent.map((_, index) => index));
    expect(received.get('s')!.features[CODEC_CHUNK + 3]!.properties).toEqual({ n: CODEC_CHUNK + 3 });
    expect(received.get('s')!.features[CODEC_CHUNK + 3]!.geometry).toEqual(sent[CODEC_CHUNK + 3]!.geometry);
  });

  it('sends only the named attributes when told which the style reads', async () => {
    const { map, addSource, received } = fakeMap();
    addSource('s');
    const sent = features(3).map((feature, index) => ({ ...feature, properties: { n: index, 备注: '不上图', DI_LEI: '乔木林地' } }));
    expect(await feedSource(map, 's', sent, { fields: ['DI_LEI'] })).toBe(true);
    expect(received.get('s')!.features.map((feature) => feature.properties)).toEqual([{ DI_LEI: '乔木林地' }, { DI_LEI: '乔木林地' }, { DI_LEI: '乔木林地' }]);
    // The page's features keep every attribute.
    expect(sent[0]!.properties).toEqual({ n: 0, 备注: '不上图', DI_LEI: '乔木林地' });
  });

  it('empties the source for an empty collection', async () => {
    const { map, addSource, received } = fakeMap();
    addSource('s');
    expect(await feedSource(map, 's', [])).toBe(true);
    expect(received.get('s')!.calls).toEqual(['set 0']);
  });

  it('stops an older feed of the same source when a newer one starts while it encodes', async () => {
    const { map, addSource, received } = fakeMap();
    addSource('s');
    const older = feedSource(map, 's', features(3 * CODEC_CHUNK));
    const newer = feedSource(map, 's', features(3));
    expect(await older).toBe(false);
    expect(await newer).toBe(true);
    expect(received.get('s')!.calls).toEqual(['set 3']);
    expect(received.get('s')!.ids).toEqual([0, 1, 2]);
  });

  it('reports false when the source is missing or removed during the feed', async () => {
    const { map, addSource, received } = fakeMap();
    expect(await feedSource(map, 'missing', features(3))).toBe(false);
    addSource('s');
    const feed = feedSource(map, 's', features(2 * CODEC_CHUNK));
    (map as unknown as { removeSource(id: string): void }).removeSource('s');
    expect(await feed).toBe(false);
    expect(received.get('s')!.calls).toEqual([]);
  });

  it('stops when the source became a vector-tile source of the same id (a layer back on its archive)', async () => {
    const { map, sources, addSource, received } = fakeMap();
    addSource('s');
    const feed = feedSource(map, 's', features(2 * CODEC_CHUNK));
    sources.set('s', { type: 'vector' });
    expect(await feed).toBe(false);
    expect(received.get('s')!.calls).toEqual([]);
  });

  it('numbers a part of a larger layer from its first id, and marks the end only when asked', async () => {
    const { map, addSource, received } = fakeMap();
    addSource('part');
    performance.clearMarks();
    expect(await feedSource(map, 'part', features(3), { firstId: 50, mark: false })).toBe(true);
    expect(received.get('part')!.ids).toEqual([50, 51, 52]);
    expect(performance.getEntriesByName('map-fed:part')).toHaveLength(0);
    addSource('whole');
    expect(await feedSource(map, 'whole', features(2))).toBe(true);
    expect(performance.getEntriesByName('map-fed:whole')).toHaveLength(1);
  });
});

describe('importedSourceIds / importedSourceOf', () => {
  it('splits a large imported layer into sources of FEATURES_PER_SOURCE features, the first named by the key', () => {
    const key = 'imported-abc' as ImportedLayerKey;
    expect(importedSourceIds(key, 0)).toEqual([key]);
    expect(importedSourceIds(key, FEATURES_PER_SOURCE)).toEqual([key]);
    expect(importedSourceIds(key, FEATURES_PER_SOURCE + 1)).toEqual([key, `${key}~1`]);
    expect(importedSourceIds(key, 200_000)).toHaveLength(Math.ceil(200_000 / FEATURES_PER_SOURCE));
    expect(importedSourceOf(key, 0)).toBe(key);
    expect(importedSourceOf(key, FEATURES_PER_SOURCE - 1)).toBe(key);
    expect(importedSourceOf(key, FEATURES_PER_SOURCE)).toBe(`${key}~1`);
    // Every feature's source is one of the layer's sources.
    const sources = new Set(importedSourceIds(key, 60_001));
    for (const id of [0, 24_999, 25_000, 49_999, 50_000, 60_000]) expect(sources.has(importedSourceOf(key, id))).toBe(true);
  });
});

describe('setOverlayData', () => {
  it('adds the source the first time and replaces its data afterwards', () => {
    const { map, received } = fakeMap();
    const collection: FeatureCollection = { type: 'FeatureCollection', features: features(2) };
    setOverlayData(map, 'overlay', collection);
    expect(received.has('overlay')).toBe(true);
    setOverlayData(map, 'overlay', collection);
    expect(received.get('overlay')!.calls).toEqual(['set 2']);
  });
});
