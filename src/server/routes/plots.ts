/** Plots (造林/改培地块): everybody reads; planners create, edit and (soft) delete. */
import * as v from 'valibot';
import type { Database, Queryable } from '../db/adapter';
import { iso, recordChange } from '../domain/changes';
import { measurePolygon, polygonalSchema } from '../domain/geometry';
import type { SessionUser } from '../domain/roles';
import { allow } from '../auth/middleware';
import { assertAbsent, atRevision, editAction, loadRecord, softDeleteRecordRoutes, type SoftDeleteTable } from '../http/records';
import { pathId, recordId, revision, text } from '../http/schemas';
import { jsonBody } from '../http/validate';

const fields = {
  name: text(200, 1),
  plotType: text(50, 1),
  targetYear: v.pipe(v.number(), v.integer(), v.minValue(1900), v.maxValue(2200)),
  notes: text(5_000),
  geometry: polygonalSchema,
};
const createSchema = v.strictObject({ id: recordId, ...fields });
const updateSchema = v.strictObject({ revision, ...fields, deleted: v.optional(v.boolean()) });

interface PlotRow {
  id: string;
  name: string;
  plot_type: string;
  target_year: number;
  notes: string;
  geometry: unknown;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  area_m2: number;
  deleted: boolean;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  revision: number;
}

export function plotJson(row: PlotRow) {
  return {
    id: row.id,
    name: row.name,
    plotType: row.plot_type,
    targetYear: row.target_year,
    notes: row.notes,
    geometry: row.geometry,
    bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
    areaSquareMetres: row.area_m2,
    deleted: row.deleted,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    revision: row.revision,
  };
}

const plots: SoftDeleteTable<PlotRow, ReturnType<typeof plotJson>> = {
  table: 'plots',
  orderBy: 'created_at, id',
  toJson: plotJson,
  editors: 'planner',
};

async function writePlot(tx: Queryable, user: SessionUser, id: string, body: v.InferOutput<typeof updateSchema> | v.InferOutput<typeof createSchema>, before: ReturnType<typeof plotJson> | undefined) {
  const measured = measurePolygon(body.geometry);
  const [west, south, east, north] = measured.bbox;
  const deleted = 'deleted' in body && body.deleted !== undefined ? body.deleted : (before?.deleted ?? false);
  const params = [id, body.name, body.plotType, body.targetYear, body.notes, JSON.stringify(measured.geometry), west, south, east, north, measured.areaSquareMetres, deleted, user.name];
  const rows = before
    ? await tx.query<PlotRow>(
        `update plots set name = $2, plot_type = $3, target_year = $4, notes = $5, geometry = $6::jsonb, min_lon = $7, min_lat = $8,
         max_lon = $9, max_lat = $10, area_m2 = $11, deleted = $12, updated_by = $13, updated_at = now(), revision = revision + 1
         where id = $1 returning *`,
        params,
      )
    : await tx.query<PlotRow>(
        `insert into plots (id, name, plot_type, target_year, notes, geometry, min_lon, min_lat, max_lon, max_lat, area_m2, deleted, created_by, updated_by)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $13) returning *`,
        params,
      );
  const after = plotJson(rows[0]!);
  const action = before ? editAction(before, after) : 'create';
  await recordChange(tx, user, { action, type: 'plots', id, before: before ?? null, after, revision: after.revision });
  return after;
}

export function plotRoutes(db: Database) {
  const app = softDeleteRecordRoutes(db, plots);

  app.post('/', allow('planner'), async (c) => {
    const body = await jsonBody(c, createSchema);
    const user = c.get('user');
    const plot = await db.transaction(async (tx) => {
      assertAbsent(await loadRecord(tx, plots, body.id, true));
      return writePlot(tx, user, body.id, body, undefined);
    });
    return c.json(plot, 201);
  });

  app.put('/:id', allow('planner'), async (c) => {
    const id = pathId(c.req.param('id'));
    const body = await jsonBody(c, updateSchema);
    const user = c.get('user');
    const plot = await db.transaction(async (tx) => {
      const before = atRevision(await loadRecord(tx, plots, id, true), body.revision);
      return writePlot(tx, user, id, body, before);
    });
    return c.json(plot);
  });

  return app;
}
