/**
 * The one way data reach a GeoJSON source on the map — catalog layers, stand-ins for them,
 * imported layers and edited facilities alike.
 *
 * MapLibre tiles GeoJSON in its own worker (geojson-vt), which keeps panning and zooming smooth,
 * but `setData` with 200,000 polygons makes the page walk and clone every object in one
 * multi-second task. Data go in chunks instead — `setData` with the first chunk, then
 * `updateData({ add })` per chunk (geojson-vt indexes each diff incrementally), each awaited — so
 * the page never blocks for long. Feature ids are the feature's index in the collection, which
 * is what selection and feature-state use. scripts/bench/import-browser.bench.ts measures it.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { yieldToPage } from '../yield-to-page';

/** Features per message to MapLibre's worker (its serialisation of 5,000 polygons took ~100 ms on a slow core). */
export const MAP_FEED_CHUNK = 2000;

/** A feed in progress; a newer feed of the same source makes older ones stop. */
const feedGeneration = new Map<string, number>();

/**
 * Gives a GeoJSON source a collection in chunks (ids = feature index), resolving when MapLibre's
 * worker has taken the last one. Returns false when a newer feed of the source took over or the
 * source was removed meanwhile.
 */
export async function feedSource(map: MapLibreMap, id: string, features: readonly Feature[], chunk = MAP_FEED_CHUNK): Promise<boolean> {
  const generation = (feedGeneration.get(id) ?? 0) + 1;
  feedGeneration.set(id, generation);
  const slice = (start: number): Feature[] =>
    features.slice(start, start + chunk).map((feature, offset) => ({ type: 'Feature', id: start + offset, properties: feature.properties, geometry: feature.geometry }));
  const source = () => map.getSource(id) as GeoJSONSource | undefined;
  const current = () => feedGeneration.get(id) === generation && source() !== undefined;
  if (!current()) return false;
  await source()!.setData({ type: 'FeatureCollection', features: slice(0) });
  for (let start = chunk; start < features.length; start += chunk) {
    await yieldToPage();
    if (!current()) return false;
    await source()!.updateData({ add: slice(start) });
  }
  if (!current()) return false;
  // A User Timing mark, so benchmarks can tell when the whole layer reached MapLibre's worker.
  performance.mark(`map-fed:${id}`, { detail: { features: features.length } });
  return true;
}

/** Small overlays (a few hundred features at most): replaces a GeoJSON source's data, adding the source the first time. */
export function setOverlayData(map: MapLibreMap, id: string, data: FeatureCollection): void {
  const source = map.getSource(id) as GeoJSONSource | undefined;
  if (source) source.setData(data);
  else map.addSource(id, { type: 'geojson', data });
}
