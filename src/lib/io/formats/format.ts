/**
 * The contract of a format module (Placemark-style): identity, how to recognise a file, and how
 * to read it into raw layers in the file's own CRS. importFiles does the rest (CRS, validation).
 */
import type { FeatureCollection } from 'geojson';
import type { EncodingReport, FormatId, ImportFile, ImportOptions, ImportWarning } from '../types';
import type { LocalizedText } from '../../i18n/locale';

/** A file with the sidecar files that belong to it (shapefile .dbf/.prj/.cpg/.shx by extension). */
export interface FileGroup {
  /** Display name: the main file's name. */
  readonly name: string;
  readonly main: ImportFile;
  /** Sidecars keyed by lower-case extension ('dbf', 'prj', 'cpg', 'shx'). */
  readonly parts: ReadonlyMap<string, ImportFile>;
}

/** A CRS the file itself declares (.prj, GeoJSON "crs", FlatGeobuf header) or its format fixes. */
export type DeclaredCrs =
  | { readonly kind: 'prj'; readonly wkt: string }
  | { readonly kind: 'code'; readonly code: string; readonly source: 'declared' | 'format'; readonly reason: LocalizedText };

/** Features parsed on demand, in file order (a large GeoJSON, so its text and object tree never exist whole). */
export interface LazyFeatures {
  readonly count: number;
  /** Elements [start, end) as parsed, not yet checked. */
  take(start: number, end: number): unknown[];
}

/** What a reader returns: a layer still in its source CRS. */
export interface RawLayer {
  readonly name: string;
  readonly format: FormatId;
  readonly files: readonly string[];
  /** The features; empty when `lazy` gives them instead. */
  readonly collection: FeatureCollection;
  readonly lazy?: LazyFeatures;
  readonly declaredCrs?: DeclaredCrs;
  readonly encoding?: EncodingReport;
  readonly warnings?: readonly ImportWarning[];
}

/** Passed to readers. */
export interface ReadContext {
  readonly options: ImportOptions;
  /** Reports progress within this file, 0–1. */
  readonly progress: (fraction: number) => void;
  /** Throws when the import was cancelled. */
  readonly checkCancelled: () => void;
}

export interface FormatModule {
  readonly id: FormatId;
  readonly name: LocalizedText;
  /** Lower-case extensions without dot. */
  readonly extensions: readonly string[];
  readonly mimeTypes: readonly string[];
  /** True when the content looks like this format (the name is a hint only). */
  detect(bytes: Uint8Array, name: string): boolean;
  read(group: FileGroup, context: ReadContext): Promise<RawLayer[]>;
}
