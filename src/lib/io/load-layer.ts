/**
 * A catalog layer as the map needs it: its FlatGeobuf file downloaded (with progress) and read,
 * features numbered, and optionally one label point per polygon. Runs in the layer-loader worker.
 *
 * A polygon layer the flat reader takes (./flatgeobuf-flat.ts: plain polygons, finite
 * coordinates) crosses to the page as typed arrays that are moved, not cloned, and becomes a
 * collection whose geometries are built when first read (./loaded-layer.ts, geo/flat-collection.ts): the sample's
 * 43,355 sub-compartments as GeoJSON cost the worker twice the reading time, and both threads a
 * structured clone of some 300,000 position arrays, though the map draws them from vector tiles.
 * Anything else is read by the checked GeoJSON reader, which names the damaged feature.
 */
import { labelPoints } from '../geo/label-point';
import { fetchBytes } from './fetch-bytes';
import { readFlatGeobuf } from './flatgeobuf';
import { decodeFlatFeatures, scanFlatGeobuf } from './flatgeobuf-flat';
import type { LayerOnWire } from './loaded-layer';

export type { LayerOnWire, LoadedLayer } from './loaded-layer';

/**
 * @param onProgress receives the fraction downloaded (only when the server sends a Content-Length).
 * @throws Error for an HTTP failure, ImportError for a damaged file.
 */
export async function loadFlatGeobufLayer(
  url: string,
  fileName: string,
  withLabelPoints: boolean,
  onProgress?: (fraction: number) => void,
): Promise<LayerOnWire> {
  const bytes = await fetchBytes(url, fileName, (loaded, total) => {
    if (total > 0) onProgress?.(Math.min(1, loaded / total));
  });
  if (!withLabelPoints) {
    const scan = scanFlatGeobuf(bytes, fileName);
    const flat = scan ? decodeFlatFeatures(bytes, scan) : null;
    if (flat) return { flat };
  }
  const collection = await readFlatGeobuf(bytes, fileName);
  // Numeric ids let the map keep per-feature state (selection) and find the source feature.
  collection.features.forEach((feature, index) => {
    feature.id = index;
  });
  return { collection, labelPoints: withLabelPoints ? labelPoints(collection) : null };
}
