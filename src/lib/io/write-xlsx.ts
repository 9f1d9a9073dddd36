/**
 * XLSX writer (ExcelJS, loaded on first use): one worksheet per table, bold frozen header. Text
 * loses the characters XML forbids (ExcelJS drops C0 controls but writes U+FFFE/U+FFFF and lone
 * surrogates, which make the workbook unreadable).
 */
import type { OutputTable } from './table-write';
import { xmlSafe } from './xml-text';
import { loadExcelJs } from './load-exceljs';

export interface XlsxSheet extends OutputTable {
  /** Worksheet name (Excel allows 31 characters, no []:*?/\). */
  readonly name: string;
  /** Bold the last row (a totals row). */
  readonly totalsRow?: boolean;
}

function sheetName(name: string, used: Set<string>): string {
  let clean = xmlSafe(name).replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  for (let index = 2; used.has(clean); index++) clean = `${clean.slice(0, 28)}(${index})`;
  used.add(clean);
  return clean;
}

/**
 * Builds an .xlsx workbook.
 *
 * @example
 * const bytes = await writeXlsx([{ name: '乡镇统计', columns, rows }]);
 */
export async function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Youyang Forest Map';
  const used = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      header: xmlSafe(column.header ?? column.key),
      key: column.key,
      width: Math.min(40, Math.max(8, (column.header ?? column.key).length * 2 + 2)),
      ...(column.numberFormat ? { style: { numFmt: column.numberFormat } } : {}),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const values: Record<string, unknown> = {};
      for (const column of sheet.columns) {
        const value = row[column.key];
        const cell = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
        values[column.key] = typeof cell === 'string' ? xmlSafe(cell) : cell;
      }
      worksheet.addRow(values);
    }
    if (sheet.totalsRow && sheet.rows.length > 0) worksheet.lastRow!.font = { bold: true };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
