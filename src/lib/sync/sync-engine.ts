/**
 * Offline-first sync: local writes (announced by the app's stores on their change channel) go
 * into the outbox and are pushed in order whenever the server answers; a push on an old revision
 * (409) becomes a conflict the user resolves, a refusal (403/400) a problem the user sees — the
 * local copy is never touched by either. Pulls (at sign-in, on reconnect, and per live event)
 * write the server's records into the local copy, except records with a change waiting.
 *
 * Plain TypeScript: the workspace state (workspace-state.svelte.ts) mirrors its status into runes;
 * tests drive it with fake-indexeddb and a fake API.
 */
import { ApiError, type ApiClient } from './api-client';
import { recordKey, type Outbox, type OutboxEntry, type RecordKey, type SyncProblem, type SyncType } from './outbox';
import { SYNC_ORIGIN_PREFIX, type SyncKind } from './sync-kind';

export type Reachability = 'online' | 'offline' | 'signed-out';

export interface SyncStatus {
  readonly reachability: Reachability;
  readonly pending: number;
  readonly problems: readonly SyncProblem[];
  /** Set while a push or pull runs. */
  readonly busy: boolean;
}

export interface FieldComparison {
  readonly field: string;
  readonly mine: unknown;
  readonly theirs: unknown;
  readonly differs: boolean;
}

export interface UploadReport {
  readonly uploaded: number;
  readonly duplicates: number;
  readonly failed: number;
}

/**
 * Runs `work` while holding the browser-wide lock `name` (the Web Locks API), so that two tabs of
 * one browser — which share the outbox — never push the same entries twice. Injected for tests.
 */
export type PushLock = <T>(name: string, work: () => Promise<T>) => Promise<T>;

export const PUSH_LOCK_NAME = 'youyang-sync-push';

/** navigator.locks where the browser has it; without it (old browsers, Node) one tab is all there is. */
export function webPushLock(): PushLock {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return (_name, work) => work();
  return <T>(name: string, work: () => Promise<T>) => locks.request(name, () => work()) as Promise<T>;
}

/** What the app's stores post on their BroadcastChannel (see revisioned-store.ts). */
interface ChangeNotice {
  readonly storeName: string;
  readonly id: string;
  readonly revision: number;
  readonly origin: string;
}

export class SyncEngine {
  private readonly kinds = new Map<SyncType, SyncKind>();
  private reachability: Reachability = 'online';
  private flushing: Promise<void> | null = null;
  private busyCount = 0;
  private stopped = false;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private lastStatus: SyncStatus = { reachability: 'online', pending: 0, problems: [], busy: false };
  /** Local edits being queued (awaited by flush so that a push never overtakes its edit). */
  private readonly queuing = new Set<Promise<void>>();

