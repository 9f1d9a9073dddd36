/** Fire facilities (watchtowers, cameras, water points …): everybody reads; fire officers edit. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Database, Queryable } from '../db/adapter';
import { iso, recordChange } from '../domain/changes';
import { pointPosition, pointSchema } from '../domain/geometry';
import { allow } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { conflict, notFound } from '../http/errors';
import { pathId, queryRevision, recordId, revision, text } from '../http/schemas';
import { jsonBody } from '../http/validate';

const fields = {
  kind: text(50, 1),
  name: text(200, 1),
  township: text(100),
  radiusMetres: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000))),
  geometry: pointSchema,
};
const createSchema = v.strictObject({ id: recordId, ...fields });
const updateSchema = v.strictObject({ revision, ...fields, deleted: v.optional(v.boolean()) });

interface FacilityRow {
  id: string;
  kind: string;
  name: string;
  township: string;
  radius_m: number | null;
  geometry: unknown;
  deleted: boolean;
  updated_at: Date;
  updated_by: string;
  revision: number;
}

export function facilityJson(row: FacilityRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    township: row.township,
    radiusMetres: row.radius_m,
    geometry: row.geometry,
    deleted: row.deleted,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    revision: row.revision,
  };
}

async function load(db: Queryable, id: string, lock = true) {
  const rows = await db.query<FacilityRow>(`select * from facilities where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0] ? facilityJson(rows[0]) : undefined;
}

export function facilityRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const includeDeleted = c.req.query('includeDeleted') === 'true';
    const rows = await db.query<FacilityRow>(`select * from facilities ${includeDeleted ? '' : 'where not deleted'} order by id`);
    return c.json(rows.map(facilityJson));
  });

  app.get('/:id', async (c) => {
    const facility = await load(db, pathId(c.req.param('id')), false);
    if (!facility) throw notFound();
    return c.json(facility);
  });

  app.post('/', allow('fire_officer'), async (c) => {
    const body = await jsonBody(c, createSchema);
    const user = c.get('user');
    const point = pointPosition(body.geometry);
    const facility = await db.transaction(async (tx) => {
      const existing = await load(tx, body.id);
      if (existing) throw conflict(existing);
      const rows = await tx.query<FacilityRow>(
        `insert into facilities (id, kind, name, township, radius_m, geometry, lon, lat, updated_by)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) returning *`,
        [body.id, body.kind, body.name, body.township, body.radiusMetres, JSON.stringify(point.geometry), point.lon, point.lat, user.name],
      );
      const after = facilityJson(rows[0]!);
      await recordChange(tx, user, { action: 'create', type: 'facilities', id: body.id, before: null, after, revision: after.revision });
      return after;
    });
    return c.json(facility, 201);
  });

  app.put('/:id', allow('fire_officer'), async (c) => {
    const id = pathId(c.req.param('id'));
    const body = await jsonBody(c, updateSchema);
    const user = c.get('user');
    const point = pointPosition(body.geometry);
    const facility = await db.transaction(async (tx) => {
      const before = await load(tx, id);
      if (!before) throw notFound();
      if (before.revision !== body.revision) throw conflict(before);
      const deleted = body.deleted ?? before.deleted;
      const rows = await tx.query<FacilityRow>(
        `update facilities set kind = $2, name = $3, township = $4, radius_m = $5, geometry = $6::jsonb, lon = $7, lat = $8,
         deleted = $9, updated_by = $10, updated_at = now(), revision = revision + 1 where id = $1 returning *`,
        [id, body.kind, body.name, body.township, body.radiusMetres, JSON.stringify(point.geometry), point.lon, point.lat, deleted, user.name],
      );
      const after = facilityJson(rows[0]!);
      const action = before.deleted !== after.deleted ? (after.deleted ? 'delete' : 'restore') : 'update';
      await recordChange(tx, user, { action, type: 'facilities', id, before, after, revision: after.revision });
      return after;
    });
    return c.json(facility);
  });

  app.delete('/:id', allow('fire_officer'), async (c) => {
    const id = pathId(c.req.param('id'));
    const expected = queryRevision(c.req.query('revision'));
    const user = c.get('user');
    const facility = await db.transaction(async (tx) => {
      const before = await load(tx, id);
      if (!before) throw notFound();
      if (before.revision !== expected) throw conflict(before);
      const rows = await tx.query<FacilityRow>(
        `update facilities set deleted = true, updated_by = $2, updated_at = now(), revision = revision + 1 where id = $1 returning *`,
        [id, user.name],
      );
      const after = facilityJson(rows[0]!);
      await recordChange(tx, user, { action: 'delete', type: 'facilities', id, before, after, revision: after.revision });
      return after;
    });
    return c.json(facility);
  });

  return app;
}
