/**
 * The io layer's public API (readers, writers, types). The app imports from here; heavy work goes
 * through src/workers/import-client.ts, which runs importFiles in a worker.
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
