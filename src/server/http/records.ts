/**
 * What the revisioned record routes (plots, facilities, layers) share: a record missing is 404, a
 * write based on an old revision is 409 with the record as it is now, and plots and facilities
 * share their reads and their soft delete. Each route keeps its own role guard and body schema.
 */
import { Hono } from 'hono';
import type { Database, Queryable } from '../db/adapter';
import { recordChange } from '../domain/changes';
import type { Role } from '../domain/roles';
import { allow } from '../auth/middleware';
import type { AppEnv } from './env';
import { conflict, notFound } from './errors';
import { pathId, queryRevision } from './schemas';

interface Revisioned {
  readonly revision: number;
}

/** The locked record at the revision the client based its write on; 404 or 409 otherwise. */
export function atRevision<T extends Revisioned>(current: T | undefined, expected: number): T {
  if (!current) throw notFound();
  if (current.revision !== expected) throw conflict(current);
  return current;
}

/** A create with an id that is already taken is a conflict (the client retried, or two clients raced). */
export function assertAbsent(existing: unknown): void {
  if (existing) throw conflict(existing);
}

/** The audit action of an edit: a change of the deleted flag is a delete or a restore. */
export function editAction(before: { readonly deleted: boolean }, after: { readonly deleted: boolean }): 'delete' | 'restore' | 'update' {
  if (before.deleted === after.deleted) return 'update';
  return after.deleted ? 'delete' : 'restore';
}

/** A soft-deletable record table: its name is a constant of the code, never user input. */
export interface SoftDeleteTable<Row, Json extends Revisioned> {
  readonly table: 'plots' | 'facilities';
  readonly orderBy: string;
  readonly toJson: (row: Row) => Json;
  /** Who may delete (the same roles that create and edit). */
  readonly editors: Role;
}

export function loadRecord<Row, Json extends Revisioned>(db: Queryable, spec: SoftDeleteTable<Row, Json>, id: string, lock: boolean) {
  return db
    .query<Row>(`select * from ${spec.table} where id = $1${lock ? ' for update' : ''}`, [id])
    .then((rows) => (rows[0] ? spec.toJson(rows[0]) : undefined));
}

/** GET / (without deleted ones unless asked), GET /:id and the soft DELETE /:id?revision=n. */
export function softDeleteRecordRoutes<Row, Json extends Revisioned>(db: Database, spec: SoftDeleteTable<Row, Json>) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const includeDeleted = c.req.query('includeDeleted') === 'true';
    const rows = await db.query<Row>(`select * from ${spec.table} ${includeDeleted ? '' : 'where not deleted'} order by ${spec.orderBy}`);
    return c.json(rows.map(spec.toJson));
  });

  app.get('/:id', async (c) => {
    const record = await loadRecord(db, spec, pathId(c.req.param('id')), false);
    if (!record) throw notFound();
    return c.json(record);
  });

  app.delete('/:id', allow(spec.editors), async (c) => {
    const id = pathId(c.req.param('id'));
    const expected = queryRevision(c.req.query('revision'));
    const user = c.get('user');
    const record = await db.transaction(async (tx) => {
      const before = atRevision(await loadRecord(tx, spec, id, true), expected);
      const rows = await tx.query<Row>(
        `update ${spec.table} set deleted = true, updated_by = $2, updated_at = now(), revision = revision + 1 where id = $1 returning *`,
        [id, user.name],
      );
      const after = spec.toJson(rows[0]!);
      await recordChange(tx, user, { action: 'delete', type: spec.table, id, before, after, revision: after.revision });
      return after;
    });
    return c.json(record);
  });

  return app;
}
