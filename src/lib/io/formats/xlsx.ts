/**
 * Excel workbooks (.xlsx) with coordinate columns, read with ExcelJS (loaded on first use, as it
 * is large). Each worksheet with coordinates becomes a layer; the header is its first non-empty row.
 */
import type { Workbook, CellValue } from 'exceljs';
import { fail, ImportError } from '../errors';
import { extensionOf, stemOf } from '../file-names';
import { tableToFeatures, type Table } from '../table-features';
import type { ImportWarning } from '../types';
import { tableTooLarge } from '../table-features';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../table-limits';
import { isZip, measureArchive, zipEntryNames } from '../zip';
import type { FileGroup, FormatModule, RawLayer, ReadContext } from './format';
import { loadExcelJs } from '../load-exceljs';

/** Plain value of an ExcelJS cell (formula results, rich text, hyperlinks and dates unwrapped). */
export function plainCellValue(value: CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value) return plainCellValue(value.result as CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : plainCellValue(value.text as CellValue);
  if ('error' in value) return null;
  return String(value);
}

async function loadWorkbook(bytes: Uint8Array, file: string): Promise<Workbook> {
  // ExcelJS inflates every part itself: the archive is measured within the zip caps first.
  measureArchive(bytes, file);
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    fail('invalid-workbook', file, { detail: error instanceof Error ? error.message : String(error) });
  }
  return workbook;
}

/**
 * The sheet as a table, reading only the cells that exist (a lone cell in column XFD must not make
 * every row 16,384 cells wide): columns without any value are dropped, the rest capped.
 * @throws ImportError 'table-too-large' beyond MAX_TABLE_COLUMNS filled columns or MAX_TABLE_ROWS rows.
 */
function sheetTable(sheet: Workbook['worksheets'][number], label: string): Table | null {
  const sparse: Array<Map<number, unknown>> = [];
  const used = new Set<number>();
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (sparse.length > MAX_TABLE_ROWS) tableTooLarge(label, 'rows', sparse.length, MAX_TABLE_ROWS);
    const cells = new Map<number, unknown>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = plainCellValue(cell.value);
      if (value === null || value === '') return;
      cells.set(column, value);
      if (!used.has(column)) {
        used.add(column);
        if (used.size > MAX_TABLE_COLUMNS) tableTooLarge(label, 'columns', sheet.actualColumnCount, MAX_TABLE_COLUMNS);
      }
    });
    if (cells.size > 0) sparse.push(cells);
  });
  const columns = [...used].sort((a, b) => a - b);
  const [header, ...body] = sparse.map((cells) => columns.map((column) => cells.get(column) ?? null));
  if (!header) return null;
  return { headers: header.map((cell) => (cell === null ? '' : String(cell).trim())), rows: body };
}

async function read(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const workbook = await loadWorkbook(group.main.bytes, group.name);
  context.progress(0.5);
  const layers: RawLayer[] = [];
  let firstFailure: ImportError | undefined;
  const sheets = workbook.worksheets.filter((sheet) => sheet.actualRowCount > 0);
  for (const sheet of sheets) {
    const label = sheets.length > 1 ? `${group.name} [${sheet.name}]` : group.name;
    const table = sheetTable(sheet, label);
    if (!table) continue;
    const warnings: ImportWarning[] = [];
    try {
      const features = tableToFeatures(table, label, context.options.columns, warnings);
      layers.push({
        name: sheets.length > 1 ? `${stemOf(group.name)} ${sheet.name}` : stemOf(group.name),
        format: 'xlsx',
        files: [group.name],
        collection: { type: 'FeatureCollection', features },
        warnings,
      });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      firstFailure ??= error;
    }
  }
  if (layers.length === 0) {
    if (firstFailure) throw firstFailure;
    fail('no-features', group.name, { format: 'workbook' });
  }
  return layers;
}

/** XLSX format module. */
export const xlsxFormat: FormatModule = {
  id: 'xlsx',
  name: { zh: 'Excel表格', en: 'Excel workbook' },
  extensions: ['xlsx'],
  mimeTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  detect: (bytes) => isZip(bytes) && zipEntryNames(bytes).some((name) => name === 'xl/workbook.xml' || extensionOf(name) === 'xml' && name.startsWith('xl/')),
  read,
};
