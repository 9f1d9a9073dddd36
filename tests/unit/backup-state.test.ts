/**
 * The backup panel's state: a restore over differing data waits for the user's choices (per
 * record or for all) and writes exactly those; a wrong file gives the file's name and the problem.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openForestMapDatabase, type ForestMapDatabase } from '../../src/lib/state/persistence/database';
import { writeBackup } from '../../src/lib/state/backup/backup-archive';

// Runes are compiled by Svelte; the unit project runs plain TypeScript (see import-layers-state.test.ts).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes }).$state = runes;
const { BackupState } = await import('../../src/lib/state/backup/backup-state.svelte');

const DB = 'backup-state-test';
const square = { type: 'Polygon' as const, coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] };
const at = '2026-11-20T08:00:00.000Z';
const opened: ForestMapDatabase[] = [];
async function open(): Promise<ForestMapDatabase> {
  const database = await openForestMapDatabase(DB);
  opened.push(database);
  return database;
}

afterEach(async () => {
  for (const database of opened.splice(0)) database.close();
  await deleteDB(DB);
});

function plot(id: string, name: string) {
  return { id, revision: 1, updatedAt: at, name, plotType: '人工造林', targetYear: 2024, notes: '', geometry: square, createdAt: at, deleted: false };
}

describe('backup panel state', () => {
  it('asks before replacing differing records and writes only what the user chose', async () => {
    const database = await open();
    await database.put('plots', plot('a', '甲'));
    await database.put('plots', plot('b', '乙'));
    const { bytes } = await writeBackup(database);
    await database.put('plots', { ...plot('a', '甲（改）'), revision: 2 });
    await database.put('plots', { ...plot('b', '乙（改）'), revision: 2 });

    const state = new BackupState(open);
    await state.openFile(new File([bytes as Uint8Array<ArrayBuffer>], '备份.zip'));
    expect(state.error).toBeNull();
    expect(state.pending?.plan.conflicts.map((conflict) => conflict.key)).toEqual(['plots/a', 'plots/b']);
    // Nothing is written before the user decides; the default keeps theirs.
    expect(state.choices).toEqual({ 'plots/a': 'mine', 'plots/b': 'mine' });
    expect((await database.get('plots', 'a'))!.name).toBe('甲（改）');

    state.chooseAll('backup');
    state.choose(state.pending!.plan.conflicts[1]!, 'mine');
    await state.apply();
    expect(state.outcome).toMatchObject({ replaced: 1, kept: 1 });
    expect(state.pending).toBeNull();
    expect((await database.get('plots', 'a'))!.name).toBe('甲');
    expect((await database.get('plots', 'b'))!.name).toBe('乙（改）');
  });

  it('names the file and the problem when it is not a backup', async () => {
    const state = new BackupState(open);
    await state.openFile(new File(['x,y\n1,2'], '坐标.csv'));
    expect(state.pending).toBeNull();
    expect(state.error?.zh).toBe('“坐标.csv”不是本应用的备份文件（not a zip archive）。请选择“备份我的全部数据”生成的 .zip 文件。');
    expect(state.error?.en).toContain('"坐标.csv" is not a backup of this app');
    expect(state.busy).toBe(false);
  });
});
