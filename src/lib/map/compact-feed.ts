/**
 * A GeoJSON source's data sent to MapLibre's worker as compact chunks (typed arrays + JSON
 * text, feature-chunks.ts) instead of GeoJSON objects. MapLibre's page side walks every object of
 * `setData`'s data to copy it for the worker, then the browser clones that copy: for a
 * 200,000-polygon import ~6 s of the page's main thread. A chunk is two transferred buffers and a
 * string, encoded 4–5× faster than the browser clones the objects; MapLibre's worker
 * (src/workers/maplibre.worker.ts) expands them back to GeoJSON before tiling. Pure: runs on the
 * page and in the worker.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { decodeFeatures, encodeFeatures, type EncodedFeatureChunk } from '../io/feature-chunks';

/**
 * Features encoded per page task: 25,000 polygons of 7–57 vertices take 0.1–0.4 s. Smaller steps
 * let the import's save and the map's frames in between and made a 200,000-polygon import slower
 * (5,000 a task: "add" → saved 16.2–22.5 s against 14.0–16.1 s, alternating).
 */
export const COMPACT_FEED_CHUNK = 25_000;

/** The member of the stand-in collection that carries the chunks. */
export const COMPACT_FEATURES_KEY = 'youyangCompactFeatures';

interface CompactFeatures {
  /** Id of the first feature; the others follow by index (ids are indices in the whole layer). */
  readonly firstId: number;
  readonly chunks: readonly EncodedFeatureChunk[];
}

/** An empty collection carrying the features compactly: what the page gives `setData`. */
export type CompactCollection = FeatureCollection & { [COMPACT_FEATURES_KEY]?: CompactFeatures };

/**
 * Features as the map's worker will expand them: ids firstId, firstId + 1, …, with only the
 * attributes in `fields` (all when null; style-fields.ts says which a style reads). Encoded
 * COMPACT_FEED_CHUNK features at a time; `between` runs between chunks (the page yields there)
 * and returns false to give up, which makes the result null.
 */
export async function compactCollection(
  features: readonly Feature[],
  firstId: number,
  fields: readonly string[] | null,
  between: () => Promise<boolean> = async () => true,
): Promise<CompactCollection | null> {
  const chunks: EncodedFeatureChunk[] = [];
  for (let start = 0; start < features.length; start += COMPACT_FEED_CHUNK) {
    if (start > 0 && !(await between())) return null;
    chunks.push(encodeFeatures(features, start, Math.min(features.length, start + COMPACT_FEED_CHUNK), fields ?? undefined));
  }
  return { type: 'FeatureCollection', features: [], [COMPACT_FEATURES_KEY]: { firstId, chunks } };
}

/** In MapLibre's worker: the GeoJSON a compact collection stands for; any other data unchanged. */
export function expandCompactCollection(data: unknown): unknown {
  const compact = (data as CompactCollection | null | undefined)?.[COMPACT_FEATURES_KEY];
  if (!compact) return data;
  const features: Feature[] = [];
  for (const chunk of compact.chunks) decodeFeatures(chunk, features);
  for (let index = 0; index < features.length; index++) features[index]!.id = compact.firstId + index;
  return { type: 'FeatureCollection', features } satisfies FeatureCollection;
}
