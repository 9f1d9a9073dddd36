/**
 * The sync's own IndexedDB database ('youyang-sync', apart from the app's records so that the
 * local-only app never changes): the outbox of changes waiting for the server, in order, each with
 * the server revision it was made on; the server revision last seen per record; and the conflicts
 * (and refusals) waiting for the user's choice. Nothing leaves the outbox unless the server took
 * it or it was moved, whole, to the conflicts.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { openAppDatabase } from '../state/persistence/database';

export const SYNC_DATABASE_NAME = 'youyang-sync';
const SYNC_DATABASE_VERSION = 1;

export type SyncType = 'plots' | 'reviews' | 'facilities';

/** `type/id`: one record on the server. */
export type RecordKey = `${SyncType}/${string}`;

export function recordKey(type: SyncType, id: string): RecordKey {
  return `${type}/${id}`;
}

export interface OutboxEntry {
  readonly seq?: number;
  readonly key: RecordKey;
  readonly type: SyncType;
  readonly id: string;
  /** The record's fields as the user left them (the whole record: a later edit replaces it). */
  readonly payload: unknown;
  /** The server revision the change was made on; 0 for a record the server does not have. */
  readonly baseRevision: number;
  /** Raised by every edit merged into this entry, so a push in flight knows it was overtaken. */
  readonly version: number;
  readonly queuedAt: string;
}

export interface SyncProblem {
  readonly key: RecordKey;
  readonly type: SyncType;
  readonly id: string;
  /** 'conflict': changed on the server since; 'refused': the server said no (role, validation). */
  readonly reason: 'conflict' | 'refused';
  /** This device's version (kept until the user chooses). */
  readonly mine: unknown;
  /** For a conflict: the server's current record. */
  readonly theirs: unknown;
  /** The server's message (zh / en). */
  readonly message: string;
  readonly at: string;
}

interface KnownRevision {
  readonly key: RecordKey;
  readonly revision: number;
  /**
   * The record as the server has it at that revision, kept for kinds stored many to one local
   * record (facilities), whose local edits are found by comparing with it.
   */
  readonly payload?: unknown;
}

function known(key: RecordKey, revision: number, payload: unknown): KnownRevision {
  return payload === undefined ? { key, revision } : { key, revision, payload };
}

interface SyncSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { byKey: string } };
  revisions: { key: string; value: KnownRevision };
  problems: { key: string; value: SyncProblem };
}

export class Outbox {
  private constructor(
    private readonly database: IDBPDatabase<SyncSchema>,
    private readonly now: () => Date,
  ) {}

