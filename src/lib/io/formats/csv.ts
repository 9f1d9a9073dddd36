/**
 * CSV (and tab-separated text) with coordinate columns or a WKT column. Excel in China saves CSV
 * in GBK: the encoding is detected like a .dbf's and can be overridden.
 */
import { parseCsv } from '../csv-parse';
import { chooseEncoding } from '../encoding-choice';
import { decodeText } from '../encoding';
import { fail } from '../errors';
import { stemOf } from '../file-names';
import { tableToFeatures } from '../table-features';
import type { ImportWarning } from '../types';
import type { FileGroup, FormatModule, RawLayer, ReadContext } from './format';

/** First rows of a CSV as header → value records, for the encoding preview. */
function previewRows(bytes: Uint8Array, encoding: string): Record<string, string>[] {
  const rows = parseCsv(decodeText(bytes.subarray(0, 4096), encoding));
  const [headers = [], ...body] = rows;
  return body.slice(0, 5).map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index] ?? ''])));
}

async function read(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const warnings: ImportWarning[] = [];
  const bytes = group.main.bytes;
  const { encoding, report } = chooseEncoding(
    {
      file: group.name,
      sample: bytes,
      ...(context.options.encoding ? { option: context.options.encoding } : {}),
      preview: (candidate) => previewRows(bytes, candidate),
    },
    warnings,
  );
  const rows = parseCsv(decodeText(bytes, encoding));
  context.progress(0.6);
  const [headers, ...body] = rows;
  if (!headers) fail('no-coordinate-columns', group.name, { columns: '—' });
  const features = tableToFeatures({ headers: headers.map((header) => header.trim()), rows: body }, group.name, context.options.columns, warnings);
  return [{ name: stemOf(group.name), format: 'csv', files: [group.name], collection: { type: 'FeatureCollection', features }, encoding: report, warnings }];
}

/** CSV format module. */
export const csvFormat: FormatModule = {
  id: 'csv',
  name: { zh: 'CSV表格', en: 'CSV table' },
  extensions: ['csv', 'tsv', 'txt'],
  mimeTypes: ['text/csv', 'text/tab-separated-values'],
  detect: () => false,
  read,
};
