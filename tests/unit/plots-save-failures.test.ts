/**
 * Plots when IndexedDB writes fail (fake-indexeddb with its put made to throw as a full disk
 * does): a new plot is kept with the reason and saved exactly once on retry; a failed attribute
 * save is reported, kept on screen and written by the retry to its own plot only; a failed
 * deletion leaves the plot as stored; a closed database and another tab's write are named.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { Polygon } from 'geojson';
import { PlotRepository } from '../../src/lib/state/plots/plot-repository';
import { PlotSession, type PlotNotice } from '../../src/lib/state/plots/plot-session';
import { UnsavedPlots, type UnsavedPlot } from '../../src/lib/state/plots/unsaved-plots';
import { describeSaveError } from '../../src/lib/state/plots/plot-save-errors';
import { ConflictError } from '../../src/lib/state/persistence/revisioned-store';

const DB = 'plots-save-failures-test';
const square: Polygon = {
  type: 'Polygon',
  coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.81], [108.8, 28.8]]],
};
const shifted: Polygon = {
  type: 'Polygon',
  coordinates: [[[108.9, 28.8], [108.91, 28.8], [108.91, 28.81], [108.9, 28.81], [108.9, 28.8]]],
};
const attributes = { name: '桃花源1号地块', plotType: '人工造林', targetYear: 2024, notes: '' };

const originalPut = IDBObjectStore.prototype.put;
/** Every write to the 'plots' store throws a DOMException named `name` until restoreWrites(). */
function failWrites(name = 'QuotaExceededError'): void {
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof originalPut>) {
    if (this.name === 'plots') throw new DOMException('The quota has been exceeded.', name);
    return originalPut.apply(this, args);
  };
}
function restoreWrites(): void {
  IDBObjectStore.prototype.put = originalPut;
}

const opened: PlotRepository[] = [];
async function open(): Promise<PlotRepository> {
  const repository = await PlotRepository.open({ databaseName: DB, origin: `tab-${opened.length}` });
  opened.push(repository);
  return repository;
}

async function tab(repository: PlotRepository) {
  const notices: PlotNotice[] = [];
  let unsaved: readonly UnsavedPlot[] = [];
  const session = new PlotSession(repository, { onChange: () => undefined, onNotice: (notice) => notices.push(notice) }, 10_000);
  await session.load();
  const kept = new UnsavedPlots(
    (attributes, geometry, id) => session.create(attributes, geometry, id),
    (list) => (unsaved = list),
  );
  return { session, kept, notices, unsaved: () => unsaved };
}

afterEach(async () => {
  restoreWrites();
  for (const repository of opened.splice(0)) repository.close();
  await deleteDB(DB);
});

describe('a new plot whose write fails', () => {
  it('is kept with the reason (storage full) and saved exactly once on retry', async () => {
    const repository = await open();
    const { session, kept, unsaved } = await tab(repository);
    failWrites();
    expect(await kept.add(attributes, square, 'drawing')).toBeNull();
    expect(unsaved()).toHaveLength(1);
    expect(unsaved()[0]).toMatchObject({ status: 'failed', origin: 'drawing', attributes, geometry: square });
    expect(unsaved()[0]!.reason!.zh).toContain('存储空间不足');
    expect(unsaved()[0]!.reason!.en).toContain('storage is full');
    expect(await repository.list()).toEqual([]);
    expect(session.plots()).toEqual([]);

    // Retrying while the disk is still full fails again, and still keeps it.
    expect(await kept.retry(unsaved()[0]!.key)).toBeNull();
    expect(unsaved()[0]!.status).toBe('failed');

    restoreWrites();
    const key = unsaved()[0]!.key;
    const plot = await kept.retry(key);
    expect(plot).toMatchObject({ id: key, ...attributes, revision: 1 });
    expect(unsaved()).toEqual([]);
    expect((await repository.list()).map((stored) => stored.id)).toEqual([key]);
    expect(session.get(key)?.name).toBe(attributes.name);
  });

  it('is not stored twice when the write landed but was reported as failed', async () => {
    const repository = await open();
    const { kept, unsaved } = await tab(repository);
    const realCreate = repository.create.bind(repository);
    let landThenFail = true;
    repository.create = async (...args: Parameters<PlotRepository['create']>) => {
      const plot = await realCreate(...args);
      if (landThenFail) {
        landThenFail = false;
        throw new DOMException('The transaction was aborted.', 'AbortError');
      }
      return plot;
    };
    expect(await kept.add(attributes, square, 'import')).toBeNull();
    expect(unsaved()[0]!.reason!.en).toContain('aborted');
    const plot = await kept.retry(unsaved()[0]!.key);
    expect(plot?.revision).toBe(1);
    expect(await repository.list()).toHaveLength(1);
  });

  it('can be discarded by the user (and only then is it gone)', async () => {
    const { kept, unsaved } = await tab(await open());
    failWrites();
    await kept.add(attributes, square, 'drawing');
    await kept.add(attributes, shifted, 'drawing');
    kept.discard(unsaved()[0]!.key);
    expect(unsaved().map((entry) => entry.geometry)).toEqual([shifted]);
  });
});