  static async open(name = SYNC_DATABASE_NAME, now: () => Date = () => new Date()): Promise<Outbox> {
    // The app's one way of opening IndexedDB: closes for another tab's upgrade, reports a blocked one.
    const database = await openAppDatabase<SyncSchema>(name, SYNC_DATABASE_VERSION, (db, oldVersion) => {
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('byKey', 'key');
        db.createObjectStore('revisions', { keyPath: 'key' });
        db.createObjectStore('problems', { keyPath: 'key' });
      }
    });
    return new Outbox(database, now);
  }

  /**
   * Queues the record's new state. A change to a record already waiting replaces the waiting one
   * (same base revision: the server sees one change); a record in conflict keeps the new state as
   * "mine" in the conflict, so nothing is pushed over the other version before the user chooses.
   */
  async enqueue(type: SyncType, id: string, payload: unknown): Promise<void> {
    const key = recordKey(type, id);
    const transaction = this.database.transaction(['outbox', 'revisions', 'problems'], 'readwrite');
    const problem = await transaction.objectStore('problems').get(key);
    if (problem?.reason === 'conflict') {
      await transaction.objectStore('problems').put({ ...problem, mine: payload });
    } else {
      const outbox = transaction.objectStore('outbox');
      const waiting = await outbox.index('byKey').get(key);
      if (waiting) {
        await outbox.put({ ...waiting, payload, version: waiting.version + 1 });
      } else {
        const known = await transaction.objectStore('revisions').get(key);
        await outbox.add({ key, type, id, payload, baseRevision: known?.revision ?? 0, version: 1, queuedAt: this.now().toISOString() });
      }
      // A refused change is superseded by the newer one.
      if (problem) await transaction.objectStore('problems').delete(key);
    }
    await transaction.done;
  }

  /** The oldest waiting change. */
  async first(): Promise<OutboxEntry | undefined> {
    const cursor = await this.database.transaction('outbox').store.openCursor();
    return cursor?.value;
  }

  entries(): Promise<OutboxEntry[]> {
    return this.database.getAll('outbox');
  }

  count(): Promise<number> {
    return this.database.count('outbox');
  }

  /**
   * The server took `entry` and is now at `revision`. The entry leaves the outbox unless it was
   * edited meanwhile: then it stays, based on the new revision. `payload`: what the server now has
   * (kept for facilities, see KnownRevision).
   */
  async complete(entry: OutboxEntry, revision: number, payload?: unknown): Promise<void> {
    const transaction = this.database.transaction(['outbox', 'revisions'], 'readwrite');
    const outbox = transaction.objectStore('outbox');
    const stored = entry.seq === undefined ? undefined : await outbox.get(entry.seq);
    if (stored && stored.version === entry.version) await outbox.delete(entry.seq!);
    else if (stored) await outbox.put({ ...stored, baseRevision: revision });
    await transaction.objectStore('revisions').put(known(entry.key, revision, payload));
    await transaction.done;
  }

  /** Moves the entry (with its latest payload) to the problems, for the user to decide. */
  async fail(entry: OutboxEntry, reason: SyncProblem['reason'], message: string, theirs: unknown): Promise<void> {
    const transaction = this.database.transaction(['outbox', 'problems'], 'readwrite');
    const outbox = transaction.objectStore('outbox');
    const stored = entry.seq === undefined ? undefined : await outbox.get(entry.seq);
    const latest = stored ?? entry;
    if (stored) await outbox.delete(stored.seq!);
    await transaction.objectStore('problems').put({
      key: entry.key,
      type: entry.type,
      id: entry.id,
      reason,
      mine: latest.payload,
      theirs,
      message,
      at: this.now().toISOString(),
    });
    await transaction.done;
  }

  problems(): Promise<SyncProblem[]> {
    return this.database.getAll('problems');
  }

  /**
   * The user chose. 'mine': queued again on the server's current revision (so it is written over
   * theirs knowingly); 'theirs' (or dismissing a refusal): the problem is dropped.
   */
  async resolve(key: RecordKey, choice: 'mine' | 'theirs', theirsRevision: number | null, theirsPayload?: unknown): Promise<void> {
    const transaction = this.database.transaction(['outbox', 'revisions', 'problems'], 'readwrite');
    const problem = await transaction.objectStore('problems').get(key);
    if (problem) {
      await transaction.objectStore('problems').delete(key);
      if (theirsRevision !== null) await transaction.objectStore('revisions').put(known(key, theirsRevision, theirsPayload));
      if (choice === 'mine') {
        await transaction.objectStore('outbox').add({
          key,
          type: problem.type,
          id: problem.id,
          payload: problem.mine,
          baseRevision: theirsRevision ?? 0,
          version: 1,
          queuedAt: this.now().toISOString(),
        });
      }
    }
    await transaction.done;
  }

  /** Whether the record has a change waiting or a problem (then the server's copy must not replace the local one). */
  async isBusy(type: SyncType, id: string): Promise<boolean> {
    const key = recordKey(type, id);
    const transaction = this.database.transaction(['outbox', 'problems']);
    const [waiting, problem] = await Promise.all([transaction.objectStore('outbox').index('byKey').count(key), transaction.objectStore('problems').count(key)]);
    return waiting + problem > 0;
  }

  async knownRevision(type: SyncType, id: string): Promise<number | undefined> {
    return (await this.database.get('revisions', recordKey(type, id)))?.revision;
  }

  async setKnownRevision(type: SyncType, id: string, revision: number, payload?: unknown): Promise<void> {
    await this.database.put('revisions', known(recordKey(type, id), revision, payload));
  }

  /** Per record id of one type: the payload the server last had (where it was kept, see KnownRevision). */
  async syncedPayloads(type: SyncType): Promise<Map<string, unknown>> {
    const prefix = `${type}/`;
    const rows = await this.database.getAll('revisions', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    return new Map(rows.filter((row) => row.payload !== undefined).map((row) => [row.key.slice(prefix.length), row.payload]));
  }

  close(): void {
    this.database.close();
  }
}
