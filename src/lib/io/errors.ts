/**
 * Typed import errors. Every failure names the file and the problem by a code and its parameters;
 * the Chinese and English wording lives in src/lib/i18n/import-error-messages.ts, so tests can
 * assert exact messages and the UI shows the same text.
 */
import { localized, type LocalizedText, type MessageParams } from '../i18n';

export type ImportErrorCode =
  | 'empty-file'
  | 'unsupported-format'
  | 'legacy-xls'
  | 'truncated-zip'
  | 'archive-without-data'
  | 'shapefile-missing-dbf'
  | 'shapefile-missing-shp'
  | 'shapefile-damaged'
  | 'invalid-json'
  | 'not-geojson'
  | 'invalid-xml'
  | 'no-features'
  | 'no-usable-features'
  | 'no-coordinate-columns'
  | 'invalid-workbook'
  | 'unknown-encoding'
  | 'unknown-crs'
  | 'unsupported-prj'
  | 'crs-undetected'
  | 'flatgeobuf-damaged'
  | 'damaged-file'
  | 'archive-too-large'
  | 'table-too-large'
  | 'worker-stopped'
  | 'worker-unresponsive'
  | 'cancelled'
  | 'read-failed';

/** A failure as plain data (survives postMessage). */
export interface ImportFailure {
  readonly code: ImportErrorCode;
  readonly file: string;
  readonly message: LocalizedText;
  /** 1-based line and column for text formats, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** Error thrown inside readers; importFiles turns it into an ImportFailure for its file. */
export class ImportError extends Error {
  constructor(readonly failure: ImportFailure) {
    super(failure.message.en);
    this.name = 'ImportError';
  }
}

type Detail = { readonly [key: string]: string | number | undefined };

/**
 * The message parameters of a detail: `detail` with `detailZh`, `what` with `whatEn`, `first` with
 * `firstZh` become one text in both languages.
 */
function paramsOf(detail: Detail): MessageParams {
  const params: Record<string, string | number | LocalizedText> = {};
  for (const [name, value] of Object.entries(detail)) {
    if (value === undefined || name.endsWith('Zh') || name.endsWith('En')) continue;
    const zh = detail[`${name}Zh`];
    const en = detail[`${name}En`];
    params[name] = zh !== undefined ? { zh: String(zh), en: String(value) } : en !== undefined ? { zh: String(value), en: String(en) } : value;
  }
  return params;
}

/** The wording of a failure (in src/lib/i18n/import-error-messages.ts), without the file name. */
function failureText(code: ImportErrorCode, detail: Detail): LocalizedText {
  const params = paramsOf(detail);
  const at = detail.line !== undefined;
  if (code === 'invalid-json' && at) return localized('import.error.invalid-json-at', params);
  if (code === 'invalid-xml' && at) return localized('import.error.invalid-xml-at', params);
  if (code === 'unsupported-format' && !detail.extension) return localized('import.error.unsupported-format', { extension: localized('import.error.noExtension') });
  return localized(`import.error.${code}`, params);
}

/**
 * Builds the failure for a code, prefixing the message with the file name.
 *
 * @example
 * importFailure('empty-file', 'plots.kml').message.en // = 'plots.kml: the file is empty (0 bytes)'
 */
export function importFailure(code: ImportErrorCode, file: string, detail: Detail = {}): ImportFailure {
  const position =
    typeof detail.line === 'number' && typeof detail.column === 'number' ? { line: detail.line, column: detail.column } : {};
  return { code, file, message: localized('import.error.inFile', { file, text: failureText(code, detail) }), ...position };
}

/** Throws the ImportError for a code (see importFailure). */
export function fail(code: ImportErrorCode, file: string, detail: Detail = {}): never {
  throw new ImportError(importFailure(code, file, detail));
}

/** Turns anything thrown by a reader into a failure for the file; unknown errors become 'read-failed'. */
export function toFailure(error: unknown, file: string): ImportFailure {
  if (error instanceof ImportError) return error.failure;
  if (error instanceof DOMException && error.name === 'AbortError') return importFailure('cancelled', file);
  const detail = error instanceof Error ? error.message : String(error);
  return importFailure('read-failed', file, { detail });
}