describe('edits whose save fails', () => {
  it('are reported with the reason, stay on screen and pending, and the retry writes them', async () => {
    const repository = await open();
    const { session, notices } = await tab(repository);
    const plot = await session.create(attributes, square);
    failWrites();
    session.edit(plot.id, { name: '新名称' });
    expect(await session.flush(plot.id)).toBe('failed');
    const failure = notices.find((notice) => notice.code === 'save-failed');
    expect(failure).toMatchObject({ plotId: plot.id, name: attributes.name, action: 'edit' });
    expect(failure!.reason!.zh).toContain('存储空间不足');
    expect(session.get(plot.id)?.name).toBe('新名称');
    expect(session.hasPendingEdits(plot.id)).toBe(true);
    expect(session.hasFailedSave(plot.id)).toBe(true);
    expect((await repository.get(plot.id))?.name).toBe(attributes.name);

    restoreWrites();
    expect(await session.flush(plot.id)).toBe('saved');
    expect(notices.at(-1)).toMatchObject({ code: 'saved-after-failure', plotId: plot.id });
    expect(session.hasFailedSave(plot.id)).toBe(false);
    expect((await repository.get(plot.id))?.name).toBe('新名称');
  });

  it('are written to the plot they were made for, also when another plot is edited meanwhile', async () => {
    const repository = await open();
    const { session } = await tab(repository);
    const plotA = await session.create({ ...attributes, name: '甲' }, square);
    const plotB = await session.create({ ...attributes, name: '乙' }, shifted);
    failWrites();
    session.edit(plotA.id, { name: '甲（新）' });
    // The user switched to B: A's delayed save is still pending (and fails).
    session.edit(plotB.id, { notes: '乙的备注' });
    expect(await session.flush()).toBe('failed');
    restoreWrites();
    expect(await session.flush(plotB.id)).toBe('saved');
    expect(await repository.get(plotB.id)).toMatchObject({ name: '乙', notes: '乙的备注' });
    expect((await repository.get(plotA.id))?.name).toBe('甲');
    expect(await session.flush(plotA.id)).toBe('saved');
    expect(await repository.get(plotA.id)).toMatchObject({ name: '甲（新）', notes: '' });
    expect(await repository.get(plotB.id)).toMatchObject({ name: '乙', notes: '乙的备注' });
  });

  it('keep the next writes going (a failed write does not jam the queue of its plot)', async () => {
    const repository = await open();
    const { session } = await tab(repository);
    const plot = await session.create(attributes, square);
    failWrites();
    session.edit(plot.id, { notes: '一' });
    const first = session.flush(plot.id);
    session.edit(plot.id, { notes: '一二' });
    const second = session.flush(plot.id);
    expect(await first).toBe('failed');
    expect(await second).toBe('failed');
    restoreWrites();
    session.edit(plot.id, { targetYear: 2027 });
    expect(await session.flush(plot.id)).toBe('saved');
    expect(await repository.get(plot.id)).toMatchObject({ notes: '一二', targetYear: 2027, revision: 2 });
  });

  it('a failed deletion leaves the plot as stored (not shown deleted)', async () => {
    const repository = await open();
    const { session, notices } = await tab(repository);
    const plot = await session.create(attributes, square);
    failWrites();
    expect(await session.remove(plot.id)).toBe('failed');
    expect(notices.at(-1)).toMatchObject({ code: 'save-failed', action: 'delete' });
    expect(session.get(plot.id)?.deleted).toBe(false);
    expect(session.hasPendingEdits(plot.id)).toBe(false);
    restoreWrites();
    expect(await session.remove(plot.id)).toBe('saved');
    expect((await repository.get(plot.id))?.deleted).toBe(true);
  });

  it('names a closed database connection', async () => {
    const repository = await open();
    const { session, notices } = await tab(repository);
    const plot = await session.create(attributes, square);
    repository.close();
    session.edit(plot.id, { name: '关闭后' });
    expect(await session.flush(plot.id)).toBe('failed');
    expect(notices.at(-1)!.reason!.zh).toContain('数据库连接已关闭');
    expect(session.get(plot.id)?.name).toBe('关闭后');
  });
});

describe('save error reasons', () => {
  it('say storage full, connection closed, another tab, or the browser’s words', () => {
    expect(describeSaveError(new DOMException('x', 'QuotaExceededError')).en).toContain('storage is full');
    expect(describeSaveError(new DOMException('The database connection is closing.', 'InvalidStateError')).zh).toContain('连接已关闭');
    expect(describeSaveError(new ConflictError('plots', 'p1', 1, 2)).zh).toContain('另一个标签页');
    expect(describeSaveError(new DOMException('disk I/O', 'UnknownError')).en).toBe('the write failed (UnknownError: disk I/O)');
  });
});
