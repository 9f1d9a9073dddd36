/**
 * A catalog layer as the layer-loader worker sends it (./load-layer.ts) and as the page uses it.
 * The page's side lives here, apart from the readers, so that the page's initial JavaScript does
 * not carry the FlatGeobuf decoders the worker runs.
 */
import type { FeatureCollection, Point } from 'geojson';
import { flatLayerCollection } from '../geo/flat-collection';
import type { FlatFeatureLayer } from '../geo/overlay/flat-layer';

export interface LoadedLayer {
  readonly collection: FeatureCollection;
  readonly labelPoints: FeatureCollection<Point> | null;
}

/** What the worker sends: a flat layer (its buffers moved), or GeoJSON. */
export type LayerOnWire = { readonly flat: FlatFeatureLayer } | LoadedLayer;

/** The layer as the page uses it (features numbered from 0 either way). */
export function loadedLayer(wire: LayerOnWire): LoadedLayer {
  return 'flat' in wire ? { collection: flatLayerCollection(wire.flat), labelPoints: null } : wire;
}
