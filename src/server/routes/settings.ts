/** Workspace settings (key → JSON value): everybody reads; admins write. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Database } from '../db/adapter';
import { iso, recordChange } from '../domain/changes';
import { allow } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { badRequest, conflict } from '../http/errors';
import { baseRevision } from '../http/schemas';
import { jsonBody } from '../http/validate';

const key = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_.-]{0,63}$/));
const MAX_VALUE_CHARS = 100_000;
const putSchema = v.strictObject({ revision: baseRevision, value: v.unknown() });

interface SettingRow {
  key: string;
  value: unknown;
  revision: number;
  updated_at: Date;
  updated_by: string;
}

const settingJson = (row: SettingRow) => ({ key: row.key, value: row.value, revision: row.revision, updatedAt: iso(row.updated_at), updatedBy: row.updated_by });

export function settingRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => c.json((await db.query<SettingRow>('select * from settings order by key')).map(settingJson)));

  app.put('/:key', allow('admin'), async (c) => {
    const parsedKey = v.safeParse(key, c.req.param('key'));
    if (!parsedKey.success) throw badRequest('Invalid setting name / 设置名称无效');
    const body = await jsonBody(c, putSchema);
    const value = JSON.stringify(body.value ?? null);
    if (value.length > MAX_VALUE_CHARS) throw badRequest('Setting value too large / 设置值过大');
    const user = c.get('user');
    const setting = await db.transaction(async (tx) => {
      const rows = await tx.query<SettingRow>('select * from settings where key = $1 for update', [parsedKey.output]);
      const before = rows[0] ? settingJson(rows[0]) : null;
      if ((before?.revision ?? 0) !== body.revision) throw conflict(before);
      const written = await tx.query<SettingRow>(
        before
          ? `update settings set value = $2::jsonb, updated_by = $3, updated_at = now(), revision = revision + 1 where key = $1 returning *`
          : `insert into settings (key, value, updated_by) values ($1, $2::jsonb, $3) returning *`,
        [parsedKey.output, value, user.name],
      );
      const after = settingJson(written[0]!);
      await recordChange(tx, user, { action: before ? 'update' : 'create', type: 'settings', id: after.key, before, after, revision: after.revision });
      return after;
    });
    return c.json(setting);
  });

  return app;
}
