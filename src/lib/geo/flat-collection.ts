/**
 * A flat polygon layer (./overlay/flat-layer.ts) seen as a GeoJSON FeatureCollection whose
 * geometries are built when first read. The sample county's 43,355 sub-compartments arrive on the
 * page as a few typed arrays (moved from the loader worker, not cloned); the page reads their
 * properties at once (township search, clicks, forest cover) but the geometry of a feature only
 * when something needs it (a click's outline, a zoom, a feed to the map). Each feature has an own,
 * enumerable `geometry` accessor, so structured cloning (to a worker or to MapLibre), spreading and
 * JSON see an ordinary feature; the geometry built is then kept as a plain value.
 *
 * @example
 * const collection = flatLayerCollection(layer);
 * collection.features[12].geometry // { type: 'Polygon', coordinates: [...] }, built now, kept
 */
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import { flatFeatureGeometry, type FlatFeatureLayer } from './overlay/flat-layer';

/** Features numbered from 0 (`id`), as the map and the selection expect. */
export function flatLayerCollection(layer: FlatFeatureLayer): FeatureCollection {
  const features: Feature[] = new Array(layer.count);
  for (let index = 0; index < layer.count; index++) features[index] = new LazyFeature(layer, index) as unknown as Feature;
  return { type: 'FeatureCollection', features };
}

/**
 * One accessor descriptor shared by every feature: an object literal with its own getter costs a
 * closure pair per feature (60–110 ms for the 43,355 sub-compartments, against 6–10 ms this way).
 * The layer and the index are private fields, which cloning and JSON do not see.
 */
class LazyFeature {
  readonly type = 'Feature';
  readonly id: number;
  readonly properties: GeoJsonProperties;
  readonly #layer: FlatFeatureLayer;
  readonly #index: number;

  constructor(layer: FlatFeatureLayer, index: number) {
    this.id = layer.first + index;
    this.properties = layer.properties[index] ?? null;
    this.#layer = layer;
    this.#index = index;
    Object.defineProperty(this, 'geometry', GEOMETRY_ACCESSOR);
  }

  static build(feature: LazyFeature): Geometry {
    return flatFeatureGeometry(feature.#layer, feature.#index);
  }
}

const GEOMETRY_ACCESSOR: PropertyDescriptor = {
  get(this: LazyFeature): Geometry {
    const geometry = LazyFeature.build(this);
    settle(this, geometry);
    return geometry;
  },
  set(this: LazyFeature, geometry: Geometry) {
    settle(this, geometry);
  },
  enumerable: true,
  configurable: true,
};

/** Replaces the accessor by the value: later reads cost nothing and see the same object. */
function settle(feature: LazyFeature, geometry: Geometry): void {
  Object.defineProperty(feature, 'geometry', { value: geometry, writable: true, enumerable: true, configurable: true });
}
