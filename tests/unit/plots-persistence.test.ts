import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { Polygon } from 'geojson';
import { PlotGeometryError, PlotRepository } from '../../src/lib/state/plots/plot-repository';
import { PlotSession, type PlotNotice } from '../../src/lib/state/plots/plot-session';

const DB = 'plots-persistence-test';
const square: Polygon = {
  type: 'Polygon',
  coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.81], [108.8, 28.8]]],
};
const attributes = { name: '桃花源1号地块', plotType: '人工造林', targetYear: 2024, notes: '杉木' };

const opened: PlotRepository[] = [];
async function open(origin: string): Promise<PlotRepository> {
  const repository = await PlotRepository.open({ databaseName: DB, origin });
  opened.push(repository);
  return repository;
}

/** A session that records its notices; `nextNotice()` waits for the next one. */
function session(repository: PlotRepository, delay = 20) {
  const notices: PlotNotice[] = [];
  let waiting: ((notice: PlotNotice) => void) | null = null;
  const plots = new PlotSession(
    repository,
    {
      onChange: () => undefined,
      onNotice: (notice) => {
        notices.push(notice);
        waiting?.(notice);
        waiting = null;
      },
    },
    delay,
  );
  return {
    plots,
    notices,
    nextNotice: () => new Promise<PlotNotice>((resolve) => (waiting = resolve)),
  };
}

/** Two tabs (sessions that never save by themselves) both showing one plot. */
async function twoTabsWithOnePlot() {
  const tabA = session(await open('tab-a'), 10_000);
  const tabB = session(await open('tab-b'), 10_000);
  await tabA.plots.load();
  const plot = await tabA.plots.create(attributes, square);
  await tabB.plots.load();
  return { tabA, tabB, plot };
}

afterEach(async () => {
  for (const repository of opened.splice(0)) repository.close();
  await deleteDB(DB);
});

describe('plot repository (IndexedDB)', () => {
  it('writes a plot and reads it back, attributes and geometry intact, after the database is reopened', async () => {
    const first = await open('tab-a');
    const created = await first.create(attributes, square);
    expect(created.revision).toBe(1);
    expect(created.deleted).toBe(false);
    first.close();
    opened.length = 0;

    const again = await open('tab-a');
    const [stored] = await again.list();
    expect(stored).toMatchObject({ id: created.id, ...attributes, revision: 1, deleted: false });
    expect(stored!.geometry).toEqual(square);
  });

  it('stores coordinates rounded to 1e-9°, closes rings and refuses geometry without a polygon', async () => {
    const repository = await open('tab-a');
    const unclosed: Polygon = { type: 'Polygon', coordinates: [[[108.80000000012, 28.8], [108.81, 28.8], [108.81, 28.8], [108.81, 28.81]]] };
    const plot = await repository.create(attributes, unclosed);
    expect(plot.geometry).toEqual({ type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] });
    const line = { type: 'Polygon' as const, coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.8, 28.8]]] };
    await expect(repository.create(attributes, line)).rejects.toBeInstanceOf(PlotGeometryError);
  });

  it('deletes softly, so a deletion can be undone even after a reload', async () => {
    const repository = await open('tab-a');
    const plot = await repository.create(attributes, square);
    const deleted = await repository.softDelete(plot);
    expect(deleted).toMatchObject({ deleted: true, revision: 2 });
    const reopened = await open('tab-a');
    const [stored] = await reopened.list();
    expect(stored!.deleted).toBe(true);
    expect(await reopened.restore(stored!)).toMatchObject({ deleted: false, revision: 3, name: attributes.name });
  });
});

