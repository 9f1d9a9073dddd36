/**
 * Hostile workbooks: one cell far out in column XFD used to make every row 16,384 cells wide
 * (a few KB of XLSX → gigabytes); now only real cells are read and the table is capped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { IsolatedImporter } from '../fuzz/isolated-import';
import { MAX_TABLE_COLUMNS } from '../../src/lib/io/table-limits';

const pool = new IsolatedImporter({ size: 1, timeoutMs: 20_000, memoryMb: 512 });
afterAll(() => pool.close());

async function workbook(fill: (sheet: import('exceljs').Worksheet) => void): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('点'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('hostile XLSX', () => {
  it('a cell in column XFD on every row does not make rows 16,384 cells wide', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = 'lon';
      sheet.getCell('B1').value = 'lat';
      sheet.getCell('XFD1').value = 'note';
      for (let row = 2; row <= 3000; row++) {
        sheet.getCell(`A${row}`).value = 108.7 + row * 1e-4;
        sheet.getCell(`B${row}`).value = 28.8;
        sheet.getCell(`XFD${row}`).value = 'x';
      }
    });
    const outcome = await pool.run([{ name: '宽表.xlsx', bytes }]);
    expect(outcome).toMatchObject({ kind: 'features', features: 2999 });
  });

  it(`more than ${MAX_TABLE_COLUMNS} filled columns are refused with a clear message`, async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = 'lon';
      sheet.getCell('B1').value = 'lat';
      for (let column = 3; column <= MAX_TABLE_COLUMNS + 3; column++) sheet.getRow(1).getCell(column).value = `f${column}`;
      sheet.getCell('A2').value = 108.7;
      sheet.getCell('B2').value = 28.8;
    });
    const outcome = await pool.run([{ name: '宽表.xlsx', bytes }]);
    expect(outcome).toMatchObject({ kind: 'typed-error', codes: ['table-too-large'] });
    expect(outcome.kind === 'typed-error' && outcome.messages[0]!.en).toContain(`宽表.xlsx: the table is too large: ${MAX_TABLE_COLUMNS + 3} columns`);
  });
});
