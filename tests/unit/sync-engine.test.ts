import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { Polygon } from 'geojson';
import { ApiClient, type FetchLike, type RemotePlot } from '../../src/lib/sync/api-client';
import { Outbox } from '../../src/lib/sync/outbox';
import { plotSync } from '../../src/lib/sync/plot-sync';
import { SyncEngine } from '../../src/lib/sync/sync-engine';
import { SYNC_ORIGIN_PREFIX } from '../../src/lib/sync/sync-kind';
import { PlotRepository } from '../../src/lib/state/plots/plot-repository';

const square = (offset: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[108.8 + offset, 28.8], [108.81 + offset, 28.8], [108.81 + offset, 28.81], [108.8 + offset, 28.81], [108.8 + offset, 28.8]]],
});
const attributes = { name: '桃花源1号地块', plotType: '人工造林', targetYear: 2024, notes: '杉木' };

/** /api/plots as the server answers it: revisions, 409 with the current record, soft delete. */
class FakePlotServer {
  readonly plots = new Map<string, RemotePlot>();
  offline = false;
  readonly log: string[] = [];

  readonly fetch: FetchLike = async (url, init) => {
    if (this.offline) throw new TypeError('Failed to fetch');
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    const path = url.replace(/^\/api\//, '').replace(/\?.*$/, '');
    this.log.push(`${method} ${path}${method === 'PUT' ? `@${String(body.revision)}` : ''}`);
    const [, id] = path.split('/');
    if (method === 'GET' && !id) return this.json(200, [...this.plots.values()]);
    if (method === 'GET') return this.plots.has(id!) ? this.json(200, this.plots.get(id!)) : this.json(404, { error: 'Not found' });
    if (method === 'POST') {
      const existing = this.plots.get(String(body.id));
      if (existing) return this.json(409, { error: 'Changed by someone else / 该记录已被他人修改', current: existing });
      return this.json(201, this.write(String(body.id), body, undefined, 'me'));
    }
    const before = this.plots.get(id!);
    if (!before) return this.json(404, { error: 'Not found' });
    if (before.revision !== body.revision) return this.json(409, { error: 'Changed by someone else / 该记录已被他人修改', current: before });
    return this.json(200, this.write(id!, body, before, 'me'));
  };

  write(id: string, body: Record<string, unknown>, before: RemotePlot | undefined, by: string): RemotePlot {
    const plot: RemotePlot = {
      id,
      name: String(body.name),
      plotType: String(body.plotType),
      targetYear: Number(body.targetYear),
      notes: String(body.notes),
      geometry: body.geometry as Polygon,
      bbox: [0, 0, 0, 0],
      areaSquareMetres: 1,
      deleted: Boolean(body.deleted ?? before?.deleted ?? false),
      createdAt: before?.createdAt ?? '2026-01-01T00:00:00.000Z',
      createdBy: before?.createdBy ?? by,
      updatedAt: '2026-01-02T00:00:00.000Z',
      updatedBy: by,
      revision: (before?.revision ?? 0) + 1,
    };
    this.plots.set(id, plot);
    return plot;
  }

  private json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }
}

let counter = 0;
const cleanups: (() => Promise<void> | void)[] = [];

