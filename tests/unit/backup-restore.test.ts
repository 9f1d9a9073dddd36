/**
 * "Back up all my work" and restore: every store's records survive a backup, a cleared
 * database and a restore; a restore over existing data merges (adds what is missing, skips what
 * is identical, lists what differs for the user to decide); bad files are refused with the reason;
 * a backup from before corridors were backed up still restores.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { openForestMapDatabase, type ForestMapDatabase, type StoredCorridor, type StoredImportedLayer } from '../../src/lib/state/persistence/database';
import { RevisionedStore, type ChangeNotice } from '../../src/lib/state/persistence/revisioned-store';
import { readBackup, writeBackup, type BackupProgress } from '../../src/lib/state/backup/backup-archive';
import { BackupFileError } from '../../src/lib/state/backup/backup-format';
import { applyRestore, planRestore } from '../../src/lib/state/backup/restore-merge';

const DB = 'backup-test';
const square = { type: 'Polygon' as const, coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] };
const at = '2026-11-20T08:00:00.000Z';
const databases: ForestMapDatabase[] = [];

async function open(): Promise<ForestMapDatabase> {
  const database = await openForestMapDatabase(DB);
  databases.push(database);
  return database;
}

afterEach(async () => {
  for (const database of databases.splice(0)) database.close();
  await deleteDB(DB);
});

function chunk(offset: number) {
  return { count: 1, structure: new Uint32Array([3, 2, 1, 4]), coordinates: new Float64Array([108.8 + offset, 28.8, 108.81, 28.8, 108.81, 28.81, 108.8 + offset, 28.8]), properties: '[[null,{"XZMC":"龚滩镇"}]]' };
}

function corridor(id: string, name: string, extra: Partial<StoredCorridor> = {}): StoredCorridor {
  return {
    id,
    revision: 1,
    updatedAt: at,
    name,
    river: { kind: 'catalog', name: '乌江' },
    line: [[[108.8, 28.8], [108.81, 28.81]]],
    spec: { widthMetres: 200, reaches: [{ fromMetres: 0, toMetres: 500, widthMetres: 100 }] },
    geometry: square,
    areaSquareMetres: 1234.5,
    origin: 'user',
    createdAt: at,
    deleted: false,
    ...extra,
  } as StoredCorridor;
}

/** A database with something in every store a user's work lives in. */
async function fill(database: ForestMapDatabase): Promise<void> {
  const plots = new RevisionedStore(database, 'plots', 'test');
  await plots.put({ id: 'plot-1', name: '桃花源1号', plotType: '人工造林', targetYear: 2024, notes: '北坡', geometry: square, createdAt: at, deleted: false }, 0);
  await plots.put({ id: 'plot-2', name: '已删除的地块', plotType: '封山育林', targetYear: 2025, notes: '', geometry: square, createdAt: at, deleted: true }, 0);
  await database.put('reviews', { id: 'FZ-001', revision: 2, updatedAt: at, status: 'reviewed', reviewer: '张三', reviewDate: '2026-11-20', notes: '已巡查', actions: ['清理可燃物'] });
  await database.add('reviewHistory', { zoneId: 'FZ-001', at, reviewer: '张三', revision: 1, changes: [['status', '未审核', '需整改']] });
  await database.add('reviewHistory', { zoneId: 'FZ-001', at: '2026-11-20T09:00:00.000Z', reviewer: '张三', revision: 2, changes: [['status', '需整改', '已审核']] });
  await database.put('settings', { id: 'fire-facilities', revision: 3, updatedAt: at, value: [{ id: 'cam-1', kind: 'camera', radiusMetres: 3500, position: [108.8, 28.8] }] });
  const details = { featureCount: 2, style: { color: '#d81b60', opacity: 0.6, visible: true }, assignment: { role: 'townships', fieldMapping: { NAME: 'XZMC' }, areaUnit: 'mu' }, importedAt: at };
  await database.put('importedLayers', { id: 'imported-a', revision: 2, updatedAt: at, name: '官方乡镇界', role: 'townships', sourceFiles: ['乡镇界.zip'], details } as unknown as StoredImportedLayer);
  for (const index of [0, 1]) await database.put('importedLayers', { id: `imported-a:features:${index}`, revision: 1, updatedAt: at, name: '官方乡镇界', role: 'features', sourceFiles: [], chunks: [chunk(index / 100)] });
  await database.put('corridors', corridor('corridor-1', '乌江北岸廊道'));
  await database.put('corridors', corridor('corridor-2', '已删除的廊道', { deleted: true, revision: 2 }));
  await database.put('corridors', corridor('sample-corridor-乌江', '乌江', { origin: 'sample' }));
  plots.close();
}

