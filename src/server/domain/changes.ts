/**
 * One call per change, inside the change's transaction: the audit row (who, when, what,
 * before → after) and the live-update announcement. Nothing is audited that did not commit, and
 * nothing commits unaudited.
 */
import type { Queryable } from '../db/adapter';
import { announce } from './events';
import type { SessionUser } from './roles';

export interface Change {
  readonly action: 'create' | 'update' | 'delete' | 'restore' | string;
  readonly type: string;
  readonly id: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly revision: number | null;
}

export async function recordChange(tx: Queryable, actor: SessionUser | string, change: Change): Promise<void> {
  const by = typeof actor === 'string' ? actor : actor.name;
  const rows = await tx.query<{ at: Date | string }>(
    `insert into audit (actor, action, record_type, record_id, before, after) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb) returning at`,
    [by, change.action, change.type, change.id, jsonOrNull(change.before), jsonOrNull(change.after)],
  );
  await announce(tx, { type: change.type, id: change.id, action: change.action, revision: change.revision, by, at: iso(rows[0]!.at) });
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** timestamptz from either driver (Date from both today; text tolerated) as ISO 8601. */
export function iso(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
