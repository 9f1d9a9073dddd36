/**
 * The audit trail: one record's changes for every signed-in user (GET /api/audit?record=plots/ID);
 * the whole trail and its CSV export for admins.
 */
import { Hono } from 'hono';
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
    const header = ['id', 'at', 'actor', 'action', 'record_type', 'record_id', 'before', 'after'];
    const lines = rows.map((row) => [row.id, iso(row.at), row.actor, row.action, row.record_type, row.record_id, row.before, row.after].map(csvCell).join(','));
    // BOM so that Excel opens the Chinese text as UTF-8.
    return c.body(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit.csv"',
    });
  });

  return app;
}
