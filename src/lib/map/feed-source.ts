/**
 * The one way data reach a GeoJSON source on the map — catalog layers, stand-ins for them,
 * imported layers and edited facilities alike.
 *
 * MapLibre tiles GeoJSON in its own worker (geojson-vt), which keeps panning and zooming smooth,
 * but `setData` with 200,000 polygons makes the page walk and clone every object in one
 * multi-second task, and feeding a source in several messages makes the worker re-cut it and the
 * map redraw at each. A collection goes instead as one message of compact chunks
 * (compact-feed.ts): encoded on the page a chunk per task, expanded in MapLibre's worker. Feature
 * ids are the feature's index in the collection, which is what selection and feature-state use,
 * and only the attributes the style reads go along (style-fields.ts).
 * scripts/bench/import-add-ab.ts measures it.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { yieldToPage } from '../yield-to-page';
import { COMPACT_FEATURES_KEY, compactCollection } from './compact-feed';

/** A feed in progress; a newer feed of the same source makes older ones stop. */
const feedGeneration = new Map<string, number>();

/**
 * Gives a GeoJSON source a collection (ids = feature index), resolving when MapLibre's worker has
 * taken it. Returns false when a newer feed of the source took over or the source was removed
 * meanwhile.
 */
export async function feedSource(
  map: MapLibreMap,
  id: string,
  features: readonly Feature[],
  options: {
    /** Id of the first feature (a part of a larger layer): ids are firstId + index. */
    firstId?: number;
    /** False when the caller marks the end itself (a layer fed to several sources). */
    mark?: boolean;
    /**
     * The attributes the source's style layers read (style-fields.ts); null sends them all. The
     * others stay on the page, where clicks and panels find a feature by its id.
     */
    fields?: readonly string[] | null;
  } = {},
): Promise<boolean> {
  const { firstId = 0, mark = true, fields = null } = options;
  const generation = (feedGeneration.get(id) ?? 0) + 1;
  feedGeneration.set(id, generation);
  // Only a GeoJSON source: the layer may have gone back to its vector tiles (forest-map.ts).
  const source = () => {
    const found = map.getSource(id);
    return found?.type === 'geojson' ? (found as GeoJSONSource) : undefined;
  };
  const current = () => feedGeneration.get(id) === generation && source() !== undefined;
  if (!current()) return false;
  const data = await compactCollection(features, firstId, fields, async () => {
    await yieldToPage();
    return current();
  });
  if (!data || !current()) return false;
  await source()!.setData(data);
  // MapLibre keeps what setData got as the source's data; the worker has the features now, so
  // the attributes' text (the coordinates' buffers went with the message) need not stay here.
  delete data[COMPACT_FEATURES_KEY];
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
