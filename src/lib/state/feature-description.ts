/**
 * What the attribute panel shows for a clicked feature: its catalog fields with zh/en labels in
 * catalog order, any extra fields of a bureau's own file after them, and its ellipsoidal area.
 */
import type { Feature } from 'geojson';
import type { LayerDefinition, LayerId } from '../layers/catalog';
import { geometryAreaSquareMetres } from '../geo/area';
import type { Locale } from '../geo/units';

export interface AttributeRow {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

export interface FeatureDescription {
  readonly layerId: LayerId;
  readonly featureId: number;
  readonly layerName: string;
  readonly rows: readonly AttributeRow[];
  /** Ellipsoidal (GRS80) area in m², null for points and lines. */
  readonly areaSquareMetres: number | null;
}

function formatValue(value: unknown, unit: string | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const textValue = typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value);
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
  const geometryType = feature.geometry?.type;
  const isAreal = geometryType === 'Polygon' || geometryType === 'MultiPolygon';
  return {
    layerId: layer.id,
    featureId,
    layerName: layer.name[locale],
    rows,
    areaSquareMetres: isAreal ? geometryAreaSquareMetres(feature.geometry) : null,
  };
}
