/**
 * Asks the browser to keep this site's storage (IndexedDB) even when the disk runs low. Without
 * it ("best effort"), a browser may evict the data of sites not used lately — plots, reviews
 * and imported layers included — so the user is told, and reminded to make backups.
 */
export type PersistenceStatus = 'granted' | 'refused' | 'unsupported';

/** The part of StorageManager used here (injectable for tests). */
export interface PersistableStorage {
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
}

export async function requestPersistentStorage(
  storage: PersistableStorage | undefined = typeof navigator === 'undefined' ? undefined : navigator.storage,
): Promise<PersistenceStatus> {
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'refused';
  } catch {
    // Some browsers throw in private windows: the same as a refusal for the user.
    return 'refused';
  }
}
