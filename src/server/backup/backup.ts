/**
 * Backup and restore through the adapter, the same on PGlite and PostgreSQL: NDJSON, a header
 * line then one line per row ({"table", "row"}) as PostgreSQL's to_jsonb renders it (bytea as
 * \x hex, times as ISO text), read back with jsonb_populate_recordset. Everything inside the
 * transaction goes through `tx` (PGlite would wait for itself otherwise). Sessions are left out:
 * a restored workspace signs everybody in again.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Database, Queryable } from '../db/adapter';
import { appliedMigrations } from '../db/migrate';

export const BACKUP_FORMAT = 'youyang-workspace-backup';
/** Parents before children (foreign keys). */
export const BACKUP_TABLES = ['users', 'settings', 'townships', 'zones', 'plots', 'reviews', 'review_history', 'rectification_reports', 'photos', 'facilities', 'layers', 'audit'] as const;
const IDENTITY_TABLES = ['users', 'review_history', 'audit'] as const;
const BATCH = 200;

interface Header {
  format: string;
  schema: string[];
  createdAt: string;
  database: string;
}

export async function backup(db: Database, file: string): Promise<Record<string, number>> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  // One transaction (repeatable read on a server) so the copy is consistent across tables.
  await db.transaction(async (tx) => {
    if (db.kind === 'postgresql') await tx.query('set transaction isolation level repeatable read');
    const header: Header = { format: BACKUP_FORMAT, schema: await appliedMigrations(tx), createdAt: new Date().toISOString(), database: db.kind };
    await write(JSON.stringify(header));
    for (const table of BACKUP_TABLES) {
      counts[table] = 0;
      // keyset paging keeps memory flat on big tables (layers, photos)
      let after: string | null = null;
      for (;;) {
        const rows: { key: string; row: unknown }[] = await tx.query(
          `select ctid::text as key, to_jsonb(t) as row from ${table} t ${after ? 'where ctid > $1::tid' : ''} order by ctid limit ${BATCH}`,
          after ? [after] : [],
        );
        for (const { row } of rows) await write(JSON.stringify({ table, row }));
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
        after = rows.at(-1)!.key;
      }
    }
  });
  out.end();
  await once(out, 'finish');
  return counts;
}

async function insertBatch(tx: Queryable, table: string, rows: unknown[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
}

/** Replaces every table's content with the file's, in one transaction; the schema must match. */
export async function restore(db: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    let header: Header | undefined;
    let table = '';
    let batch: unknown[] = [];
    // Opened here, right before it is read: readline emits lines as soon as the file flows, and
    // those emitted while BEGIN went to a PostgreSQL server were lost (a small backup read as empty).
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      if (!header) {
        header = JSON.parse(line) as Header;
        if (header.format !== BACKUP_FORMAT) throw new Error(`${file} is not a workspace backup`);
        const schema = await appliedMigrations(tx);
        if (JSON.stringify(schema) !== JSON.stringify(header.schema)) {
          throw new Error(`${file} was made with schema ${header.schema.at(-1)}; this database has ${schema.at(-1)}. Restore with the matching version.`);
        }
        await tx.exec(`truncate ${[...BACKUP_TABLES, 'sessions'].join(', ')} restart identity cascade`);
        continue;
      }
      const entry = JSON.parse(line) as { table: string; row: unknown };
      if (!(BACKUP_TABLES as readonly string[]).includes(entry.table)) throw new Error(`${file}: unknown table ${entry.table}`);
      if (entry.table !== table || batch.length >= BATCH) {
        await insertBatch(tx, table, batch);
        batch = [];
        table = entry.table;
      }
      batch.push(entry.row);
      counts[entry.table] = (counts[entry.table] ?? 0) + 1;
    }
    if (!header) throw new Error(`${file} is empty`);
    await insertBatch(tx, table, batch);
    for (const identity of IDENTITY_TABLES) {
      await tx.query(`select setval(pg_get_serial_sequence('${identity}', 'id'), coalesce((select max(id) from ${identity}), 0) + 1, false)`);
    }
  });
  return counts;
}
