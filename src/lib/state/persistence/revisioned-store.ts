/**
 * The IndexedDB implementation of Repository (repository.ts) over one store of the app's
 * database: every write names the revision it was based on; if another tab wrote in between, the
 * write is refused with a ConflictError carrying the newer revision, and nothing is lost. Other
 * tabs are told of each write over a BroadcastChannel (ChangeNotice), and follow it.
 */
import type { ForestMapDatabase, ForestMapSchema, Revisioned, RevisionedStoreName } from './database';
import { ConflictError, type Draft, type RecordChange, type Repository } from './repository';

export { ConflictError };

/** A change as it travels between tabs: the RecordChange plus the store it belongs to. */
export interface ChangeNotice extends RecordChange {
  readonly storeName: RevisionedStoreName;
}

export const CHANGE_CHANNEL = 'youyang-forest-map-changes';

type Value<Name extends RevisionedStoreName> = ForestMapSchema[Name]['value'];

/** Opens the cross-tab change channel (null where the browser or test runtime has none). */
export function openChangeChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGE_CHANNEL);
}

/** Calls `listener` for notices of one store not sent by `origin`. Returns an unsubscribe function. */
export function followChanges(
  channel: BroadcastChannel | null,
  storeName: RevisionedStoreName,
  origin: string,
  listener: (notice: ChangeNotice) => void,
): () => void {
  if (!channel) return () => undefined;
  const handler = (event: MessageEvent<ChangeNotice>) => {
    if (event.data.storeName === storeName && event.data.origin !== origin) listener(event.data);
  };
  channel.addEventListener('message', handler);
  return () => channel.removeEventListener('message', handler);
}

export class RevisionedStore<Name extends RevisionedStoreName> implements Repository<Value<Name>> {
  private readonly channel = openChangeChannel();

  constructor(
    private readonly database: ForestMapDatabase,
    private readonly storeName: Name,
    /** Identifies this tab in change notices. */
    readonly origin: string = crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  get name(): Name {
    return this.storeName;
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
  async put(draft: Draft<Value<Name>>, basedOnRevision: number): Promise<Value<Name>> {
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

  /**
   * Writes records that do not exist yet (a layer's feature chunks) in one transaction, all or
   * nothing: one commit instead of a round trip per record. `perTask` records are handed to
   * IndexedDB at a time (each hand-over clones them on the page), the next ones when those are in.
   * @throws ConflictError when one of them exists already (nothing is written).
   */
  async putAllNew(drafts: readonly Draft<Value<Name>>[], perTask = drafts.length): Promise<Value<Name>[]> {
    const transaction = this.database.transaction(this.storeName, 'readwrite');
    const store = transaction.objectStore(this.storeName);
    const done = transaction.done;
    done.catch(() => undefined); // awaited below; an abort is reported through the failed add
    const updatedAt = this.now().toISOString();
    const records = drafts.map((draft) => ({ ...draft, revision: 1, updatedAt }) as Value<Name>);
    const batch = Math.max(1, perTask);
    let taken: string | undefined;
    try {
      for (let start = 0; start < records.length; start += batch) {
        // add() refuses an existing key, which aborts the whole transaction. Awaiting only
        // IndexedDB's own requests keeps the transaction open for the next batch.
        await Promise.all(
          records.slice(start, start + batch).map((record) =>
            store.add(record as never).catch((error: unknown) => {
              if (error instanceof DOMException && error.name === 'ConstraintError') taken ??= record.id;
              throw error;
            }),
          ),
        );
      }
      await done;
    } catch (error) {
      try {
        transaction.abort();
      } catch {
        // already aborted by the failed add
      }
      if (taken === undefined) throw error;
      const current = (await this.database.get(this.storeName, taken)) as Revisioned | undefined;
      throw new ConflictError(this.storeName, taken, 0, current?.revision ?? 0);
    }
    for (const record of records) this.notify(record.id, record.revision);
    return records;
  }

  /**
   * Removes a record for good (plots use a soft delete instead, so it can be undone).
   * @throws ConflictError when `expectedRevision` is given and the stored revision differs.
   */
  async remove(id: string, expectedRevision?: number): Promise<void> {
    if (expectedRevision === undefined) await this.database.delete(this.storeName, id);
    else {
      const transaction = this.database.transaction(this.storeName, 'readwrite');
      const store = transaction.objectStore(this.storeName);
      const currentRevision = ((await store.get(id)) as Revisioned | undefined)?.revision ?? 0;
      if (currentRevision !== expectedRevision) {
        transaction.abort();
        await transaction.done.catch(() => undefined);
        throw new ConflictError(this.storeName, id, expectedRevision, currentRevision);
      }
      await store.delete(id);
      await transaction.done;
    }
    this.notify(id, -1);
  }

  /** Calls `listener` when another tab writes to this store. Returns an unsubscribe function. */
  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    return followChanges(this.channel, this.storeName, this.origin, listener);
  }

  /** The earlier name of subscribe. */
  onExternalChange(listener: (notice: ChangeNotice) => void): () => void {
    return this.subscribe(listener);
  }

  close(): void {
    this.channel?.close();
  }

  /** Tells other tabs of a write made outside put/remove (e.g. in a transaction spanning stores). */
  notify(id: string, revision: number): void {
    this.channel?.postMessage({ storeName: this.storeName, id, revision, origin: this.origin } satisfies ChangeNotice);
  }
}
