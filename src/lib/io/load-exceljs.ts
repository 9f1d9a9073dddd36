/**
 * ExcelJS, loaded on first use (it is large). The XLSX reader (import worker) and writer (page)
 * both load it here; in the built app this resolves to one shared asset (see exceljs-browser.ts).
 */
import type ExcelJSNamespace from 'exceljs';

export async function loadExcelJs(): Promise<typeof ExcelJSNamespace> {
  const { default: ExcelJS } = await import('exceljs');
  return ExcelJS;
}
