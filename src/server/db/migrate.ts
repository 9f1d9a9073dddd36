/**
 * Versioned SQL migrations (src/server/migrations/NNN-name.sql), applied in order at start, each
 * in its own transaction together with its row in schema_migrations — a failed migration leaves
 * the database as it was. Several instances starting at once serialise on an advisory lock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './adapter';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const MIGRATION_LOCK = 74_210_012;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}-[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.replace(/\.sql$/, ''), sql: readFileSync(dir + file, 'utf8') }));
}

/** Applies the migrations not yet recorded, up to `upTo` (all by default); returns those applied. */
export async function migrate(db: Database, options: { upTo?: number; migrations?: readonly Migration[] } = {}): Promise<string[]> {
  const migrations = (options.migrations ?? loadMigrations()).filter((m) => m.version <= (options.upTo ?? Infinity));
  await db.exec(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>('select name from schema_migrations order by version');
  return rows.map((row) => row.name);
}
