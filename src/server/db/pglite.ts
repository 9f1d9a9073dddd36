/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) in this process, its data in a
 * directory (or in memory for tests). PGlite runs one query at a time and a transaction holds it
 * exclusively, so concurrent requests simply queue.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './adapter';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** Opens PGlite; `dataDir` undefined means in memory. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const pglite = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const base = wrap(pglite);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    async listen(channel, handler) {
      const unlisten = await pglite.listen(channel, handler);
      return () => unlisten();
    },
    close: () => pglite.close(),
  };
}
