/**
 * The one persistence seam of the app: every kind of record a user makes (plots, fire-zone
 * reviews, facilities, imported layers) is read and written through a Repository. Today each is
 * backed by this browser's IndexedDB (revisioned-store.ts); the sync layer (src/lib/sync) wraps a
 * repository with an outbox and a remote twin of the same shape, so the state objects above it do
 * not change when the workspace server arrives. See docs/architecture.md, "Persistence".
 *
 * Plain TypeScript: no IndexedDB, no Svelte — a remote or in-memory repository implements it too.
 */

/** Fields every stored record has. */
export interface Revisioned {
  readonly id: string;
  /** Incremented by every write; 1 for a new record. */
  readonly revision: number;
  /** ISO 8601 time of the last write. */
  readonly updatedAt: string;
}

/** A record as the caller writes it: the repository sets revision and updatedAt. */
export type Draft<T extends Revisioned> = Omit<T, 'revision' | 'updatedAt'>;

/** What another writer (another tab; later, another user) changed. */
export interface RecordChange {
  readonly id: string;
  /** The record's new revision; -1 when it was removed for good. */
  readonly revision: number;
  /** Identifies the writer (a tab, a restore, a remote user). */
  readonly origin: string;
}

/**
 * A write refused because the record changed since the caller read it (optimistic concurrency):
 * nothing was written, nothing is lost; the caller reloads and decides.
 */
export class ConflictError extends Error {
  constructor(
    /** The repository's name ('plots', 'reviews', …). */
    readonly storeName: string,
    readonly id: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      `${storeName}/${id}: changed in another tab or window (revision ${currentRevision}, this edit was based on ${expectedRevision}); reload it before saving`,
    );
    this.name = 'ConflictError';
  }
}

export interface Repository<T extends Revisioned> {
  /** The kind of record ('plots', 'reviews', 'facilities', 'importedLayers'): names it in change notices and the outbox. */
  readonly name: string;
  /** Every record. */
  list(): Promise<T[]>;
  get(id: string): Promise<T | undefined>;
  /**
   * Writes a record based on the revision the caller last read (0 for a new record) and returns
   * it as stored (revision + 1, updatedAt now).
   * @throws ConflictError when the stored revision is not `expectedRevision`.
   */
  put(record: Draft<T>, expectedRevision: number): Promise<T>;
  /**
   * Removes a record for good (soft deletes, which can be undone, are a `put` with a flag).
   * @throws ConflictError when `expectedRevision` is given and the stored revision differs.
   */
  remove(id: string, expectedRevision?: number): Promise<void>;
  /** Calls `listener` when a record is changed by another writer (not through this instance). Returns an unsubscribe function. */
  subscribe(listener: (change: RecordChange) => void): () => void;
  /** Releases the connection and the change channel. */
  close(): void;
}
