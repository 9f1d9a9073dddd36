/**
 * What the attribute panel shows for a clicked feature: its catalog fields with zh/en labels in
 * catalog order, any extra fields of a bureau's own file after them, and its ellipsoidal area;
 * for an imported layer, its own fields.
 */
import type { Feature } from 'geojson';
import type { LayerDefinition, LayerId } from '../layers/catalog';
import { geometryAreaSquareMetres } from '../geo/area';
import { formatNumber } from '../geo/units';
import type { ImportedLayerKey } from './import-record';
import type { Locale } from '../i18n/locale';

/** A layer whose features can be selected: a catalog layer or an imported file. */
export type SelectableLayerId = LayerId | ImportedLayerKey;

export interface AttributeRow {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

export interface FeatureDescription {
  readonly layerId: SelectableLayerId;
  readonly featureId: number;
  readonly layerName: string;
  readonly rows: readonly AttributeRow[];
  /** Ellipsoidal (GRS80) area in m², null for points and lines. */
  readonly areaSquareMetres: number | null;
}

function formatValue(value: unknown, unit: string | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'number') return unit ? `${String(value)} ${unit}` : String(value);
  // Measured quantities get separators and 2 decimals; bare numbers (林班 22, 郁闭度 0.45) stay as they are.
  const textValue = unit ? formatNumber(value, Number.isInteger(value) ? 0 : 2) : String(Math.round(value * 100) / 100);
  return unit ? `${textValue} ${unit}` : textValue;
}

export function describeFeature(layer: LayerDefinition, featureId: number, feature: Feature, locale: Locale): FeatureDescription {
  const properties = feature.properties ?? {};
  const known = new Set(layer.fields.map((field) => field.name.toLowerCase()));
  const rows: AttributeRow[] = layer.fields
    .filter((field) => field.name in properties)
    .map((field) => ({
      field: field.name,
      label: field.label[locale],
      value: formatValue(properties[field.name], field.unit?.[locale]),
    }));
  for (const [field, value] of Object.entries(properties)) {
    if (!known.has(field.toLowerCase())) rows.push({ field, label: field, value: formatValue(value, undefined) });
  }
  return { layerId: layer.id, featureId, layerName: layer.name[locale], rows, areaSquareMetres: areaOf(feature) };
}

/** Describes a feature of an imported layer: every attribute under the file's own field name. */
export function describeImportedFeature(layerId: ImportedLayerKey, layerName: string, featureId: number, feature: Feature): FeatureDescription {
  const rows = Object.entries(feature.properties ?? {}).map(([field, value]) => ({ field, label: field, value: formatValue(value, undefined) }));
  return { layerId, featureId, layerName, rows, areaSquareMetres: areaOf(feature) };
}

function areaOf(feature: Feature): number | null {
  const geometryType = feature.geometry?.type;
  const isAreal = geometryType === 'Polygon' || geometryType === 'MultiPolygon';
  return isAreal ? geometryAreaSquareMetres(feature.geometry) : null;
}
