/** Summaries of an imported layer for the preview and the attribute table: fields, types, extent. */
import type { FeatureCollection } from 'geojson';
import { boundingBoxOf } from '../geo/bounds';
import type { FieldInfo } from './types';

/** Attribute columns in first-seen order with their value type (from up to `limit` features). */
export function summariseFields(collection: FeatureCollection, limit = 10000): FieldInfo[] {
  const types = new Map<string, FieldInfo['type']>();
  const features = collection.features;
  for (let index = 0; index < Math.min(limit, features.length); index++) {
    const properties = features[index]?.properties;
    if (!properties) continue;
    for (const [name, value] of Object.entries(properties)) {
      const type: FieldInfo['type'] =
        value === null || value === undefined || value === ''
          ? 'empty'
          : typeof value === 'number'
            ? 'number'
            : typeof value === 'boolean'
              ? 'boolean'
              : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value)
                ? 'date'
                : typeof value === 'string'
                  ? 'string'
                  : 'mixed';
      const previous = types.get(name);
      if (previous === undefined || previous === 'empty') types.set(name, type);
      else if (type !== 'empty' && previous !== type) types.set(name, 'mixed');
    }
  }
  return [...types].map(([name, type]) => ({ name, type }));
}

/** Geometry types present, sorted. */
export function geometryTypesOf(collection: FeatureCollection): string[] {
  const types = new Set<string>();
  for (const feature of collection.features) if (feature?.geometry) types.add(feature.geometry.type);
  return [...types].sort();
}

/** [west, south, east, north] of all positions (geo core bounds), or null. */
export function bboxOf(collection: FeatureCollection): [number, number, number, number] | null {
  return boundingBoxOf(collection.features.map((feature) => feature?.geometry ?? null));
}
