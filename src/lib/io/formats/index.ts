/**
 * The format registry: every format module, and how a file is matched to one — by extension,
 * confirmed or corrected by the content (a GeoJSON saved as .txt still imports, with a warning).
 */
import { fail } from '../errors';
import { extensionOf } from '../file-names';
import type { ImportFile } from '../types';
import { isZip } from '../zip';
import { csvFormat } from './csv';
import { flatgeobufFormat } from './flatgeobuf';
import type { FormatModule } from './format';
import { geojsonFormat, ndjsonFormat } from './geojson';
import { gpxFormat } from './gpx';
import { kmlFormat, kmzFormat } from './kml';
import { shapefileFormat } from './shapefile';
import { xlsxFormat } from './xlsx';
import type { LocalizedText } from '../../i18n/locale';

/** All formats, in content-sniffing order (most specific signatures first). */
export const FORMATS: readonly FormatModule[] = [
  flatgeobufFormat,
  shapefileFormat,
  xlsxFormat,
  kmzFormat,
  kmlFormat,
  gpxFormat,
  geojsonFormat,
  ndjsonFormat,
  csvFormat,
];

/** Extensions of shapefile parts other than .shp/.dbf, which travel with them. */
export const SHAPEFILE_SIDECARS = new Set(['shx', 'prj', 'cpg', 'sbn', 'sbx', 'qix', 'fix', 'qmd', 'aih', 'ain', 'atx', 'idm', 'ind']);

/** Every extension a file picker should accept (including .zip and the shapefile sidecars). */
export const ACCEPTED_EXTENSIONS: readonly string[] = [...new Set([...FORMATS.flatMap((format) => format.extensions), 'zip', ...SHAPEFILE_SIDECARS])];

/** The module for an extension, if any. */
export function formatByExtension(extension: string): FormatModule | undefined {
  return FORMATS.find((format) => format.extensions.includes(extension));
}

/** The first module whose content check accepts the bytes. */
export function sniffFormat(bytes: Uint8Array, name: string): FormatModule | undefined {
  return FORMATS.find((format) => format.detect(bytes, name));
}

/** What to do with one (non-sidecar) file. */
export type FileKind =
  | { readonly kind: 'format'; readonly format: FormatModule; readonly note?: LocalizedText }
  | { readonly kind: 'zip' };

/**
 * Decides how to read a file from its extension and content.
 * @throws ImportError 'empty-file', 'legacy-xls' or 'unsupported-format'.
 */
export function identifyFile(file: ImportFile): FileKind {
  if (file.bytes.length === 0) fail('empty-file', file.name);
  const extension = extensionOf(file.name);
  if (extension === 'xls' && !isZip(file.bytes)) fail('legacy-xls', file.name);
  const byName = formatByExtension(extension);
  const byContent = sniffFormat(file.bytes, file.name);
  if (byName && (byName.detect(file.bytes, file.name) || !byContent || byContent === byName)) return { kind: 'format', format: byName };
  if (byContent) {
    return {
      kind: 'format',
      format: byContent,
      note: {
        zh: `扩展名为“.${extension}”，但内容是${byContent.name.zh}，按${byContent.name.zh}读取`,
        en: `the extension is ".${extension}" but the content is ${byContent.name.en}: read as ${byContent.name.en}`,
      },
    };
  }
  if (isZip(file.bytes) || extension === 'zip') return { kind: 'zip' };
  fail('unsupported-format', file.name, { extension: extension ? `.${extension}` : '' });
}
