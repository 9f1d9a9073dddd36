/** Chooses the database: DATABASE_URL → PostgreSQL server, otherwise embedded PGlite in a directory. */
import type { Database } from './adapter';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface DatabaseOptions {
  readonly databaseUrl?: string;
  /** PGlite data directory; ignored with databaseUrl. */
  readonly dataDir?: string;
}

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: env.WORKSPACE_DATA_DIR?.trim() || 'workspace-data',
  };
}

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}
