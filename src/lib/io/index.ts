/**
 * The io layer's public API. The app imports from here; for the user's files it calls
 * `startImport` from src/workers/import-client.ts, which runs `importFiles` in a Web Worker.
 * See README.md beside this file.
 */
export { importFiles } from './import-files';
export type {
  CrsReport,
  EncodingPreview,
  EncodingReport,
  FeatureIssue,
  FieldInfo,
  FormatId,
  ImportedLayer,
  ImportFile,
  ImportOptions,
  ImportProgress,
  ImportResult,
  ImportStage,
  ImportWarning,
  InvalidGeometryPolicy,
  TableColumns,
} from './types';
export { ImportError, importFailure, type ImportErrorCode, type ImportFailure } from './errors';
export { ACCEPTED_EXTENSIONS, FORMATS } from './formats';
export { detectEncoding, normaliseEncoding } from './encoding';
export { isFlatGeobuf, readFlatGeobuf } from './flatgeobuf';
export { suggestFieldMapping, suggestRole } from './suggest-role';
export { writeGeoJson, type GeoJsonWriteOptions } from './write-geojson';
export { writeKml, type KmlOptions, type KmlStyle } from './write-kml';
export { writeShapefile, type ShapefileOptions, type ShapefileOutput } from './write-shapefile';
export { writeCsv, csvCell } from './write-csv';
export { writeXlsx, type XlsxSheet } from './write-xlsx';
export { featuresToTable, type OutputTable, type TableColumn } from './table-write';
export { esriWkt } from './prj-wkt';
