/**
 * A catalog layer as the map needs it: its FlatGeobuf file downloaded (with progress) and read,
 * features numbered, and optionally one label point per polygon. Runs in the layer-loader worker.
 */
import type { FeatureCollection, Point } from 'geojson';
import { labelPoints } from '../geo/label-point';
import { fetchBytes } from './fetch-bytes';
import { readFlatGeobuf } from './flatgeobuf';

export interface LoadedLayer {
  readonly collection: FeatureCollection;
  readonly labelPoints: FeatureCollection<Point> | null;
}

/**
 * @param onProgress receives the fraction downloaded (only when the server sends a Content-Length).
 * @throws Error for an HTTP failure, ImportError for a damaged file.
 */
export async function loadFlatGeobufLayer(
  url: string,
  fileName: string,
  withLabelPoints: boolean,
  onProgress?: (fraction: number) => void,
): Promise<LoadedLayer> {
  const bytes = await fetchBytes(url, fileName, (loaded, total) => {
    if (total > 0) onProgress?.(Math.min(1, loaded / total));
  });
  const collection = await readFlatGeobuf(bytes, fileName);
  // Numeric ids let the map keep per-feature state (selection) and find the source feature.
  collection.features.forEach((feature, index) => {
    feature.id = index;
  });
  return { collection, labelPoints: withLabelPoints ? labelPoints(collection) : null };
}
