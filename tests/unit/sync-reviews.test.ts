import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { ApiClient, type FetchLike, type RemoteReview } from '../../src/lib/sync/api-client';
import { Outbox } from '../../src/lib/sync/outbox';
import { reviewSync } from '../../src/lib/sync/review-sync';
import { SyncEngine } from '../../src/lib/sync/sync-engine';
import { SYNC_ORIGIN_PREFIX } from '../../src/lib/sync/sync-kind';
import { ReviewRepository } from '../../src/lib/state/fire/review-store';

/** /api/reviews as the server answers it: revision 0 for an unreviewed zone, 409 with the current review. */
class FakeReviewServer {
  readonly reviews = new Map<string, RemoteReview>();

  readonly fetch: FetchLike = async (url, init) => {
    const method = init?.method ?? 'GET';
    const zoneId = decodeURIComponent(url.replace(/^\/api\/reviews\/?/, ''));
    const current = this.reviews.get(zoneId) ?? this.unreviewed(zoneId);
    if (method === 'GET' && !zoneId) return this.json(200, [...this.reviews.values()]);
    if (method === 'GET') return this.json(200, { review: current, history: [], reports: [] });
    const body = JSON.parse(String(init?.body)) as RemoteReview & { revision: number };
    if (body.revision !== current.revision) return this.json(409, { error: 'Changed by someone else / 该记录已被他人修改', current });
    const next: RemoteReview = { ...current, ...body, zoneId, revision: current.revision + 1, updatedBy: body.reviewer, updatedAt: '2026-01-01T00:00:00.000Z' };
    this.reviews.set(zoneId, next);
    return this.json(200, next);
  };

  private unreviewed(zoneId: string): RemoteReview {
    return { zoneId, status: '未审核', reviewer: '', reviewDate: '', notes: '', actions: [], deadline: null, returnReason: '', updatedAt: '', updatedBy: '', revision: 0 };
  }

  private json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
let counter = 0;

/** One fire officer's browser: the app's review repository, the sync's copy, an outbox and the engine. */
async function officer(server: FakeReviewServer) {
  const name = `sync-reviews-${++counter}`;
  const reviews = await ReviewRepository.open({ databaseName: name, origin: 'tab' });
  const syncCopy = await ReviewRepository.open({ databaseName: name, origin: `${SYNC_ORIGIN_PREFIX}${name}` });
  const outbox = await Outbox.open(`${name}-sync`);
  const engine = new SyncEngine(new ApiClient('/api/', server.fetch), outbox, [reviewSync(syncCopy)]);
  cleanups.push(async () => {
    engine.stop();
    reviews.close();
    syncCopy.close();
    outbox.close();
    await deleteDB(name);
    await deleteDB(`${name}-sync`);
  });
  const save = async (zoneId: string, changes: Partial<{ notes: string; status: '已审核' | '未审核'; reviewer: string }>) => {
    const before = await reviews.get(zoneId);
    const draft = { status: '未审核' as const, reviewer: '', reviewDate: '2026-03-01', notes: '', actions: [] as string[], ...(before ?? {}), ...changes };
    const saved = await reviews.save(zoneId, { status: draft.status as '未审核', reviewer: draft.reviewer, reviewDate: draft.reviewDate, notes: draft.notes, actions: [...draft.actions] }, before);
    await engine.localChange({ storeName: 'reviews', id: zoneId, revision: saved?.revision ?? 0, origin: 'tab' });
  };
  return { reviews, engine, save };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('review sync between two fire officers', () => {
  it('the second officer to save the same review sees the conflict and loses nothing', async () => {
    const server = new FakeReviewServer();
    const first = await officer(server);
    const second = await officer(server);

    await first.save('FZ-001', { reviewer: '王科长', status: '已审核', notes: '已巡查' });
    expect(server.reviews.get('FZ-001')).toMatchObject({ revision: 1, notes: '已巡查' });
    await second.engine.pull();
    expect((await second.reviews.get('FZ-001'))?.notes).toBe('已巡查');

    await first.save('FZ-001', { notes: '第一位的修改' });
    await second.save('FZ-001', { reviewer: '李干事', notes: '第二位的修改' });

    expect(server.reviews.get('FZ-001')).toMatchObject({ revision: 2, notes: '第一位的修改' });
    const [problem] = second.engine.status.problems;
    expect(problem).toMatchObject({ reason: 'conflict', type: 'reviews', id: 'FZ-001' });
    const rows = second.engine.compare(problem!);
    expect(rows.find((row) => row.field === 'notes')).toEqual({ field: 'notes', mine: '第二位的修改', theirs: '第一位的修改', differs: true });
    expect(rows.find((row) => row.field === 'reviewer')).toMatchObject({ mine: '李干事', theirs: '王科长', differs: true });
    // Nothing lost: the second officer's review is still the local one.
    expect((await second.reviews.get('FZ-001'))?.notes).toBe('第二位的修改');

    await second.engine.resolve(problem!, 'mine');
    expect(server.reviews.get('FZ-001')).toMatchObject({ revision: 3, notes: '第二位的修改', reviewer: '李干事' });
    // The first officer reads it on the next live event.
    await first.engine.remoteChange({ type: 'reviews', id: 'FZ-001', revision: 3 });
    expect((await first.reviews.get('FZ-001'))?.notes).toBe('第二位的修改');
    // The local history shows the step.
    expect((await first.reviews.history('FZ-001')).length).toBeGreaterThanOrEqual(3);
  });
});
