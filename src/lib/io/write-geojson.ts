/** GeoJSON writer (RFC 7946: WGS84 longitude/latitude, no "crs" member). */
import type { FeatureCollection } from 'geojson';

export interface GeoJsonWriteOptions {
  /** Decimal places kept in coordinates; default 8 (about 1 mm). */
  readonly precision?: number;
  /** Indent with two spaces; default false. */
  readonly pretty?: boolean;
}

/**
 * Serialises a WGS84 FeatureCollection as GeoJSON text.
 *
 * @example
 * writeGeoJson(plots, { precision: 7 }) // '{"type":"FeatureCollection","features":[…]}'
 */
export function writeGeoJson(collection: FeatureCollection, options: GeoJsonWriteOptions = {}): string {
  const factor = 10 ** (options.precision ?? 8);
  const round = (key: string, value: unknown) =>
    key === 'coordinates' || key === 'bbox' ? roundDeep(value, factor) : value;
  const { type, features } = collection;
  return JSON.stringify({ type, features }, round, options.pretty ? 2 : undefined);
}

function roundDeep(value: unknown, factor: number): unknown {
  if (typeof value === 'number') return Math.round(value * factor) / factor;
  if (Array.isArray(value)) return value.map((item) => roundDeep(item, factor));
  return value;
}