describe('plot session (one tab’s view, saving and other tabs)', () => {
  it('shows edits at once, writes them together after a pause, and survives a reload', async () => {
    const tab = session(await open('tab-a'));
    await tab.plots.load();
    const plot = await tab.plots.create(attributes, square);
    tab.plots.edit(plot.id, { name: '桃花源1' });
    tab.plots.edit(plot.id, { name: '桃花源1号', targetYear: 2025 });
    expect(tab.plots.get(plot.id)).toMatchObject({ name: '桃花源1号', targetYear: 2025, revision: 1 });
    expect(tab.plots.hasPendingEdits(plot.id)).toBe(true);
    await tab.plots.flush();
    expect(tab.plots.get(plot.id)).toMatchObject({ name: '桃花源1号', targetYear: 2025, revision: 2 });

    const reloaded = session(await open('tab-a'));
    await reloaded.plots.load();
    expect(reloaded.plots.plots()).toHaveLength(1);
    expect(reloaded.plots.get(plot.id)).toMatchObject({ name: '桃花源1号', plotType: '人工造林', targetYear: 2025, notes: '杉木' });
  });

  it('writes pending edits by itself after the delay', async () => {
    const tab = session(await open('tab-a'), 10);
    await tab.plots.load();
    const plot = await tab.plots.create(attributes, square);
    tab.plots.edit(plot.id, { notes: '补植楠木' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(tab.plots.hasPendingEdits(plot.id)).toBe(false);
    expect((await (await open('tab-b')).get(plot.id))?.notes).toBe('补植楠木');
  });

  it('refuses to overwrite another tab’s newer edit: keeps it, reloads the record and says so', async () => {
    const { tabA, tabB, plot } = await twoTabsWithOnePlot();
    expect(tabB.plots.get(plot.id)?.revision).toBe(1);

    // Both edit the same plot; A saves first.
    tabB.plots.edit(plot.id, { name: 'B 的名称' });
    tabA.plots.edit(plot.id, { name: 'A 的名称' });
    await tabA.plots.flush();
    // B saves before the change notice reached it: refused, reloaded, told.
    await tabB.plots.flush(plot.id);
    expect(tabB.notices.map((notice) => notice.code)).toContain('save-conflict');
    expect(tabB.notices.find((notice) => notice.code === 'save-conflict')).toMatchObject({ plotId: plot.id, name: 'A 的名称' });
    expect(tabB.plots.get(plot.id)).toMatchObject({ name: 'A 的名称', revision: 2 });
    expect((await (await open('tab-c')).get(plot.id))?.name).toBe('A 的名称');
  });

  it('reloads a plot another tab changed, and says when that dropped an unsaved edit here', async () => {
    const { tabA, tabB, plot } = await twoTabsWithOnePlot();

    // No pending edit in B: the new version simply appears, with an informative notice.
    let notice = tabB.nextNotice();
    tabA.plots.edit(plot.id, { targetYear: 2026 });
    await tabA.plots.flush();
    expect(await notice).toMatchObject({ code: 'changed-elsewhere', plotId: plot.id });
    expect(tabB.plots.get(plot.id)).toMatchObject({ targetYear: 2026, revision: 2 });

    // B is typing (not yet saved) when A saves: B's edit is dropped, not written over A's.
    tabB.plots.edit(plot.id, { notes: 'B 未保存的备注' });
    notice = tabB.nextNotice();
    tabA.plots.edit(plot.id, { notes: 'A 的备注' });
    await tabA.plots.flush();
    expect(await notice).toMatchObject({ code: 'changed-elsewhere-discarded', plotId: plot.id });
    expect(tabB.plots.hasPendingEdits(plot.id)).toBe(false);
    expect(tabB.plots.get(plot.id)).toMatchObject({ notes: 'A 的备注', revision: 3 });
    await tabB.plots.flush();
    expect((await (await open('tab-c')).get(plot.id))?.notes).toBe('A 的备注');

    // A deletes it: B hears so.
    notice = tabB.nextNotice();
    await tabA.plots.remove(plot.id);
    expect(await notice).toMatchObject({ code: 'deleted-elsewhere' });
    expect(tabB.plots.get(plot.id)?.deleted).toBe(true);
  });

  it('removes and restores through the store, each at once', async () => {
    const tab = session(await open('tab-a'));
    await tab.plots.load();
    const plot = await tab.plots.create(attributes, square);
    await tab.plots.remove(plot.id);
    expect(tab.plots.get(plot.id)).toMatchObject({ deleted: true, revision: 2 });
    await tab.plots.restore(plot.id);
    expect(tab.plots.get(plot.id)).toMatchObject({ deleted: false, revision: 3 });
    const moved: Polygon = { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.82, 28.8], [108.82, 28.81], [108.8, 28.8]]] };
    await tab.plots.setGeometry(plot.id, moved);
    expect((await (await open('tab-b')).get(plot.id))?.geometry).toEqual(moved);
  });
});
