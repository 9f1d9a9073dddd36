/** XLSX writer (ExcelJS, loaded on first use): one worksheet per table, bold frozen header. */
import type { OutputTable } from './table-write';

export interface XlsxSheet extends OutputTable {
  /** Worksheet name (Excel allows 31 characters, no []:*?/\). */
  readonly name: string;
  /** Bold the last row (a totals row). */
  readonly totalsRow?: boolean;
}

function sheetName(name: string, used: Set<string>): string {
  let clean = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
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
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Youyang Forest Map';
  const used = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header ?? column.key,
      key: column.key,
      width: Math.min(40, Math.max(8, (column.header ?? column.key).length * 2 + 2)),
      ...(column.numberFormat ? { style: { numFmt: column.numberFormat } } : {}),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const values: Record<string, unknown> = {};
      for (const column of sheet.columns) {
        const value = row[column.key];
        values[column.key] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
      }
      worksheet.addRow(values);
    }
    if (sheet.totalsRow && sheet.rows.length > 0) worksheet.lastRow!.font = { bold: true };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
