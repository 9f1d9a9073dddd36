/**
 * Migrations from an empty database and from the previous version (001 with data, then the
 * rest), a failed migration leaving nothing behind, and backup → restore giving back every row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { backup, BACKUP_TABLES, restore } from '../../src/server/backup/backup';
import type { Database } from '../../src/server/db/adapter';
import { appliedMigrations, loadMigrations, migrate } from '../../src/server/db/migrate';
import { freshDatabase, JPEG_BASE64, photo, plotBody, REFERENCE, startWorkspace, ZONE_A } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'workspace-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function database(): Promise<Database> {
  const { db, drop } = await freshDatabase();
  cleanups.push(drop);
  return db;
}

const tables = async (db: Database) =>
  (await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by table_name")).map((row) => row.table_name);

// PGlite takes seconds to start on a busy machine: later tests reuse these databases.
let emptyStart: Database;
let previousVersion: Database;

test('from an empty database: every migration once, then nothing to do', async () => {
  const db = (emptyStart = await database());
  const all = loadMigrations().map((migration) => migration.name);
  expect(all[0]).toBe('001-core');
  expect(await migrate(db)).toEqual(all);
  expect(await appliedMigrations(db)).toEqual(all);
  expect(await tables(db)).toEqual(expect.arrayContaining(['users', 'plots', 'reviews', 'review_history', 'audit', 'zones', 'photos', 'layers', 'schema_migrations']));
  expect(await migrate(db)).toEqual([]);
});

test('from the previous version: data written under 001 survives and gains the new columns', async () => {
  const db = (previousVersion = await database());
  expect(await migrate(db, { upTo: 1 })).toEqual(['001-core']);
  expect(await tables(db)).not.toContain('zones');
  await db.query(`insert into reviews (zone_id, status, notes, actions, updated_by) values ($1, '需整改', '旧记录', '["巡护"]', 'old')`, [ZONE_A]);
  await db.query(`insert into review_history (zone_id, author, revision, changes) values ($1, 'old', 1, '[]')`, [ZONE_A]);
  await db.query(
    `insert into plots (id, name, plot_type, target_year, geometry, min_lon, min_lat, max_lon, max_lat, area_m2, created_by, updated_by)
     values ('p1', '旧地块', '人工造林', 2025, '{"type":"Polygon","coordinates":[]}', 0, 0, 1, 1, 5, 'old', 'old')`,
  );
  expect(await migrate(db)).toEqual(loadMigrations().slice(1).map((migration) => migration.name));
  expect(await db.query('select status, notes, actions, deadline, return_reason, revision from reviews')).toEqual([
    { status: '需整改', notes: '旧记录', actions: ['巡护'], deadline: null, return_reason: '', revision: 1 },
  ]);
  expect(await db.query('select step, note from review_history')).toEqual([{ step: 'edit', note: '' }]);
  expect(await db.query('select name, area_m2 from plots')).toEqual([{ name: '旧地块', area_m2: 5 }]);
});

test('a failing migration is rolled back whole and not recorded', async () => {
  const db = emptyStart;
  const migrations = [...loadMigrations(), { version: 999, name: '999-broken', sql: 'create table half_done (id int); select nonsense from nowhere;' }];
  await expect(migrate(db, { migrations })).rejects.toThrow();
  expect(await tables(db)).not.toContain('half_done');
  expect((await appliedMigrations(db)).at(-1)).toBe(loadMigrations().at(-1)!.name);
});

test('backup → restore into another database gives back every row, bytes and all', async () => {
  const source = await startWorkspace();
  cleanups.push(() => source.close());
  expect((await source.request('POST', '/api/plots', { as: 'planner', json: plotBody('p-backup', '备份地块') })).status).toBe(201);
  const ordered = await source.request('PUT', `/api/reviews/${ZONE_A}`, {
    as: 'fire_officer',
    json: { revision: 0, status: '需整改', reviewer: '', reviewDate: '', notes: '', actions: ['巡护'], deadline: '2026-12-31' },
  });
  expect((await source.request('POST', `/api/reviews/${ZONE_A}/report`, { as: 'station', json: { revision: ((await ordered.json()) as { revision: number }).revision, notes: '好了', photos: [photo()] } })).status).toBe(201);

  const file = join(dir, 'workspace.ndjson');
  const written = await backup(source.db, file);
  expect(written.plots).toBe(1);
  expect(written.photos).toBe(1);

  // Restore replaces everything, including the previous test's rows.
  const target = previousVersion;
  await target.query("insert into townships (code, name) values ('1', 'stale')");
  const restored = await restore(target, file);
  expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
  for (const table of BACKUP_TABLES) {
    const dump = (db: Database) => db.query(`select to_jsonb(t) as row from ${table} t order by 1::text`);
    const rows = async (db: Database) => (await dump(db)).map((row) => JSON.stringify(row)).sort();
    expect(await rows(target), table).toEqual(await rows(source.db));
  }
  expect(await target.query('select code from townships order by code')).toEqual(REFERENCE.townships.map(({ code }) => ({ code })).sort((a, b) => a.code.localeCompare(b.code)));
  const [stored] = await target.query<{ bytes: Uint8Array }>('select bytes from photos');
  expect(Buffer.from(stored!.bytes).toString('base64')).toBe(JPEG_BASE64);
  // Identity sequences continue after the restored rows.
  const [next] = await target.query<{ id: number }>("insert into audit (actor, action, record_type, record_id) values ('t', 't', 't', 't') returning id");
  const [max] = await source.db.query<{ id: number }>('select max(id) as id from audit');
  expect(next!.id).toBe(max!.id + 1);
});