async function setup() {
  const name = `sync-test-${++counter}`;
  const server = new FakePlotServer();
  const repository = await PlotRepository.open({ databaseName: name, origin: 'tab' });
  const syncCopy = await PlotRepository.open({ databaseName: name, origin: `${SYNC_ORIGIN_PREFIX}test` });
  const outbox = await Outbox.open(`${name}-sync`);
  const engine = new SyncEngine(new ApiClient('/api/', server.fetch), outbox, [plotSync(syncCopy)]);
  cleanups.push(async () => {
    engine.stop();
    repository.close();
    syncCopy.close();
    outbox.close();
    await deleteDB(name);
    await deleteDB(`${name}-sync`);
  });
  /** A local edit as the app makes it: written, then announced on the change channel. */
  const announce = (id: string, revision: number) => engine.localChange({ storeName: 'plots', id, revision, origin: 'tab' });
  return { name, server, repository, syncCopy, outbox, engine, announce };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('sync engine with plots', () => {
  it('pushes a new local plot and then its edit, each on the revision the server gave', async () => {
    const { server, repository, engine, announce, outbox } = await setup();
    const created = await repository.create(attributes, square(0), 'plot-1');
    await announce(created.id, created.revision);
    expect(server.plots.get('plot-1')).toMatchObject({ name: attributes.name, revision: 1 });
    const edited = await repository.update(created, { name: '改名' });
    await announce(edited.id, edited.revision);
    expect(server.plots.get('plot-1')).toMatchObject({ name: '改名', revision: 2 });
    expect(server.log).toEqual(['POST plots', 'PUT plots/plot-1@1']);
    expect(await outbox.count()).toBe(0);
    expect(engine.status.reachability).toBe('online');
  });

  it('keeps changes made offline, in order, one per record, and pushes them when the server answers', async () => {
    const { server, repository, engine, announce, outbox } = await setup();
    server.offline = true;
    const first = await repository.create(attributes, square(0), 'plot-a');
    await announce(first.id, first.revision);
    const second = await repository.create({ ...attributes, name: '第二块' }, square(0.1), 'plot-b');
    await announce(second.id, second.revision);
    const firstEdited = await repository.update(first, { notes: '离线修改' });
    await announce(firstEdited.id, firstEdited.revision);
    expect(engine.status.reachability).toBe('offline');
    expect((await outbox.entries()).map((entry) => entry.id)).toEqual(['plot-a', 'plot-b']);
    expect(server.plots.size).toBe(0);

    server.offline = false;
    await engine.flush();
    expect(server.log.filter((line) => !line.startsWith('GET'))).toEqual(['POST plots', 'POST plots']);
    expect(server.plots.get('plot-a')).toMatchObject({ notes: '离线修改', revision: 1 });
    expect(server.plots.get('plot-b')).toMatchObject({ name: '第二块' });
    expect(await outbox.count()).toBe(0);
    expect(engine.status.reachability).toBe('online');
  });

  it('shows a conflict with both versions, overwrites nothing, and pushes mine only when the user chooses it', async () => {
    const { server, repository, engine, announce } = await setup();
    const created = await repository.create(attributes, square(0), 'plot-c');
    await announce(created.id, created.revision);
    // Another user changes the plot on the server.
    server.write('plot-c', { ...server.plots.get('plot-c'), notes: '他人的备注' }, server.plots.get('plot-c'), 'other');
    const mine = await repository.update(created, { notes: '我的备注' });
    await announce(mine.id, mine.revision);

    const [problem] = engine.status.problems;
    expect(problem).toMatchObject({ reason: 'conflict', id: 'plot-c', mine: { notes: '我的备注' }, theirs: { notes: '他人的备注', revision: 2 } });
    expect(server.plots.get('plot-c')?.notes).toBe('他人的备注');
    const notes = engine.compare(problem!).find((row) => row.field === 'notes');
    expect(notes).toEqual({ field: 'notes', mine: '我的备注', theirs: '他人的备注', differs: true });
    expect(engine.compare(problem!).find((row) => row.field === 'name')?.differs).toBe(false);

    // A pull does not replace the local copy while the conflict waits.
    await engine.pull();
    expect((await repository.get('plot-c'))?.notes).toBe('我的备注');

    await engine.resolve(problem!, 'mine');
    expect(server.plots.get('plot-c')).toMatchObject({ notes: '我的备注', revision: 3 });
    expect(engine.status.problems).toEqual([]);
  });

  it('takes the server version into the local copy when the user chooses theirs', async () => {
    const { server, repository, engine, announce } = await setup();
    const created = await repository.create(attributes, square(0), 'plot-d');
    await announce(created.id, created.revision);
    server.write('plot-d', { ...server.plots.get('plot-d'), name: '他人改名' }, server.plots.get('plot-d'), 'other');
    const mine = await repository.update(created, { name: '我改名' });
    await announce(mine.id, mine.revision);
    const [problem] = engine.status.problems;
    await engine.resolve(problem!, 'theirs');
    expect((await repository.get('plot-d'))?.name).toBe('他人改名');
    expect(server.plots.get('plot-d')?.revision).toBe(2);
    expect(engine.status.problems).toEqual([]);
    expect(engine.status.pending).toBe(0);
  });

  it('a later local edit of a plot in conflict stays with the conflict instead of being pushed over theirs', async () => {
    const { server, repository, engine, announce } = await setup();
    const created = await repository.create(attributes, square(0), 'plot-e');
    await announce(created.id, created.revision);
    server.write('plot-e', { ...server.plots.get('plot-e'), notes: 'theirs' }, server.plots.get('plot-e'), 'other');
    const mine = await repository.update(created, { notes: 'mine 1' });
    await announce(mine.id, mine.revision);
    const again = await repository.update(mine, { notes: 'mine 2' });
    await announce(again.id, again.revision);
    expect(server.plots.get('plot-e')?.notes).toBe('theirs');
    expect(engine.status.problems[0]?.mine).toMatchObject({ notes: 'mine 2' });
    expect(engine.status.pending).toBe(0);
  });

  it('pulls other users\' plots into the local copy and tells the open plot list', async () => {
    const { server, repository, engine } = await setup();
    server.write('remote-1', { ...attributes, name: '他人的地块', geometry: square(0.2), notes: '' }, undefined, 'planner2');
    const notices: string[] = [];
    repository.subscribe((notice) => notices.push(notice.id));
    expect(await engine.pull()).toBe(true);
    expect((await repository.get('remote-1'))?.name).toBe('他人的地块');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notices).toEqual(['remote-1']);

    // A live event for a newer revision fetches the record.
    server.write('remote-1', { ...server.plots.get('remote-1'), name: '又改了' }, server.plots.get('remote-1'), 'planner2');
    await engine.remoteChange({ type: 'plots', id: 'remote-1', revision: 2 });
    expect((await repository.get('remote-1'))?.name).toBe('又改了');
    // Its own echo (a revision already known) fetches nothing.
    const requests = server.log.length;
    await engine.remoteChange({ type: 'plots', id: 'remote-1', revision: 2 });
    expect(server.log.length).toBe(requests);
  });

  it('uploads local-mode plots once, skipping those with the same id or the same name and shape', async () => {
    const { server, repository, engine } = await setup();
    server.write('same-id', { ...attributes, geometry: square(0.3) }, undefined, 'planner2');
    server.write('other-id', { ...attributes, name: '同名同形', geometry: square(0.4) }, undefined, 'planner2');
    await repository.create(attributes, square(0.3), 'same-id');
    await repository.create({ ...attributes, name: '同名同形' }, square(0.4), 'local-copy');
    await repository.create({ ...attributes, name: '只在本机' }, square(0.5), 'local-only');
    expect(await engine.uploadLocal()).toEqual({ uploaded: 1, duplicates: 2, failed: 0 });
    expect(server.plots.get('local-only')).toMatchObject({ name: '只在本机', revision: 1 });
    // Once: the uploaded plot is now known to the server.
    expect(await engine.uploadLocal()).toEqual({ uploaded: 0, duplicates: 2, failed: 0 });
  });

  it('an edit made while its push is in flight stays queued, based on the new revision', async () => {
    const { outbox } = await setup();
    await outbox.enqueue('plots', 'p', { name: 'one' });
    const inFlight = (await outbox.first())!;
    await outbox.enqueue('plots', 'p', { name: 'two' });
    await outbox.complete(inFlight, 1);
    const [left] = await outbox.entries();
    expect(left).toMatchObject({ id: 'p', payload: { name: 'two' }, baseRevision: 1 });
  });

  it('a refusal (403) keeps my version and moves on to the next change', async () => {
    const { server, repository, syncCopy, outbox } = await setup();
    const forbidding: FetchLike = async (url, init) =>
      init?.method === 'POST' && String(init.body).includes('禁止')
        ? new Response(JSON.stringify({ error: 'Not allowed for your role / 您的角色无权执行此操作' }), { status: 403 })
        : server.fetch(url, init);
    const guarded = new SyncEngine(new ApiClient('/api/', forbidding), outbox, [plotSync(syncCopy)]);
    const refused = await repository.create({ ...attributes, name: '禁止' }, square(0), 'refused');
    await guarded.localChange({ storeName: 'plots', id: refused.id, revision: 1, origin: 'tab' });
    const allowed = await repository.create(attributes, square(0.1), 'allowed');
    await guarded.localChange({ storeName: 'plots', id: allowed.id, revision: 1, origin: 'tab' });
    expect(guarded.status.problems).toMatchObject([{ reason: 'refused', id: 'refused', mine: { name: '禁止' } }]);
    expect(server.plots.has('allowed')).toBe(true);
    expect((await repository.get('refused'))?.name).toBe('禁止');
    guarded.stop();
  });
});
