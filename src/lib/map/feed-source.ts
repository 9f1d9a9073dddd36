/**
 * The one way data reach a GeoJSON source on the map — catalog layers, stand-ins for them,
 * imported layers and edited facilities alike.
 *
 * MapLibre tiles GeoJSON in its own worker (geojson-vt), which keeps panning and zooming smooth,
 * but `setData` with 200,000 polygons makes the page walk and clone every object in one
 * multi-second task. Data go in growing chunks instead — `setData` with the first chunk, then
 * `updateData({ add })` per chunk, each awaited — so the page never blocks for long. Feature ids
 * are the feature's index in the collection, which is what selection and feature-state use. scripts/bench/import-browser.bench.ts measures it.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { yieldToPage } from '../yield-to-page';
import { COMPACT_FEATURES_KEY, compactCollection } from './compact-feed';

/** Features in the first message to MapLibre's worker, so a layer starts to appear at once. */
export const MAP_FEED_FIRST_CHUNK = 2000;
/**
 * The most features per message: the page serialises each message in one task (5,000 polygons
 * took ~100 ms on a slow core), so this bounds the longest task at a few hundred ms.
 */
export const MAP_FEED_MAX_CHUNK = 16_000;

/**
 * Chunk sizes double from the first to the largest: every `updateData` makes geojson-vt walk the
 * whole source again (its root tile and diff), so n features in fixed chunks cost O(n²/chunk) in
 * MapLibre's worker — 43,000 sub-compartments in 2,000s made the sample county load twice as slow.
 */
export function feedChunkSizes(total: number, first = MAP_FEED_FIRST_CHUNK, max = MAP_FEED_MAX_CHUNK): number[] {
  const sizes: number[] = [];
  let size = Math.max(1, Math.min(first, max));
  for (let sent = 0; sent < total || sizes.length === 0; ) {
    const next = Math.min(size, total - sent);
    sizes.push(next);
    sent += next;
    size = Math.min(size * 2, max);
  }
  return sizes;
}

/** A feed in progress; a newer feed of the same source makes older ones stop. */
const feedGeneration = new Map<string, number>();

/**
 * Gives a GeoJSON source a collection in chunks (ids = feature index), resolving when MapLibre's
 * worker has taken the last one. Returns false when a newer feed of the source took over or the
 * source was removed meanwhile.
 */
export async function feedSource(
  map: MapLibreMap,
  id: string,
  features: readonly Feature[],
  options: {
    first?: number;
    max?: number;
    /** Id of the first feature (a part of a larger layer): ids are firstId + index. */
    firstId?: number;
    /** False when the caller marks the end itself (a layer fed to several sources). */
    mark?: boolean;
    /**
     * All features in one compact message (compact-feed.ts) instead of GeoJSON chunks: one page
     * task of encoding instead of MapLibre's walk and clone of every object.
     */
    compact?: boolean;
  } = {},
): Promise<boolean> {
  const { first = MAP_FEED_FIRST_CHUNK, max = MAP_FEED_MAX_CHUNK, firstId = 0, mark = true, compact = false } = options;
  const generation = (feedGeneration.get(id) ?? 0) + 1;
  feedGeneration.set(id, generation);
  const slice = (start: number, count: number): Feature[] =>
    features
      .slice(start, start + count)
      .map((feature, offset) => ({ type: 'Feature', id: firstId + start + offset, properties: feature.properties, geometry: feature.geometry }));
  // Only a GeoJSON source: the layer may have gone back to its vector tiles (forest-map.ts).
  const source = () => {
    const found = map.getSource(id);
    return found?.type === 'geojson' ? (found as GeoJSONSource) : undefined;
  };
  const current = () => feedGeneration.get(id) === generation && source() !== undefined;
  if (!current()) return false;
  if (compact) {
    const data = compactCollection(features, firstId);
    await source()!.setData(data);
    // MapLibre keeps what setData got as the source's data; the worker has the features now, so
    // the attributes' text (its buffers went with the message) need not stay on the page.
    delete data[COMPACT_FEATURES_KEY];
    if (!current()) return false;
    if (mark) markFed(id, features.length);
    return true;
  }
  const [firstSize, ...rest] = feedChunkSizes(features.length, first, max);
  await source()!.setData({ type: 'FeatureCollection', features: slice(0, firstSize!) });
  let start = firstSize!;
  for (const size of rest) {
    await yieldToPage();
    if (!current()) return false;
    await source()!.updateData({ add: slice(start, size) });
    start += size;
  }
  if (!current()) return false;
  if (mark) markFed(id, features.length);
  return true;
}

/** A User Timing mark, so benchmarks can tell when a whole layer reached MapLibre's worker. */
export function markFed(id: string, featureCount: number): void {
  performance.mark(`map-fed:${id}`, { detail: { features: featureCount } });
}

/** Small overlays (a few hundred features at most): replaces a GeoJSON source's data, adding the source the first time. */
export function setOverlayData(map: MapLibreMap, id: string, data: FeatureCollection): void {
  const source = map.getSource(id) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else map.addSource(id, { type: 'geojson', data });
}