async function snapshot(database: ForestMapDatabase) {
  const strip = <T extends { sequence?: number }>({ sequence: _sequence, ...rest }: T) => rest;
  return {
    plots: await database.getAll('plots'),
    reviews: await database.getAll('reviews'),
    reviewHistory: (await database.getAll('reviewHistory')).map(strip),
    settings: await database.getAll('settings'),
    importedLayers: await database.getAll('importedLayers'),
    corridors: await database.getAll('corridors'),
  };
}

describe('backup and restore', () => {
  it('brings back every record after the database is cleared', async () => {
    const database = await open();
    await fill(database);
    const before = await snapshot(database);
    const progress: BackupProgress[] = [];
    const { bytes, manifest } = await writeBackup(database, { onProgress: (step) => progress.push(step) });
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.counts).toEqual({ plots: 2, reviews: 1, reviewHistory: 2, settings: 1, importedLayers: 3, corridors: 3 });
    expect(manifest.entries.map((entry) => entry.path)).toContain('corridors.json');
    expect(progress.at(0)).toEqual({ phase: 'reading', done: 0, total: 12 });
    expect(progress.some((step) => step.phase === 'compressing')).toBe(true);
    database.close();
    await deleteDB(DB);

    const empty = await open();
    const backup = await readBackup(bytes, '备份.zip');
    const plan = await planRestore(empty, backup);
    expect(plan.conflicts).toEqual([]);
    expect(plan.toAdd).toEqual({ plots: 2, reviews: 1, reviewHistory: 2, settings: 1, importedLayers: 1, corridors: 3 });
    expect(backup.records.corridors.find((record) => record.id === 'corridor-2')!.deleted).toBe(true);
    const outcome = await applyRestore(empty, plan, () => 'mine');
    expect(outcome.added).toEqual(plan.toAdd);
    expect(outcome.changedMeanwhile).toEqual([]);
    const after = await snapshot(empty);
    expect(after).toEqual(before);
    const restoredChunk = after.importedLayers.find((record) => record.id === 'imported-a:features:1')!.chunks![0]!;
    expect(restoredChunk.coordinates).toBeInstanceOf(Float64Array);
    expect(restoredChunk.coordinates[0]).toBe(108.81);
    expect(after.corridors.map((record) => record.id).sort()).toEqual(['corridor-1', 'corridor-2', 'sample-corridor-乌江']);

    // The same backup again: everything is identical, nothing is written twice.
    const again = await planRestore(empty, backup);
    expect(again.toAdd).toEqual({ plots: 0, reviews: 0, reviewHistory: 0, settings: 0, importedLayers: 0, corridors: 0 });
    expect(again.identical).toEqual({ plots: 2, reviews: 1, reviewHistory: 2, settings: 1, importedLayers: 1, corridors: 3 });
    await applyRestore(empty, again, () => 'backup');
    expect(await snapshot(empty)).toEqual(before);
  });

  it('lists records that differ as conflicts and never overwrites one the user keeps', async () => {
    const database = await open();
    await fill(database);
    const backup = await readBackup((await writeBackup(database)).bytes, 'b.zip');
    const plots = new RevisionedStore(database, 'plots', 'test');
    const plot = (await plots.get('plot-1'))!;
    await plots.put({ ...plot, name: '桃花源1号（改）' }, plot.revision);
    await database.put('settings', { id: 'fire-facilities', revision: 4, updatedAt: at, value: [] });
    const layer = (await database.get('importedLayers', 'imported-a'))!;
    await database.put('importedLayers', { ...layer, revision: 3, details: { ...layer.details!, style: { color: '#1e88e5', opacity: 1, visible: true } } });
    await database.delete('reviews', 'FZ-001');
    plots.close();

    const plan = await planRestore(database, backup);
    expect(plan.conflicts.map((conflict) => [conflict.key, conflict.label]).sort()).toEqual([
      ['importedLayers/imported-a', '官方乡镇界'],
      ['plots/plot-1', '桃花源1号'],
      ['settings/fire-facilities', 'fire-facilities'],
    ]);
    expect(plan.toAdd.reviews).toBe(1);
    const outcome = await applyRestore(database, plan, (conflict) => (conflict.store === 'plots' ? 'backup' : 'mine'));
    expect(outcome).toMatchObject({ replaced: 1, kept: 2, changedMeanwhile: [] });
    const restoredPlot = (await database.get('plots', 'plot-1'))!;
    expect(restoredPlot.name).toBe('桃花源1号');
    // A new revision, so another tab's edit of the replaced version is refused.
    expect(restoredPlot.revision).toBe(3);
    expect((await database.get('settings', 'fire-facilities'))!.value).toEqual([]);
    expect((await database.get('importedLayers', 'imported-a'))!.details!.style.color).toBe('#1e88e5');
    expect((await database.get('reviews', 'FZ-001'))!.reviewer).toBe('张三');
  });

  it('leaves alone a record changed between the comparison and the write', async () => {
    const database = await open();
    await fill(database);
    const backup = await readBackup((await writeBackup(database)).bytes, 'b.zip');
    await database.put('settings', { id: 'fire-facilities', revision: 4, updatedAt: at, value: [] });
    const plan = await planRestore(database, backup);
    await database.put('settings', { id: 'fire-facilities', revision: 5, updatedAt: at, value: ['another tab'] });
    const outcome = await applyRestore(database, plan, () => 'backup');
    expect(outcome.changedMeanwhile).toEqual(['settings/fire-facilities']);
    expect((await database.get('settings', 'fire-facilities'))!.value).toEqual(['another tab']);
  });

  it('takes the backup’s imported layer whole: details and features', async () => {
    const database = await open();
    await fill(database);
    const backup = await readBackup((await writeBackup(database)).bytes, 'b.zip');
    await database.put('importedLayers', { id: 'imported-a:features:2', revision: 1, updatedAt: at, name: '官方乡镇界', role: 'features', sourceFiles: [], chunks: [chunk(0.5)] });
    const plan = await planRestore(database, backup);
    expect(plan.conflicts.map((conflict) => conflict.key)).toEqual(['importedLayers/imported-a']);
    await applyRestore(database, plan, () => 'backup');
    expect((await database.getAllKeys('importedLayers')).sort()).toEqual(['imported-a', 'imported-a:features:0', 'imported-a:features:1']);
    expect((await database.get('importedLayers', 'imported-a'))!.revision).toBe(3);
  });

  it('lists a differing corridor as a conflict by its name, and tells the corridor view of the restore', async () => {
    const database = await open();
    await fill(database);
    const backup = await readBackup((await writeBackup(database)).bytes, 'b.zip');
    await database.put('corridors', corridor('corridor-1', '乌江北岸廊道（加宽）', { revision: 2, spec: { widthMetres: 300 } }));
    // The shipped corridor seeded again (the database was cleared): only its seeding time differs.
    await database.put('corridors', corridor('sample-corridor-乌江', '乌江', { origin: 'sample', createdAt: '2026-11-30T10:00:00.000Z', updatedAt: '2026-11-30T10:00:00.000Z' }));
    await database.delete('corridors', 'corridor-2');

    const plan = await planRestore(database, backup);
    expect(plan.conflicts.map((conflict) => [conflict.key, conflict.label])).toEqual([['corridors/corridor-1', '乌江北岸廊道']]);
    expect(plan.toAdd.corridors).toBe(1);
    expect(plan.identical.corridors).toBe(1);

    // The corridor view follows the repository's change channel, as after any other write.
    const view = new RevisionedStore(database, 'corridors', 'view');
    const seen: ChangeNotice[] = [];
    const twoNotices = new Promise<void>((resolve) =>
      view.subscribe((notice) => {
        seen.push(notice);
        if (seen.length === 2) resolve();
      }),
    );
    const outcome = await applyRestore(database, plan, () => 'backup');
    expect(outcome).toMatchObject({ replaced: 1, kept: 0, changedMeanwhile: [] });
    expect(outcome.added.corridors).toBe(1);
    await twoNotices;
    view.close();
    expect(seen.map((notice) => [notice.id, notice.revision]).sort()).toEqual([
      ['corridor-1', 3],
      ['corridor-2', 2],
    ]);
    const restored = (await database.get('corridors', 'corridor-1'))!;
    expect(restored).toMatchObject({ name: '乌江北岸廊道', spec: { widthMetres: 200 }, revision: 3 });
    expect((await database.get('corridors', 'corridor-2'))!.deleted).toBe(true);
  });

  it('still reads and restores a backup made before corridors were backed up', async () => {
    const database = await open();
    await fill(database);
    const files = unzipSync((await writeBackup(database)).bytes);
    // What the app wrote before: no corridors.json, no corridors count.
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    const { corridors: _corridors, ...counts } = manifest.counts;
    delete files['corridors.json'];
    files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, counts, entries: manifest.entries.filter((entry: { path: string }) => entry.path !== 'corridors.json') }));
    database.close();
    await deleteDB(DB);

    const empty = await open();
    const backup = await readBackup(zipSync(files), 'old.zip');
    expect(backup.records.corridors).toEqual([]);
    expect(backup.manifest.counts.corridors).toBe(0);
    const plan = await planRestore(empty, backup);
    expect(plan.toAdd).toEqual({ plots: 2, reviews: 1, reviewHistory: 2, settings: 1, importedLayers: 1, corridors: 0 });
    await applyRestore(empty, plan, () => 'mine');
    expect(await empty.count('plots')).toBe(2);
    expect(await empty.count('corridors')).toBe(0);
  });

  describe('refuses files it cannot restore, saying why', () => {
    async function backupBytes(): Promise<Uint8Array> {
      const database = await open();
      await fill(database);
      return (await writeBackup(database)).bytes;
    }
    const problemOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof BackupFileError ? `${error.problem}: ${error.text('zh')}` : String(error)));

    it('a file that is not a zip', async () => {
      expect(await problemOf(readBackup(strToU8('{"type":"FeatureCollection"}'), '乡镇.geojson'))).toMatch(/^not-a-backup: “乡镇.geojson”不是本应用的备份文件/);
    });
    it('a zip of something else', async () => {
      expect(await problemOf(readBackup(zipSync({ 'a.shp': new Uint8Array(10) }), '小班.zip'))).toMatch(/^not-a-backup: .*no manifest\.json/);
      expect(await problemOf(readBackup(zipSync({ 'manifest.json': strToU8('{"format":"other"}') }), 'x.zip'))).toMatch(/^not-a-backup/);
    });
    it('a backup from a newer format version', async () => {
      const files = unzipSync(await backupBytes());
      const manifest = JSON.parse(strFromU8(files['manifest.json']!));
      files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, formatVersion: 2 }));
      expect(await problemOf(readBackup(zipSync(files), 'new.zip'))).toMatch(/^newer-version: .*更新版本/);
    });
    it('a damaged entry or a cut-off file', async () => {
      const bytes = await backupBytes();
      const files = unzipSync(bytes);
      const binary = Object.keys(files).find((path) => path.startsWith('binary/'))!;
      const damaged = files[binary]!;
      damaged[3] = damaged[3]! ^ 0xff;
      expect(await problemOf(readBackup(zipSync(files), 'bad.zip'))).toMatch(new RegExp(`^damaged: .*${binary} does not match its checksum`));
      expect(await problemOf(readBackup(bytes.slice(0, bytes.length - 200), 'cut.zip'))).toMatch(/^damaged/);
      delete files['plots.json'];
      expect(await problemOf(readBackup(zipSync(files), 'less.zip'))).toMatch(/^damaged: .*plots.json is missing/);
      // corridors.json may be absent only from a file that counts no corridors.
      const withoutCorridors = unzipSync(bytes);
      delete withoutCorridors['corridors.json'];
      expect(await problemOf(readBackup(zipSync(withoutCorridors), 'less.zip'))).toMatch(/^damaged: .*corridors.json is missing/);
    });
  });
});
