/**
 * Optimistic concurrency over an IndexedDB store: every write names the revision it was based
 * on; if another tab wrote in between, the write is refused with a ConflictError carrying the
 * newer record, and nothing is lost. Other tabs are told of each write over a BroadcastChannel.
 */
import type { ForestMapDatabase, ForestMapSchema, Revisioned, RevisionedStoreName } from './database';

export class ConflictError extends Error {
  constructor(
    readonly storeName: RevisionedStoreName,
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

export interface ChangeNotice {
  readonly storeName: RevisionedStoreName;
  readonly id: string;
  readonly revision: number;
  readonly origin: string;
}

export const CHANGE_CHANNEL = 'youyang-forest-map-changes';

type Value<Name extends RevisionedStoreName> = ForestMapSchema[Name]['value'];
type Draft<Name extends RevisionedStoreName> = Omit<Value<Name>, 'revision' | 'updatedAt'>;

export class RevisionedStore<Name extends RevisionedStoreName> {
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly database: ForestMapDatabase,
    private readonly storeName: Name,
    /** Identifies this tab in change notices. */
    readonly origin: string = crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGE_CHANNEL);
  }

  get(id: string): Promise<Value<Name> | undefined> {
    return this.database.get(this.storeName, id) as Promise<Value<Name> | undefined>;
  }

  list(): Promise<Value<Name>[]> {
    return this.database.getAll(this.storeName) as Promise<Value<Name>[]>;
  }

  /** Ids of every record, without reading the records (some are large). */
  keys(): Promise<string[]> {
    return this.database.getAllKeys(this.storeName) as Promise<string[]>;
  }

  /**
   * Writes a record. `basedOnRevision` is the revision the edit started from (0 for a new record).
   * @throws ConflictError when the stored revision differs.
   */
  async put(draft: Draft<Name>, basedOnRevision: number): Promise<Value<Name>> {
    const transaction = this.database.transaction(this.storeName, 'readwrite');
    const store = transaction.objectStore(this.storeName);
    const current = (await store.get(draft.id)) as Revisioned | undefined;
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== basedOnRevision) {
      transaction.abort();
      await transaction.done.catch(() => undefined);
      throw new ConflictError(this.storeName, draft.id, basedOnRevision, currentRevision);
    }
    const record = { ...draft, revision: currentRevision + 1, updatedAt: this.now().toISOString() } as Value<Name>;
    await store.put(record as never);
    await transaction.done;
    this.notify(record.id, record.revision);
    return record;
  }

  /** Removes a record for good (plots use a soft delete instead, so it can be undone). */
  async remove(id: string): Promise<void> {
    await this.database.delete(this.storeName, id);
    this.notify(id, -1);
  }

  /** Calls `listener` when another tab writes to this store. Returns an unsubscribe function. */
  onExternalChange(listener: (notice: ChangeNotice) => void): () => void {
    if (!this.channel) return () => undefined;
    const handler = (event: MessageEvent<ChangeNotice>) => {
      if (event.data.storeName === this.storeName && event.data.origin !== this.origin) listener(event.data);
    };
    this.channel.addEventListener('message', handler);
    return () => this.channel?.removeEventListener('message', handler);
  }

  close(): void {
    this.channel?.close();
  }

  private notify(id: string, revision: number): void {
    this.channel?.postMessage({ storeName: this.storeName, id, revision, origin: this.origin } satisfies ChangeNotice);
  }
}