  constructor(
    private readonly api: ApiClient,
    private readonly outbox: Outbox,
    kinds: readonly SyncKind[],
    private readonly lock: PushLock = webPushLock(),
  ) {
    for (const kind of kinds) this.kinds.set(kind.type, kind);
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.lastStatus);
    return () => this.listeners.delete(listener);
  }

  get status(): SyncStatus {
    return this.lastStatus;
  }

  /**
   * A local store announced a write: queue the record's new state. Writes made by the sync itself
   * are not sent back.
   */
  localChange(notice: ChangeNotice): Promise<void> {
    if (this.stopped || notice.origin.startsWith(SYNC_ORIGIN_PREFIX)) return Promise.resolve();
    const kind = [...this.kinds.values()].find((candidate) => candidate.storeName === notice.storeName);
    if (!kind) return Promise.resolve();
    const queued = (async () => {
      if (kind.recordsOfNotice) {
        const ids = await kind.recordsOfNotice(notice.id);
        if (ids === null) return;
        await this.queueAggregate(kind, ids);
      } else {
        const payload = await kind.readLocal(notice.id);
        if (payload === undefined) return;
        await this.outbox.enqueue(kind.type, notice.id, payload);
      }
      await this.publish();
    })();
    this.queuing.add(queued);
    void queued.finally(() => this.queuing.delete(queued)).catch(() => undefined);
    return queued.then(() => this.flush());
  }

  /**
   * Pushes every waiting change, oldest first, until the outbox is empty or the server cannot be
   * reached (then they wait for the next flush). One flush at a time.
   */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.flushing ??= this.pushAll().finally(() => {
      this.flushing = null;
      void this.publish();
    });
    return this.flushing;
  }

  /** Reads every kind's records from the server into the local copy; returns false when unreachable. */
  async pull(): Promise<boolean> {
    return this.busy(async () => {
      try {
        for (const kind of this.kinds.values()) {
          for (const remote of await kind.list(this.api)) await this.receive(kind, remote);
        }
        this.setReachability('online');
        return true;
      } catch (error) {
        this.noteFailure(error);
        return false;
      }
    });
  }

  /** A live event: another user (or this one elsewhere) changed a record. */
  async remoteChange(event: { readonly type: string; readonly id: string; readonly revision: number | null }): Promise<void> {
    const kind = this.kinds.get(event.type as SyncType);
    if (!kind) return;
    const known = await this.outbox.knownRevision(kind.type, event.id);
    if (event.revision !== null && known !== undefined && known >= event.revision) return;
    try {
      const remote = await kind.fetchOne(this.api, event.id);
      if (remote) await this.receive(kind, remote);
    } catch (error) {
      this.noteFailure(error);
    }
  }

  /** The user chose a side of a conflict (or dismissed a refusal). */
  async resolve(problem: SyncProblem, choice: 'mine' | 'theirs'): Promise<void> {
    const kind = this.kinds.get(problem.type);
    const theirs = problem.theirs as { revision?: number } | null;
    const theirsRevision = typeof theirs?.revision === 'number' ? theirs.revision : null;
    if (choice === 'theirs' && kind && theirs && theirsRevision !== null) await kind.applyRemote(theirs as never);
    const theirsPayload = kind?.recordsOfNotice && theirs && theirsRevision !== null ? kind.payloadOf(theirs as never) : undefined;
    await this.outbox.resolve(problem.key, choice, theirsRevision, theirsPayload);
    await this.publish();
    if (choice === 'mine') await this.flush();
  }

  /**
   * Uploads records made in local mode: every local record the server has never seen, unless the
   * server has one with the same id or the same content (a duplicate: skipped and counted).
   */
  async uploadLocal(): Promise<UploadReport> {
    const queued: RecordKey[] = [];
    let duplicates = 0;
    let failed = 0;
    for (const kind of this.kinds.values()) {
      const remote = await kind.list(this.api);
      const remoteIds = new Set(remote.map((record) => kind.idOf(record)));
      const remotePayloads = remote.map((record) => kind.payloadOf(record));
      for (const id of await kind.localIds()) {
        if ((await this.outbox.knownRevision(kind.type, id)) !== undefined || (await this.outbox.isBusy(kind.type, id))) continue;
        const payload = await kind.readLocal(id);
        if (payload === undefined || (payload as { deleted?: boolean }).deleted) continue;
        if (remoteIds.has(id) || remotePayloads.some((other) => kind.sameContent(payload, other))) {
          duplicates++;
          continue;
        }
        try {
          await this.outbox.enqueue(kind.type, id, payload);
          queued.push(recordKey(kind.type, id));
        } catch {
          failed++;
        }
      }
    }
    await this.publish();
    await this.flush();
    // Uploads the server refused stay listed with the problems (nothing is lost) and count as failed.
    const problems = new Set((await this.outbox.problems()).map((problem) => problem.key));
    const refused = queued.filter((key) => problems.has(key)).length;
    return { uploaded: queued.length - refused, duplicates, failed: failed + refused };
  }

  /** The problem's two versions field by field (the server's record in the same shape as mine). */
  compare(problem: SyncProblem): FieldComparison[] {
    const kind = this.kinds.get(problem.type);
    const mine = (problem.mine ?? {}) as Record<string, unknown>;
    const theirs = (problem.theirs && kind ? kind.payloadOf(problem.theirs as never) : {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])];
    return fields.map((field) => ({ field, mine: mine[field], theirs: theirs[field], differs: stableJson(mine[field]) !== stableJson(theirs[field]) }));
  }

  setOffline(): void {
    this.setReachability('offline');
  }

  stop(): void {
    this.stopped = true;
    this.listeners.clear();
  }

  // ——— inside ———

  /**
   * A kind whose local store keeps many records in one (the facility list): every record whose
   * state differs from what the server last had is queued; one gone from the list is a deletion.
   */
  private async queueAggregate(kind: SyncKind, ids: readonly string[]): Promise<void> {
    const synced = await this.outbox.syncedPayloads(kind.type);
    for (const id of new Set([...ids, ...synced.keys()])) {
      const last = synced.get(id) as { deleted?: boolean } | undefined;
      let payload = await kind.readLocal(id);
      if (payload === undefined) {
        if (!last || last.deleted) continue;
        payload = { ...last, deleted: true };
      }
      if (last !== undefined && isSameRecord(payload, last) && !(await this.outbox.isBusy(kind.type, id))) continue;
      await this.outbox.enqueue(kind.type, id, payload);
    }
  }

  private async pushAll(): Promise<void> {
    await Promise.allSettled([...this.queuing]);
    // Another tab of this browser may be pushing the same outbox: one pusher at a time, and each
    // reads the outbox afresh once it holds the lock, so an entry is never sent twice.
    await this.busy(() => this.lock(PUSH_LOCK_NAME, () => this.pushEntries()));
  }

  private async pushEntries(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const entry = await this.outbox.first();
      if (!entry) return;
      const kind = this.kinds.get(entry.type);
      if (!kind) {
        await this.outbox.fail(entry, 'refused', `unknown record type ${entry.type}`, null);
        continue;
      }
      try {
        const result = await kind.push(this.api, entry.id, entry.payload, entry.baseRevision);
        await this.outbox.complete(entry, result.revision, kind.recordsOfNotice ? entry.payload : undefined);
        this.setReachability('online');
      } catch (error) {
        if (!(await this.handlePushError(kind, entry, error))) return;
      }
      await this.publish();
    }
  }

  /** True when pushing may go on with the next entry. */
  private async handlePushError(kind: SyncKind, entry: OutboxEntry, error: unknown): Promise<boolean> {
    if (!(error instanceof ApiError) || error.kind === 'offline' || error.kind === 'server' || error.kind === 'too-many') {
      this.noteFailure(error);
      return false;
    }
    if (error.kind === 'signed-out') {
      this.setReachability('signed-out');
      return false;
    }
    if (error.kind === 'conflict') {
      const theirs = error.current as { revision?: number } | undefined;
      // The same change reached the server before (its answer was lost): nothing to decide.
      if (theirs && typeof theirs.revision === 'number' && kind.sameContent(entry.payload, kind.payloadOf(theirs as never)) && isSameRecord(entry.payload, kind.payloadOf(theirs as never))) {
        await this.outbox.complete(entry, theirs.revision, kind.recordsOfNotice ? entry.payload : undefined);
        return true;
      }
      await this.outbox.fail(entry, 'conflict', error.message, error.current ?? null);
      return true;
    }
    // forbidden, invalid, not-found: the server will not take it as it is.
    await this.outbox.fail(entry, 'refused', error.message, null);
    return true;
  }

  private async receive(kind: SyncKind, remote: { readonly revision: number }): Promise<void> {
    const id = kind.idOf(remote);
    if (await this.outbox.isBusy(kind.type, id)) return;
    const known = await this.outbox.knownRevision(kind.type, id);
    if (known !== undefined && known >= remote.revision) return;
    await kind.applyRemote(remote);
    await this.outbox.setKnownRevision(kind.type, id, remote.revision, kind.recordsOfNotice ? kind.payloadOf(remote) : undefined);
  }

  private noteFailure(error: unknown): void {
    if (error instanceof ApiError && error.kind === 'signed-out') this.setReachability('signed-out');
    else if (error instanceof ApiError && error.kind !== 'offline' && error.kind !== 'server') return;
    else this.setReachability('offline');
  }

  private setReachability(reachability: Reachability): void {
    if (this.reachability === reachability) return;
    this.reachability = reachability;
    void this.publish();
  }

  private async busy<T>(work: () => Promise<T>): Promise<T> {
    this.busyCount++;
    try {
      return await work();
    } finally {
      this.busyCount--;
    }
  }

  private async publish(): Promise<void> {
    if (this.stopped) return;
    const [pending, problems] = await Promise.all([this.outbox.count(), this.outbox.problems()]);
    this.lastStatus = { reachability: this.reachability, pending, problems, busy: this.busyCount > 0 };
    for (const listener of this.listeners) listener(this.lastStatus);
  }
}

/** Every field equal (JSON), geometry to ~1 cm. */
function isSameRecord(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'number') return Math.round(inner * 1e7) / 1e7;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([left], [right]) => left.localeCompare(right)));
    }
    return inner;
  });
}

export { recordKey, type RecordKey };
