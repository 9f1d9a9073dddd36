/**
 * A polygon layer held as flat typed arrays instead of GeoJSON objects: what the FlatGeobuf fast
 * reader (lib/io/flatgeobuf-flat.ts) decodes into and the overlay engine measures directly. 200k
 * sub-compartments as GeoJSON are twelve million small position arrays (seconds of allocation and
 * garbage collection); as flat arrays they are one Float64Array.
 */
import type { Geometry, Position } from 'geojson';

export interface FlatFeatureLayer {
  readonly kind: 'flat';
  /** Number of features. */
  readonly count: number;
  /** Index of feature 0 in the whole layer (a range decoded by one worker starts later). */
  readonly first: number;
  /** x, y of every vertex, rings as stored (closed or not). */
  readonly coordinates: Float64Array;
  /** First vertex of each ring; one more entry than rings (the end of the last). */
  readonly ringStart: Uint32Array;
  /** Polygon (part) number of each ring within its feature; ring 0 of a part is its shell. */
  readonly ringPart: Uint32Array;
  /** Ring number within its part (0 = shell). */
  readonly ringInPart: Uint32Array;
  /** First ring of each feature; one more entry than features. */
  readonly featureRing: Uint32Array;
  /** Whether each feature is a MultiPolygon (else a Polygon). */
  readonly multi: Uint8Array;
  readonly properties: ReadonlyArray<Record<string, unknown> | null>;
}

/** A flat layer without features (stands in for a layer measured elsewhere). */
export function emptyFlatLayer(): FlatFeatureLayer {
  return {
    kind: 'flat',
    count: 0,
    first: 0,
    coordinates: new Float64Array(0),
    ringStart: new Uint32Array(1),
    ringPart: new Uint32Array(0),
    ringInPart: new Uint32Array(0),
    featureRing: new Uint32Array(1),
    multi: new Uint8Array(0),
    properties: [],
  };
}

/** Features of a layer in either form. */
export function featureCountOf(features: { readonly features: readonly unknown[] } | FlatFeatureLayer): number {
  return 'kind' in features && features.kind === 'flat' ? features.count : (features as { features: readonly unknown[] }).features.length;
}

/** Properties of every feature, in order, for either form. */
export function propertiesOf(features: { readonly features: ReadonlyArray<{ readonly properties: unknown } | null> } | FlatFeatureLayer): ReadonlyArray<{ readonly properties: Record<string, unknown> | null }> {
  if ('kind' in features && features.kind === 'flat') return features.properties.map((properties) => ({ properties }));
  return (features as { features: ReadonlyArray<{ properties: Record<string, unknown> | null } | null> }).features.map((feature) => ({ properties: feature?.properties ?? null }));
}

/** One feature as a GeoJSON geometry (for the rare invalid feature that needs repair). */
export function flatFeatureGeometry(layer: FlatFeatureLayer, feature: number): Geometry {
  const polygons: Position[][][] = [];
  for (let ring = layer.featureRing[feature]!; ring < layer.featureRing[feature + 1]!; ring++) {
    if (layer.ringInPart[ring] === 0) polygons.push([]);
    const positions: Position[] = [];
    for (let vertex = layer.ringStart[ring]!; vertex < layer.ringStart[ring + 1]!; vertex++) {
      positions.push([layer.coordinates[2 * vertex]!, layer.coordinates[2 * vertex + 1]!]);
    }
    polygons.at(-1)!.push(positions);
  }
  return layer.multi[feature] ? { type: 'MultiPolygon', coordinates: polygons } : { type: 'Polygon', coordinates: polygons[0] ?? [] };
}
