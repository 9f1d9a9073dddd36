import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openForestMapDatabase, type StoredPlot } from '../../src/lib/state/persistence/database';
import { ConflictError, RevisionedStore } from '../../src/lib/state/persistence/revisioned-store';

const DB = 'persistence-test';
const square = {
  type: 'Polygon' as const,
  coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.81], [108.8, 28.8]]],
};

function plotDraft(name: string): Omit<StoredPlot, 'revision' | 'updatedAt'> {
  return { id: 'plot-1', name, plotType: '人工造林', targetYear: 2024, notes: '', geometry: square, createdAt: '2026-11-29T00:00:00.000Z', deleted: false };
}

afterEach(async () => {
  await deleteDB(DB);
});

describe('revisioned IndexedDB store', () => {
  it('writes a record and reads it back after the database is reopened (a reload)', async () => {
    const first = await openForestMapDatabase(DB);
    const plots = new RevisionedStore(first, 'plots', 'tab-a', () => new Date('2026-11-29T08:00:00Z'));
    const saved = await plots.put(plotDraft('桃花源1号地块'), 0);
    expect(saved.revision).toBe(1);
    expect(saved.updatedAt).toBe('2026-11-29T08:00:00.000Z');
    plots.close();
    first.close();

    const reopened = await openForestMapDatabase(DB);
    const again = new RevisionedStore(reopened, 'plots', 'tab-a');
    const stored = await again.get('plot-1');
    expect(stored?.name).toBe('桃花源1号地块');
    expect(stored?.geometry).toEqual(square);
    expect(await again.list()).toHaveLength(1);
    again.close();
    reopened.close();
  });

  it('refuses a write from a second tab based on an old revision, keeping the first tab’s work', async () => {
    const tabA = await openForestMapDatabase(DB);
    const tabB = await openForestMapDatabase(DB);
    const plotsA = new RevisionedStore(tabA, 'plots', 'tab-a');
    const plotsB = new RevisionedStore(tabB, 'plots', 'tab-b');
    await plotsA.put(plotDraft('原名'), 0);
    const seenByB = await plotsB.get('plot-1');
    await plotsA.put(plotDraft('A 标签页改名'), 1);
    const attempt = plotsB.put(plotDraft('B 标签页改名'), seenByB!.revision);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow(/another tab or window \(revision 2, this edit was based on 1\)/);
    expect((await plotsA.get('plot-1'))?.name).toBe('A 标签页改名');
    for (const store of [plotsA, plotsB]) store.close();
    tabA.close();
    tabB.close();
  });

  it('tells other tabs about a write, but not the writing tab itself', async () => {
    const tabA = await openForestMapDatabase(DB);
    const tabB = await openForestMapDatabase(DB);
    const plotsA = new RevisionedStore(tabA, 'plots', 'tab-a');
    const plotsB = new RevisionedStore(tabB, 'plots', 'tab-b');
    const seenByA: number[] = [];
    const seenByB = new Promise<number>((resolve) => plotsB.onExternalChange((notice) => resolve(notice.revision)));
    plotsA.onExternalChange((notice) => seenByA.push(notice.revision));
    await plotsA.put(plotDraft('新地块'), 0);
    await expect(seenByB).resolves.toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seenByA).toEqual([]);
    for (const store of [plotsA, plotsB]) store.close();
    tabA.close();
    tabB.close();
  });
  it('writes new records in one transaction, a few per task, and writes none when one of them exists', async () => {
    const database = await openForestMapDatabase(DB);
    const plots = new RevisionedStore(database, 'plots', 'tab-a', () => new Date('2026-12-02T08:00:00Z'));
    const drafts = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ ...plotDraft(name), id: `plot-${name}` }));
    const written = await plots.putAllNew(drafts.slice(0, 3), 2);
    expect(written.map((record) => [record.id, record.revision, record.updatedAt])).toEqual([
      ['plot-a', 1, '2026-12-02T08:00:00.000Z'],
      ['plot-b', 1, '2026-12-02T08:00:00.000Z'],
      ['plot-c', 1, '2026-12-02T08:00:00.000Z'],
    ]);
    expect((await plots.list()).map((record) => record.name).sort()).toEqual(['a', 'b', 'c']);

    // plot-c exists: the batch is refused as a whole, so plot-d and plot-e (before and after it) are not written.
    const attempt = plots.putAllNew([drafts[3]!, drafts[2]!, drafts[4]!], 1);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow(/revision 1, this edit was based on 0/);
    expect((await plots.list()).map((record) => record.id).sort()).toEqual(['plot-a', 'plot-b', 'plot-c']);
    plots.close();
    database.close();
  });
});
