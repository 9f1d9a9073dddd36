/** The server's copy of the fire zones and townships (which zone a station may report on). */
import { Hono } from 'hono';
import type { Database } from '../db/adapter';
import type { AppEnv } from '../http/env';

export function zoneRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  app.get('/zones', async (c) => {
    const rows = await db.query<{ zone_id: string; name: string; township_code: string; township_name: string; level: number | null }>(
      `select z.zone_id, z.name, z.township_code, t.name as township_name, z.level from zones z join townships t on t.code = z.township_code order by z.zone_id`,
    );
    return c.json(rows.map((row) => ({ zoneId: row.zone_id, name: row.name, townshipCode: row.township_code, townshipName: row.township_name, level: row.level })));
  });
  app.get('/townships', async (c) => c.json(await db.query('select code, name from townships order by code')));
  return app;
}
