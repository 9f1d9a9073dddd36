/** Fire facilities (watchtowers, cameras, water points …): everybody reads; fire officers edit. */
import * as v from 'valibot';
import type { Database } from '../db/adapter';
import { iso, recordChange } from '../domain/changes';
import { pointPosition, pointSchema } from '../domain/geometry';
import { allow } from '../auth/middleware';
import { assertAbsent, atRevision, editAction, loadRecord, softDeleteRecordRoutes, type SoftDeleteTable } from '../http/records';
import { pathId, recordId, revision, text } from '../http/schemas';
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

const facilities: SoftDeleteTable<FacilityRow, ReturnType<typeof facilityJson>> = {
  table: 'facilities',
  orderBy: 'id',
  toJson: facilityJson,
  editors: 'fire_officer',
};

export function facilityRoutes(db: Database) {
  const app = softDeleteRecordRoutes(db, facilities);

  app.post('/', allow('fire_officer'), async (c) => {
    const body = await jsonBody(c, createSchema);
    const user = c.get('user');
    const point = pointPosition(body.geometry);
    const facility = await db.transaction(async (tx) => {
      assertAbsent(await loadRecord(tx, facilities, body.id, true));
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
      const before = atRevision(await loadRecord(tx, facilities, id, true), body.revision);
      const deleted = body.deleted ?? before.deleted;
      const rows = await tx.query<FacilityRow>(
        `update facilities set kind = $2, name = $3, township = $4, radius_m = $5, geometry = $6::jsonb, lon = $7, lat = $8,
         deleted = $9, updated_by = $10, updated_at = now(), revision = revision + 1 where id = $1 returning *`,
        [id, body.kind, body.name, body.township, body.radiusMetres, JSON.stringify(point.geometry), point.lon, point.lat, deleted, user.name],
      );
      const after = facilityJson(rows[0]!);
      const action = editAction(before, after);
      await recordChange(tx, user, { action, type: 'facilities', id, before, after, revision: after.revision });
      return after;
    });
    return c.json(facility);
  });

  return app;
}
