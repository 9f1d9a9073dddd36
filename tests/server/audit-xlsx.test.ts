/** GET /api/audit/export.xlsx: the whole audit trail as a workbook, same columns as the CSV, admins only. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plotBody, startWorkspace, type Account, type TestWorkspace } from './harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
});
afterAll(() => ws?.close());

async function readWorkbook(response: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  // row.values is sparse (1-based, empty cells are holes): read every column.
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, index) => {
    const value = row.getCell(index + 1).value;
    return value === null || value === undefined ? '' : String(value);
  })));
  return rows;
}

describe('audit export as XLSX', () => {
  test('an admin gets every audit row with the CSV columns; hostile text stays text', async () => {
    const plot = { ...plotBody(), name: '=HYPERLINK("http://evil","x") 造林' };
    expect((await ws.request('POST', '/api/plots', { as: 'planner', json: plot })).status).toBe(201);

    const response = await ws.request('GET', '/api/audit/export.xlsx', { as: 'admin' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="audit.xlsx"');
    const rows = await readWorkbook(response);

    const csv = await (await ws.request('GET', '/api/audit/export.csv', { as: 'admin' })).text();
    const csvHeader = csv.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
    expect(rows[0]).toEqual(csvHeader);
    const audit = await ws.db.query<{ n: number }>('select count(*)::int as n from audit');
    expect(rows.length - 1).toBe(audit[0]!.n);

    const created = rows.find((row) => row[3] === 'create' && row[4] === 'plots' && row[5] === plot.id)!;
    expect(created[2]).toBe('planner');
    expect(created[6]).toBe('');
    expect(JSON.parse(created[7]!)).toMatchObject({ id: plot.id, name: plot.name });
    expect(new Date(created[1]!).getTime()).not.toBeNaN();
  });

  test.each<Account>(['planner', 'fire_officer', 'station', 'viewer'])('%s → 403', async (account) => {
    const response = await ws.request('GET', '/api/audit/export.xlsx', { as: account });
    expect(response.status).toBe(403);
  });

  test('without a session → 401', async () => {
    expect((await ws.request('GET', '/api/audit/export.xlsx')).status).toBe(401);
  });
});
