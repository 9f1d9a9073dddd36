/**
 * Zipped Shapefile writer: one .shp/.shx/.dbf/.prj/.cpg set per geometry kind (points, lines,
 * polygons), attributes in UTF-8 (the .cpg says so), coordinates in CGCS2000 by default or any
 * registry CRS (e.g. EPSG:4545 Gauss–Krüger for the bureau's survey software).
 */
import { zipSync } from 'fflate';
import type { FeatureCollection } from 'geojson';
import { reprojectGeoJson, WGS84_CODE } from '../geo/crs';
import { encodeDbf, type DbfField } from './dbf-write';
import { esriWkt } from './prj-wkt';
import { encodeShp, SHAPE_TYPE, shapeTypeOf, type ShapeType } from './shp-encode';

export interface ShapefileOptions {
  /** Base name of the files inside the zip; default 'export'. */
  readonly name?: string;
  /** Target CRS (registry code); default 'EPSG:4490' (CGCS2000 longitude/latitude). */
  readonly crs?: string;
}

export interface ShapefileOutput {
  readonly zip: Uint8Array;
  /** Names of the files in the zip. */
  readonly files: readonly string[];
  /** dbf field → source property, where names had to be shortened (10-byte limit). */
  readonly renamedFields: Readonly<Record<string, string>>;
}

const SUFFIX: Record<ShapeType, string> = { 1: 'points', 8: 'multipoints', 3: 'lines', 5: 'polygons' };

/**
 * Writes a WGS84 FeatureCollection as a zipped shapefile.
 *
 * @example
 * const { zip } = writeShapefile(plots, { name: '造林地块', crs: 'EPSG:4545' });
 */
export function writeShapefile(collection: FeatureCollection, options: ShapefileOptions = {}): ShapefileOutput {
  const name = options.name ?? 'export';
  const crs = options.crs ?? 'EPSG:4490';
  const prj = esriWkt(crs);
  const projected = crs === WGS84_CODE ? collection : reprojectGeoJson(collection, WGS84_CODE, crs);
  const byType = new Map<ShapeType, FeatureCollection['features']>();
  for (const feature of projected.features) {
    const type = shapeTypeOf(feature.geometry);
    if (type === null) continue;
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type)!.push(feature);
  }
  const entries: Record<string, Uint8Array> = {};
  const renamedFields: Record<string, string> = {};
  const encoder = new TextEncoder();
  const types = [SHAPE_TYPE.polygon, SHAPE_TYPE.polyline, SHAPE_TYPE.point, SHAPE_TYPE.multipoint].filter((type) => byType.has(type));
  for (const type of types) {
    const features = byType.get(type)!;
    const base = types.length === 1 ? name : `${name}_${SUFFIX[type]}`;
    const { shp, shx } = encodeShp(features.map((feature) => feature.geometry), type);
    const { bytes: dbf, fields } = encodeDbf(features.map((feature) => feature.properties ?? {}));
    fields.forEach((field: DbfField) => {
      if (field.name !== field.property) renamedFields[field.name] = field.property;
    });
    entries[`${base}.shp`] = shp;
    entries[`${base}.shx`] = shx;
    entries[`${base}.dbf`] = dbf;
    entries[`${base}.prj`] = encoder.encode(prj);
    entries[`${base}.cpg`] = encoder.encode('UTF-8');
  }
  return { zip: zipSync(entries, { level: 6 }), files: Object.keys(entries), renamedFields };
}
