/**
 * Saved corridors in IndexedDB: the revisioned 'corridors' store of the app's database (schema
 * version 3), one record per corridor. Deleting marks the record, so it can be undone.
 */
import { openForestMapDatabase } from '../persistence/database';
import { RevisionedStore } from '../persistence/revisioned-store';

export type CorridorRepository = RevisionedStore<'corridors'>;

/** Opens the repository on the app's database (or a named one in tests). */
export async function openCorridorRepository(options: { databaseName?: string; origin?: string; now?: () => Date } = {}): Promise<CorridorRepository> {
  const database = await openForestMapDatabase(options.databaseName);
  return new RevisionedStore(database, 'corridors', options.origin, options.now);
}
