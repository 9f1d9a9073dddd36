/**
 * Tables for the CSV and XLSX writers: explicit columns with headers, or built from features
 * (every property, plus lon/lat for points or a WKT column for other geometry).
 */
import type { FeatureCollection } from 'geojson';
import { toWkt } from './wkt-write';

export interface TableColumn {
  /** Property read from each row. */
  readonly key: string;
  /** Header text (defaults to the key). */
  readonly header?: string;
  /** Excel number format for the XLSX writer, e.g. '#,##0.00' (CSV writes the raw value). */
  readonly numberFormat?: string;
}

export interface OutputTable {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * A table of a FeatureCollection's attributes: all-point layers get 'lon' and 'lat' columns,
 * others a 'WKT' column, so the table re-imports as the same features.
 */
export function featuresToTable(collection: FeatureCollection): OutputTable {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const feature of collection.features) {
    for (const key of Object.keys(feature.properties ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const allPoints = collection.features.every((feature) => feature.geometry?.type === 'Point');
  const geometryKeys = allPoints ? ['lon', 'lat'] : ['WKT'];
  const rows = collection.features.map((feature) => {
    const row: Record<string, unknown> = { ...(feature.properties ?? {}) };
    if (allPoints && feature.geometry?.type === 'Point') {
      row.lon = feature.geometry.coordinates[0];
      row.lat = feature.geometry.coordinates[1];
    } else if (!allPoints) row.WKT = toWkt(feature.geometry);
    return row;
  });
  return { columns: [...keys.filter((key) => !geometryKeys.includes(key)), ...geometryKeys].map((key) => ({ key })), rows };
}
