/**
 * A GeoJSON source's data sent to MapLibre's worker as one compact chunk (typed arrays + JSON
 * text, feature-chunks.ts) instead of GeoJSON objects. MapLibre's page side walks every object of
 * `setData`'s data to copy it for the worker, then the browser clones that copy: for a
 * 200,000-polygon import ~6 s of the page's main thread. A chunk is two transferred buffers and a
 * string; MapLibre's worker (src/workers/maplibre.worker.ts) expands it back to GeoJSON before
 * tiling. Pure: runs on the page and in the worker.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { decodeFeatures, encodeFeatures, type EncodedFeatureChunk } from '../io/feature-chunks';

/** The member of the stand-in collection that carries the chunk. */
export const COMPACT_FEATURES_KEY = 'youyangCompactFeatures';

interface CompactFeatures {
  /** Id of the first feature; the others follow by index (ids are indices in the whole layer). */
  readonly firstId: number;
  readonly chunk: EncodedFeatureChunk;
}

/** An empty collection carrying the features compactly: what the page gives `setData`. */
export type CompactCollection = FeatureCollection & { [COMPACT_FEATURES_KEY]?: CompactFeatures };

/** Features as the map's worker will expand them: ids firstId, firstId + 1, … */
export function compactCollection(features: readonly Feature[], firstId: number): CompactCollection {
  return { type: 'FeatureCollection', features: [], [COMPACT_FEATURES_KEY]: { firstId, chunk: encodeFeatures(features) } };
}

/** In MapLibre's worker: the GeoJSON a compact collection stands for; any other data unchanged. */
export function expandCompactCollection(data: unknown): unknown {
  const compact = (data as CompactCollection | null | undefined)?.[COMPACT_FEATURES_KEY];
  if (!compact) return data;
  const features = decodeFeatures(compact.chunk);
  for (let index = 0; index < features.length; index++) features[index]!.id = compact.firstId + index;
  return { type: 'FeatureCollection', features } satisfies FeatureCollection;
}
