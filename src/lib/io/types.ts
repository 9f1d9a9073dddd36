/**
 * Public types of the import layer: what goes in (files and options) and what comes out (layers in
 * WGS84 with their encoding, CRS and validation reports, and per-file errors).
 * Everything here is plain data, so results cross a worker boundary by structured clone.
 */
import type { FeatureCollection } from 'geojson';
import type { CrsCandidate, Extent } from '../geo/crs';
import type { ValidationIssue } from '../geo/validate';
import type { ImportFailure } from './errors';
import type { FeatureDefectCode } from './feature-check';
import type { EncodedFeatureChunk } from './feature-chunks';
import type { LocalizedText } from '../i18n/locale';

/** One input file: its name (used for grouping and messages) and its bytes. */
export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Formats the importer understands. */
export type FormatId = 'geojson' | 'ndjson' | 'flatgeobuf' | 'shapefile' | 'kml' | 'kmz' | 'gpx' | 'csv' | 'xlsx';

/** What to do with features whose geometry is invalid ('error' severity issues). */
export type InvalidGeometryPolicy = 'keep' | 'repair' | 'skip';

/** Stage names reported by progress events. */
export type ImportStage = 'read' | 'unzip' | 'parse' | 'reproject' | 'validate' | 'done';

export interface ImportProgress {
  readonly stage: ImportStage;
  /** File (or file group) being worked on. */
  readonly file: string;
  /** 0–1 over the whole call (all files). */
  readonly fraction: number;
}

/** Column choice for CSV/XLSX; any field left out is detected from the header. */
export interface TableColumns {
  readonly x?: string;
  readonly y?: string;
  /** A column holding WKT geometry (POINT, LINESTRING, POLYGON and MULTI*). */
  readonly wkt?: string;
}

export interface ImportOptions {
  /**
   * Text encoding for .dbf and CSV attributes ('utf-8', 'gbk', 'gb18030', 'big5', …), overriding
   * the .cpg and the detection. Re-import with this set to let a user switch encodings.
   */
  readonly encoding?: string;
  /**
   * Source CRS ("EPSG:4545", "GCJ-02", "BD-09", …), overriding .prj and detection. For KML, GPX,
   * GeoJSON, CSV and XLSX copied from Chinese web maps pass 'GCJ-02' or 'BD-09': detection cannot
   * tell them from WGS84.
   */
  readonly crs?: string;
  /** With `crs`: the data are [northing, easting] / [lat, lon]. */
  readonly swapAxes?: boolean;
  /** Region where the data are expected (for CRS detection); default Youyang. */
  readonly extent?: Extent;
  /** Invalid polygon policy; default 'keep' (report only). */
  readonly invalid?: InvalidGeometryPolicy;
  /** Check edge intersections too (slower on huge layers); default true. */
  readonly checkIntersections?: boolean;
  /** Coordinate columns of CSV/XLSX. */
  readonly columns?: TableColumns;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
}

/** How the attribute text encoding was chosen. */
export interface EncodingReport {
  /** WHATWG encoding label used to decode ('utf-8', 'gbk', …). */
  readonly encoding: string;
  readonly source: 'cpg' | 'option' | 'detected';
  readonly reason: LocalizedText;
  /** A few decoded attribute rows per candidate encoding, for a live preview of the choice. */
  readonly preview: readonly EncodingPreview[];
}

export interface EncodingPreview {
  readonly encoding: string;
  readonly rows: readonly Record<string, string>[];
}

/** How the source CRS was chosen; the features are always returned in WGS84. */
export interface CrsReport {
  /** Registry code of the source CRS, or null when a .prj gave a system outside the registry. */
  readonly code: string | null;
  /** proj4 definition of the source CRS when it is not in the registry. */
  readonly proj4?: string;
  readonly source: 'prj' | 'option' | 'detected' | 'declared' | 'format';
  /** 0–1: 1 for a .prj, option or format rule; the detector's score otherwise. */
  readonly confidence: number;
  readonly swapped: boolean;
  /** Ranked alternatives from the coordinate ranges (empty when not computed). */
  readonly candidates: readonly CrsCandidate[];
  readonly reason: LocalizedText;
}

/** An attribute column of an imported layer. */
export interface FieldInfo {
  readonly name: string;
  readonly type: 'string' | 'number' | 'boolean' | 'date' | 'mixed' | 'empty';
}

/** A per-feature geometry problem and what was done about it. */
export interface FeatureIssue extends Omit<ValidationIssue, 'code'> {
  /** A validation code, or a structural defect found on reading (./feature-check.ts). */
  readonly code: ValidationIssue['code'] | FeatureDefectCode;
  readonly action: 'kept' | 'repaired' | 'skipped';
}

/** Non-fatal remark about a file (e.g. extension and content disagree, record counts differ). */
export interface ImportWarning {
  readonly file: string;
  readonly message: LocalizedText;
}

/** One imported layer, in WGS84. */
export interface ImportedLayer {
  /** Layer name: the file's base name, plus the sheet or archive entry where useful. */
  readonly name: string;
  readonly format: FormatId;
  /** Names of the input files (or archive entries) it came from. */
  readonly files: readonly string[];
  readonly collection: FeatureCollection;
  /**
   * The same features as the import worker encoded them (feature-chunks.ts), so the page saves
   * them without encoding again; absent when the layer was not read by the worker.
   */
  readonly chunks?: readonly EncodedFeatureChunk[];
  readonly featureCount: number;
  readonly geometryTypes: readonly string[];
  readonly fields: readonly FieldInfo[];
  /** [west, south, east, north] in WGS84, or null when there is no geometry. */
  readonly bbox: readonly [number, number, number, number] | null;
  /** Absent for formats whose encoding is fixed (GeoJSON, KML, GPX, XLSX, FlatGeobuf). */
  readonly encoding?: EncodingReport;
  readonly crs: CrsReport;
  readonly issues: readonly FeatureIssue[];
  /** Features with 'error' issues. */
  readonly invalidCount: number;
  readonly repairedCount: number;
  readonly skippedCount: number;
  readonly warnings: readonly ImportWarning[];
}

/** Result of importFiles: layers that could be read and one failure per file that could not. */
export interface ImportResult {
  readonly layers: ImportedLayer[];
  readonly errors: ImportFailure[];
  readonly warnings: ImportWarning[];
}
