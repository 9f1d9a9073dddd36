/**
 * Writing the layers: FlatGeobuf (EPSG:4326) per catalog layer, with every feature carrying every
 * catalog field in catalog order (FlatGeobuf takes its column schema from the first feature), and
 * the per-layer summary for catalog.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { type LayerId, layerById } from '../../src/lib/layers/catalog';

export type PropertyValue = string | number;

/** Fields stored as numbers; every other catalog field is text. */
export const NUMERIC_FIELDS = new Set([
  'MIAN_JI',
  'YU_BI_DU',
  'LIN_BAN',
  'XIAO_BAN',
  'NIAN_DU',
  'KUAN_DU',
  'DENG_JI',
  'BAN_JING',
  'ZHU_SHU',
  'XIONG_JING_2M',
  'QIAN_NIAN',
  'ZUI_DA_SL',
  'ZUI_GAO',
  'ZUI_DA_XW',
  'HUAN_CHONG',
]);

/** Properties in catalog order; throws on a missing field, a stray field or a wrong type. */
export function layerProperties(id: LayerId, values: Record<string, PropertyValue>): Record<string, PropertyValue> {
  const fields = layerById(id).fields;
  const properties: Record<string, PropertyValue> = {};
  for (const field of fields) {
    const value = values[field.name];
    const numeric = NUMERIC_FIELDS.has(field.name);
    if (value === undefined || value === null || (numeric ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string')) {
      throw new Error(`Layer ${id}: field ${field.name} must be a ${numeric ? 'finite number' : 'string'}, got ${String(value)}`);
    }
    properties[field.name] = value;
  }
  for (const name of Object.keys(values)) {
    if (!(name in properties)) throw new Error(`Layer ${id}: field ${name} is not in the catalog`);
  }
  return properties;
}

export function feature(id: LayerId, geometry: Geometry, values: Record<string, PropertyValue>): Feature {
  return { type: 'Feature', geometry, properties: layerProperties(id, values) };
}

/** Ellipsoidal area in 亩, rounded to 2 decimals (the MIAN_JI convention). */
export function areaMu(geometry: Geometry): number {
  return Math.round(squareMetresToMu(geometryAreaSquareMetres(geometry)) * 100) / 100;
}

export interface LayerSummary {
  readonly file: string;
  readonly featureCount: number;
  readonly areaMu: number;
  readonly bytes: number;
}

/** Serialises one layer to <outDir>/<catalog file>. */
export function writeLayer(outDir: string, id: LayerId, features: Feature[]): LayerSummary {
  const layer = layerById(id);
  if (features.length === 0) throw new Error(`Layer ${id} has no features`);
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const bytes = serialize(collection, 4326);
  writeFileSync(join(outDir, layer.file), bytes);
  let squareMetres = 0;
  if (layer.geometry === 'polygon') for (const item of features) squareMetres += geometryAreaSquareMetres(item.geometry);
  return {
    file: layer.file,
    featureCount: features.length,
    areaMu: Math.round(squareMetresToMu(squareMetres) * 100) / 100,
    bytes: bytes.length,
  };
}
