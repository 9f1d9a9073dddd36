/**
 * Typed import errors. Every failure names the file and the problem in Chinese and English; the
 * wording lives here only, so tests can assert exact messages and the UI shows the same text.
 */
import type { LocalizedText } from '../i18n/locale';

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

const SUPPORTED_EN = 'GeoJSON, FlatGeobuf, Shapefile (.zip, or .shp with .dbf), KML/KMZ, GPX, CSV, XLSX';
const SUPPORTED_ZH = 'GeoJSON、FlatGeobuf、Shapefile（.zip，或.shp与.dbf一起）、KML/KMZ、GPX、CSV、XLSX';

type Detail = { readonly [key: string]: string | number | undefined };

const TEXT: Record<ImportErrorCode, (d: Detail) => LocalizedText> = {
  'empty-file': () => ({ zh: '文件为空（0字节）', en: 'the file is empty (0 bytes)' }),
  'unsupported-format': (d) => ({
    zh: `无法识别的文件格式（${d.extension || '无扩展名'}）；支持：${SUPPORTED_ZH}`,
    en: `unrecognised file format (${d.extension || 'no extension'}); supported: ${SUPPORTED_EN}`,
  }),
  'legacy-xls': () => ({ zh: '旧版Excel格式（.xls）不受支持，请在Excel中另存为.xlsx', en: 'old Excel format (.xls) is not supported: save it as .xlsx in Excel' }),
  'truncated-zip': () => ({ zh: '压缩包已损坏或不完整（可能下载中断）', en: 'the zip archive is damaged or incomplete (interrupted download?)' }),
  'archive-without-data': () => ({ zh: `压缩包中没有可读取的数据（支持：${SUPPORTED_ZH}）`, en: `the archive contains no readable GIS data (supported: ${SUPPORTED_EN})` }),
  'shapefile-missing-dbf': () => ({
    zh: '缺少.dbf属性文件：请将.shp与同名的.dbf（以及.shx、.prj、.cpg）一起选择',
    en: 'the .dbf attribute file is missing: select the .shp together with its .dbf (and .shx, .prj, .cpg)',
  }),
  'shapefile-missing-shp': () => ({ zh: '缺少.shp几何文件：请将同名的.shp一起选择', en: 'the .shp geometry file is missing: select it together with the .dbf' }),
  'shapefile-damaged': (d) => ({ zh: `Shapefile已损坏：${d.detail}`, en: `the shapefile is damaged: ${d.detail}` }),
  'invalid-json': (d) =>
    d.line === undefined
      ? { zh: '不是有效的JSON（文件意外结束）', en: 'invalid JSON (unexpected end of file)' }
      : { zh: `不是有效的JSON：第${d.line}行第${d.column}列有误`, en: `invalid JSON at line ${d.line}, column ${d.column}` },
  'not-geojson': () => ({
    zh: '是JSON但不是GeoJSON（缺少"type": "FeatureCollection"、"Feature"或几何类型）',
    en: 'JSON but not GeoJSON (no "type": "FeatureCollection", "Feature" or a geometry type)',
  }),
  'invalid-xml': (d) =>
    d.line === undefined
      ? { zh: `不是有效的XML：${d.detailZh ?? d.detail}`, en: `invalid XML: ${d.detail}` }
      : { zh: `不是有效的XML：第${d.line}行第${d.column}列：${d.detailZh ?? d.detail}`, en: `invalid XML at line ${d.line}, column ${d.column}: ${d.detail}` },
  'no-features': (d) => ({ zh: `${d.format}中没有包含几何的要素`, en: `the ${d.format} contains no features with geometry` }),
  'no-usable-features': (d) => ({
    zh: `${d.count}个要素的几何都无法使用，例如：${d.firstZh}`,
    en: `none of the ${d.count} features has a usable geometry; for example: ${d.first}`,
  }),
  'no-coordinate-columns': (d) => ({
    zh: `未找到坐标列（查找了经度/纬度、lon/lat、X/Y、东坐标/北坐标、WKT）；现有列：${d.columns}`,
    en: `no coordinate columns found (looked for lon/lat, 经度/纬度, X/Y, 东坐标/北坐标, WKT); columns: ${d.columns}`,
  }),
  'invalid-workbook': (d) => ({ zh: `无法读取Excel工作簿：${d.detail}`, en: `not a readable Excel workbook: ${d.detail}` }),
  'unknown-encoding': (d) => ({ zh: `不支持的文字编码“${d.encoding}”`, en: `unsupported text encoding "${d.encoding}"` }),
  'unknown-crs': (d) => ({ zh: `未知坐标系“${d.crs}”`, en: `unknown coordinate system "${d.crs}"` }),
  'unsupported-prj': (d) => ({ zh: `.prj中的坐标系不受支持：${d.detail}`, en: `unsupported coordinate system in the .prj: ${d.detail}` }),
  'crs-undetected': (d) => ({
    zh: `无法根据坐标范围（X ${d.x}，Y ${d.y}）判断坐标系，请指定坐标系`,
    en: `cannot tell the coordinate system from the coordinate ranges (X ${d.x}, Y ${d.y}): choose one`,
  }),
  'flatgeobuf-damaged': (d) => ({ zh: `FlatGeobuf文件已损坏：${d.detailZh ?? d.detail}`, en: `the FlatGeobuf file is damaged: ${d.detail}` }),
  'damaged-file': (d) => ({ zh: `${d.format}文件已损坏：${d.detailZh ?? d.detail}`, en: `the ${d.format} file is damaged: ${d.detail}` }),
  'archive-too-large': (d) => ({
    zh: `压缩包解压后过大（${d.what}超过上限${d.limit}），已停止解压；请解压后只选择需要的文件`,
    en: `the archive inflates too far (${d.whatEn} over the limit of ${d.limit}); inflation stopped: unzip it and choose only the files needed`,
  }),
  'table-too-large': (d) => ({
    zh: `表格过大：${d.what}超过上限${d.limit}，请拆分后导入`,
    en: `the table is too large: ${d.whatEn} over the limit of ${d.limit}; split it and import the parts`,
  }),
  'worker-stopped': (d) => ({ zh: `导入进程意外停止：${d.detail}`, en: `the import stopped unexpectedly: ${d.detail}` }),
  'worker-unresponsive': (d) => ({
    zh: `导入在${d.seconds}秒内没有任何进展，已终止（文件可能已损坏或过于复杂）`,
    en: `the import made no progress for ${d.seconds} s and was stopped (the file may be damaged or too complex)`,
  }),
  cancelled: () => ({ zh: '导入已取消', en: 'import cancelled' }),
  'read-failed': (d) => ({ zh: `无法读取：${d.detail}`, en: `could not be read: ${d.detail}` }),
};

/**
 * Builds the failure for a code, prefixing the message with the file name.
 *
 * @example
 * importFailure('empty-file', 'plots.kml').message.en // = 'plots.kml: the file is empty (0 bytes)'
 */
export function importFailure(code: ImportErrorCode, file: string, detail: Detail = {}): ImportFailure {
  const text = TEXT[code](detail);
  const position =
    typeof detail.line === 'number' && typeof detail.column === 'number' ? { line: detail.line, column: detail.column } : {};
  return { code, file, message: { zh: `${file}：${text.zh}`, en: `${file}: ${text.en}` }, ...position };
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
