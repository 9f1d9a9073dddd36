/**
 * A flat polygon layer (./overlay/flat-layer.ts) seen as a GeoJSON FeatureCollection whose
 * geometries are built when first read. The sample county's 43,355 sub-compartments arrive on the
 * page as a few typed arrays (moved from the loader worker, not cloned); the page reads their
 * properties at once (township search, clicks, forest cover) but the geometry of a feature only
 * when something needs it (a click's outline, a zoom, a feed to the map). Each feature is a plain
 * object with an own, enumerable `geometry` accessor, so structured cloning (to a worker or to
 * MapLibre), spreading and JSON see an ordinary feature; the geometry built is then kept.
 *
 * @example
 * const collection = flatLayerCollection(layer);
 * collection.features[12].geometry // { type: 'Polygon', coordinates: [...] }, built now, kept
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { flatFeatureGeometry, type FlatFeatureLayer } from './overlay/flat-layer';

/** Features numbered from 0 (`id`), as the map and the selection expect. */
export function flatLayerCollection(layer: FlatFeatureLayer): FeatureCollection {
  const features: Feature[] = new Array(layer.count);
  for (let index = 0; index < layer.count; index++) features[index] = lazyFeature(layer, index);
  return { type: 'FeatureCollection', features };
}

function lazyFeature(layer: FlatFeatureLayer, index: number): Feature {
  return {
    type: 'Feature',
    id: layer.first + index,
    properties: layer.properties[index] ?? null,
    get geometry(): Geometry {
      const geometry = flatFeatureGeometry(layer, index);
      settle(this, geometry);
      return geometry;
    },
    set geometry(geometry: Geometry) {
      settle(this, geometry);
    },
  };
}

/** Replaces the accessor by the value: later reads cost nothing and see the same object. */
function settle(feature: Feature, geometry: Geometry): void {
  Object.defineProperty(feature, 'geometry', { value: geometry, writable: true, enumerable: true, configurable: true });
}
