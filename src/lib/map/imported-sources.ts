/**
 * The MapLibre sources of an imported layer. Every message to a GeoJSON source makes MapLibre's
 * worker rebuild that source's root tile from all of its features, so a 200,000-feature layer fed
 * to one source in 16,000-feature messages was re-cut fifteen times over a growing whole. A large
 * layer is split into sources of FEATURES_PER_SOURCE features, each re-cut only over itself.
 * Feature ids stay the feature's index in the whole layer.
 */
import type { ImportedLayerKey } from '../state/import-record';

/**
 * Measured on a 200,000-polygon import (docs/benchmarks.md): 25,000 a source brought "add" → saved
 * from 23 s to 14–16 s; 16,000 (one message each) redrew the map for every source's tiles and took
 * 24 s, 50,000 took 17 s.
 */
export const FEATURES_PER_SOURCE = 25_000;

/** The source of part `part`: the first is named by the layer's key (a layer of up to FEATURES_PER_SOURCE features has only it). */
function partSource(id: ImportedLayerKey, part: number): string {
  return part === 0 ? id : `${id}~${part}`;
}

/** The sources of an imported layer of `featureCount` features, in feature order. */
export function importedSourceIds(id: ImportedLayerKey, featureCount: number): string[] {
  const parts = Math.max(1, Math.ceil(featureCount / FEATURES_PER_SOURCE));
  return Array.from({ length: parts }, (_, part) => partSource(id, part));
}

/** The source that holds the feature with this id (its index in the layer). */
export function importedSourceOf(id: ImportedLayerKey, featureId: number): string {
  return partSource(id, Math.floor(featureId / FEATURES_PER_SOURCE));
}
