/**
 * Opens the workspace database for the server or a command: locks PGlite's directory, applies
 * the migrations, loads the reference data. One place, so the server and the CLI agree.
 */
import { type Database } from './db/adapter';
import { lockDataDir } from './db/data-dir-lock';
import { migrate } from './db/migrate';
import { databaseOptionsFromEnv, openDatabase, type DatabaseOptions } from './db/open';
import { readReferenceFiles, seedReferenceData } from './seed/reference-data';

export interface Workspace {
  readonly db: Database;
  readonly applied: readonly string[];
  close(): Promise<void>;
}

export async function openWorkspace(purpose: string, options: DatabaseOptions = databaseOptionsFromEnv(), referenceDir = 'public/data'): Promise<Workspace> {
  const release = options.databaseUrl || !options.dataDir ? () => undefined : lockDataDir(options.dataDir, purpose);
  let db: Database;
  try {
    db = await openDatabase(options);
  } catch (error) {
    release();
    throw error;
  }
  try {
    const applied = await migrate(db);
    const reference = await readReferenceFiles(referenceDir);
    if (reference) await seedReferenceData(db, reference);
    return {
      db,
      applied,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    release();
    throw error;
  }
}
