import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openForestMapDatabase } from '../../src/lib/state/persistence/database';
import { ConflictError } from '../../src/lib/state/persistence/revisioned-store';
import { ReviewStore } from '../../src/lib/state/fire/review-store';
import { EMPTY_REVIEW, orderHistory, reviewChanges, type ReviewDraft } from '../../src/lib/state/fire/review-model';
import { reviewTable } from '../../src/lib/state/fire/review-table';
import { writeCsv } from '../../src/lib/io/write-csv';

const DB = 'fire-review-test';
afterEach(async () => {
  await deleteDB(DB);
});

function clock(...times: string[]): () => Date {
  let index = 0;
  return () => new Date(times[Math.min(index++, times.length - 1)]!);
}

describe('review changes and history order', () => {
  it('lists exactly the fields that changed', () => {
    const after: ReviewDraft = { ...EMPTY_REVIEW, status: '需整改', reviewer: '张三', actions: ['巡护', '取水点'] };
    expect(reviewChanges(EMPTY_REVIEW, after)).toEqual([
      ['status', '未审核', '需整改'],
      ['reviewer', '', '张三'],
      ['actions', '', '取水点、巡护'],
    ]);
    expect(reviewChanges(after, { ...after, actions: ['取水点', '巡护'] })).toEqual([]);
  });

  it('orders history newest first, by revision within the same instant', () => {
    const entry = (at: string, revision: number) => ({ zoneId: 'Z', at, reviewer: '', revision, changes: [] });
    const ordered = orderHistory([entry('2026-11-01T08:00:00Z', 1), entry('2026-11-03T08:00:00Z', 3), entry('2026-11-03T08:00:00Z', 4), entry('2026-11-02T08:00:00Z', 2)]);
    expect(ordered.map((item) => item.revision)).toEqual([4, 3, 2, 1]);
  });
});

