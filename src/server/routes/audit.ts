/**
 * The audit trail: one record's changes for every signed-in user (GET /api/audit?record=plots/ID);
 * the whole trail and its CSV and XLSX exports for admins.
 */
import { Hono } from 'hono';
import { writeXlsx } from '../../lib/io/write-xlsx';
import type { Database } from '../db/adapter';
import { iso } from '../domain/changes';
import type { AppEnv } from '../http/env';
import { badRequest, forbidden } from '../http/errors';

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
}

const auditJson = (row: AuditRow) => ({
  id: row.id,
  at: iso(row.at),
  actor: row.actor,
  action: row.action,
  recordType: row.record_type,
  recordId: row.record_id,
  before: row.before,
  after: row.after,
});

/** The export columns, in order; CSV and XLSX share them. */
const EXPORT_COLUMNS = ['id', 'at', 'actor', 'action', 'record_type', 'record_id', 'before', 'after'] as const;
const exportValues = (row: AuditRow): unknown[] => [row.id, iso(row.at), row.actor, row.action, row.record_type, row.record_id, row.before, row.after];

/** Excel refuses cells over 32,767 characters (a large plot's geometry); the CSV keeps them whole. */
const XLSX_CELL_LIMIT = 32_000;
function xlsxCell(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number') return value ?? null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > XLSX_CELL_LIMIT ? `${text.slice(0, XLSX_CELL_LIMIT)}… (truncated, see audit.csv / 已截断，完整内容见 CSV)` : text;
}

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const record = c.req.query('record');
    if (record !== undefined) {
      const match = /^([a-z_]{1,40})\/(.{1,80})$/.exec(record);
      if (!match) throw badRequest('record is TYPE/ID, e.g. plots/abc / record 参数格式为 类型/编号');
      const rows = await db.query<AuditRow>('select * from audit where record_type = $1 and record_id = $2 order by id', [match[1], match[2]]);
      return c.json(rows.map(auditJson));
    }
    if (c.get('user').role !== 'admin') throw forbidden();
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 500) || 500, 1), 5_000);
    const before = Number(c.req.query('before') ?? 0) || 2_147_483_647;
    const rows = await db.query<AuditRow>('select * from audit where id < $1 order by id desc limit $2', [before, limit]);
    return c.json(rows.map(auditJson));
  });

  app.get('/export.csv', async (c) => {
    if (c.get('user').role !== 'admin') throw forbidden();
    const rows = await db.query<AuditRow>('select * from audit order by id');
    const lines = rows.map((row) => exportValues(row).map(csvCell).join(','));
    // BOM so that Excel opens the Chinese text as UTF-8.
    return c.body(`\uFEFF${[EXPORT_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit.csv"',
    });
  });

  app.get('/export.xlsx', async (c) => {
    if (c.get('user').role !== 'admin') throw forbidden();
    const rows = await db.query<AuditRow>('select * from audit order by id');
    // Cells are written as values, never formulas, so a name like "=HYPERLINK(…)" stays text.
    const bytes = await writeXlsx([
      {
        name: 'audit',
        columns: EXPORT_COLUMNS.map((key) => ({ key })),
        rows: rows.map((row) => Object.fromEntries(exportValues(row).map((value, index) => [EXPORT_COLUMNS[index]!, xlsxCell(value)]))),
      },
    ]);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': 'attachment; filename="audit.xlsx"',
    });
  });

  return app;
}
