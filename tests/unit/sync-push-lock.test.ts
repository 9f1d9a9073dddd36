import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { ApiClient, type FetchLike } from '../../src/lib/sync/api-client';
import { Outbox } from '../../src/lib/sync/outbox';
import { PUSH_LOCK_NAME, SyncEngine, webPushLock, type PushLock } from '../../src/lib/sync/sync-engine';
import type { SyncKind } from '../../src/lib/sync/sync-kind';

/** The Web Locks API's exclusive lock, as one browser's tabs share it: a queue per name. */
function fakeLocks(): PushLock & { readonly held: string[] } {
  const queues = new Map<string, Promise<unknown>>();
  const held: string[] = [];
  const lock = (<T>(name: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(name) ?? Promise.resolve();
    const run = previous.then(async () => {
      held.push(name);
      return work();
    });
    queues.set(name, run.catch(() => undefined));
    return run;
  }) as PushLock & { held: string[] };
  lock.held = held;
  return lock;
}

/** A server whose answers take a while (so two tabs' pushes overlap) and that counts every write. */
function slowServer() {
  const writes: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    if ((init?.method ?? 'GET') !== 'GET') writes.push(`${init?.method} ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return new Response(JSON.stringify({ revision: 1 }), { status: 200 });
  };
  return { writes, fetch };
}

/** A record kind that pushes every entry as one PUT. */
const notes: SyncKind = {
  type: 'plots',
  storeName: 'notes',
  idOf: () => '',
  list: async () => [],
  fetchOne: async () => undefined,
  readLocal: async () => undefined,
  localIds: async () => [],
  applyRemote: async () => undefined,
  push: (api, id, payload) => api.request('PUT', `notes/${id}`, payload),
  payloadOf: (remote) => remote,
  sameContent: () => false,
};

const cleanups: (() => Promise<void> | void)[] = [];
let counter = 0;

/** Two tabs of one browser: one outbox database, two engines. */
async function twoTabs(lock: PushLock) {
  const name = `sync-lock-${++counter}`;
  const server = slowServer();
  const outboxes = [await Outbox.open(name), await Outbox.open(name)];
  const engines = outboxes.map((outbox) => new SyncEngine(new ApiClient('/api/', server.fetch), outbox, [notes], lock));
  cleanups.push(async () => {
    for (const engine of engines) engine.stop();
    for (const outbox of outboxes) outbox.close();
    await deleteDB(name);
  });
  for (const id of ['a', 'b', 'c']) await outboxes[0]!.enqueue('plots', id, { id });
  return { server, engines, outbox: outboxes[0]! };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('push lock between tabs', () => {
  it('two tabs flushing the same outbox at once push each entry once', async () => {
    const lock = fakeLocks();
    const { server, engines, outbox } = await twoTabs(lock);
    await Promise.all(engines.map((engine) => engine.flush()));
    expect(server.writes).toEqual(['PUT /api/notes/a', 'PUT /api/notes/b', 'PUT /api/notes/c']);
    expect(await outbox.count()).toBe(0);
    expect(lock.held).toEqual([PUSH_LOCK_NAME, PUSH_LOCK_NAME]);
  });

  it('without a browser lock manager, pushing still works in the one tab there is', async () => {
    const { server, engines } = await twoTabs(webPushLock());
    await engines[0]!.flush();
    expect(server.writes).toHaveLength(3);
  });
});