describe('review store', () => {
  it('keeps the review and every change across a reopen (reload), newest first', async () => {
    const database = await openForestMapDatabase(DB);
    const store = new ReviewStore(database, 'tab', clock('2026-11-29T08:00:00Z', '2026-11-29T09:30:00Z'));
    const first = await store.save('FZ-001', { ...EMPTY_REVIEW, status: '已审核', reviewer: '李四', reviewDate: '2026-11-29' }, undefined);
    await store.save('FZ-001', { ...EMPTY_REVIEW, status: '需整改', reviewer: '李四', reviewDate: '2026-11-29', notes: '缺少取水点' }, first);
    // Saving the same content again writes nothing.
    const unchanged = await store.reviews.get('FZ-001');
    expect(await store.save('FZ-001', { ...EMPTY_REVIEW, status: '需整改', reviewer: '李四', reviewDate: '2026-11-29', notes: '缺少取水点' }, unchanged)).toBe(unchanged);
    store.close();
    database.close();

    const reopened = await openForestMapDatabase(DB);
    const again = new ReviewStore(reopened);
    expect((await again.reviews.get('FZ-001'))?.status).toBe('需整改');
    const history = await again.history('FZ-001');
    expect(history.map((entry) => [entry.revision, entry.at])).toEqual([
      [2, '2026-11-29T09:30:00.000Z'],
      [1, '2026-11-29T08:00:00.000Z'],
    ]);
    expect(history[0]!.changes).toEqual([
      ['status', '已审核', '需整改'],
      ['notes', '', '缺少取水点'],
    ]);
    again.close();
    reopened.close();
  });

  it('refuses a stale save from another tab and keeps the first tab’s review', async () => {
    const databaseA = await openForestMapDatabase(DB);
    const databaseB = await openForestMapDatabase(DB);
    const tabA = new ReviewStore(databaseA, 'a');
    const tabB = new ReviewStore(databaseB, 'b');
    const base = await tabA.save('FZ-002', { ...EMPTY_REVIEW, reviewer: '甲', status: '已审核' }, undefined);
    await tabA.save('FZ-002', { ...EMPTY_REVIEW, reviewer: '甲', status: '需整改' }, base);
    await expect(tabB.save('FZ-002', { ...EMPTY_REVIEW, reviewer: '乙', status: '已整改' }, base)).rejects.toBeInstanceOf(ConflictError);
    expect((await tabA.reviews.get('FZ-002'))?.status).toBe('需整改');
    expect(await tabA.history('FZ-002')).toHaveLength(2);
    tabA.close();
    tabB.close();
    databaseA.close();
    databaseB.close();
  });

  it('writes a review and its history entry in one transaction: a failed history entry leaves no review', async () => {
    const database = await openForestMapDatabase(DB);
    const store = new ReviewStore(database, 'tab');
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'reviewHistory') throw new DOMException('disk full (test)', 'QuotaExceededError');
      return add.apply(this, args);
    };
    try {
      await expect(store.save('FZ-003', { ...EMPTY_REVIEW, status: '已审核', reviewer: '李四' }, undefined)).rejects.toThrow('disk full (test)');
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    expect(await store.reviews.get('FZ-003')).toBeUndefined();
    expect(await store.history('FZ-003')).toEqual([]);
    // The same save goes through once the disk is fine again, as revision 1 with its entry.
    const saved = await store.save('FZ-003', { ...EMPTY_REVIEW, status: '已审核', reviewer: '李四' }, undefined);
    expect(saved?.revision).toBe(1);
    expect((await store.history('FZ-003')).map((entry) => [entry.revision, entry.reviewer])).toEqual([[1, '李四']]);
    store.close();
    database.close();
  });

  it('refuses a save that moved on meanwhile without writing a history entry, and one without a reviewer', async () => {
    const database = await openForestMapDatabase(DB);
    const store = new ReviewStore(database, 'tab');
    const first = await store.save('FZ-004', { ...EMPTY_REVIEW, status: '已审核', reviewer: '甲' }, undefined);
    await store.save('FZ-004', { ...EMPTY_REVIEW, status: '需整改', reviewer: '甲' }, first);
    const conflict = await store.save('FZ-004', { ...EMPTY_REVIEW, status: '已整改', reviewer: '甲' }, first).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).currentRevision).toBe(2);
    await expect(store.save('FZ-005', { ...EMPTY_REVIEW, status: '已审核' }, undefined)).rejects.toThrow(/reviewer/);
    expect(await store.history('FZ-004')).toHaveLength(2);
    expect(await store.history('FZ-005')).toEqual([]);
    store.close();
    database.close();
  });
});

describe('review table export', () => {
  it('has one row per zone with status, actions and coverage, in zone order', () => {
    const geometry = { type: 'Polygon' as const, coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] };
    const zones = [
      { featureId: 1, zoneId: 'FZ-002', name: '龚滩镇高风险区02', level: 5, township: '龚滩镇', species: '马尾松', areaSquareMetres: 666_666.6666666666, geometry },
      { featureId: 0, zoneId: 'FZ-001', name: '=CMD()', level: 3, township: '两罾乡', species: '柏木', areaSquareMetres: 1000, geometry },
    ];
    const reviews = new Map([['FZ-002', { id: 'FZ-002', revision: 3, updatedAt: '2026-11-29T08:00:00.000Z', status: '需整改', reviewer: '王五', reviewDate: '2026-11-28', notes: '', actions: ['取水点', '巡护'] }]]);
    const coverage = new Map([['FZ-002', { zoneId: 'FZ-002', zoneSquareMetres: 1, coveredSquareMetres: 0.456, share: 0.456, uncovered: null, facilityIds: [] }]]);
    const table = reviewTable(zones, reviews, coverage, 'zh');
    expect(table.rows.map((row) => row.zoneId)).toEqual(['FZ-001', 'FZ-002']);
    expect(table.rows[1]).toMatchObject({ level: 5, area: 1000, coverage: 45.6, status: '需整改', reviewer: '王五', actions: '取水点、巡护' });
    expect(table.rows[0]).toMatchObject({ status: '未审核', coverage: null });
    const csv = writeCsv(table);
    expect(csv.startsWith('\uFEFF风险区编号,名称,火险等级')).toBe(true);
    expect(csv).toContain(`'=CMD()`);
  });
});
