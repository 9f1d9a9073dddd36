/** GET /api/health: up, which database, which schema version. No session needed. */
import { Hono } from 'hono';
import type { Database } from '../db/adapter';
import { appliedMigrations } from '../db/migrate';

export function healthRoutes(db: Database) {
  const app = new Hono();
  app.get('/', async (c) => {
    try {
      const migrations = await appliedMigrations(db);
      return c.json({ ok: true, database: db.kind, schema: migrations.at(-1) ?? null });
    } catch {
      return c.json({ ok: false, database: db.kind }, 503);
    }
  });
  return app;
}
