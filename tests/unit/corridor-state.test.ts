/**
 * The corridor tool's state with a real (fake-indexeddb) database and the worker API behind a
 * stand-in Worker: the shipped corridors seed the saved list once; a bad width is named at once;
 * a corridor is saved, becomes part of the corridors layer, is renamed, deleted and brought back;
 * names must be given and unique.
 */
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { FeatureCollection } from 'geojson';
import { api } from '../../src/workers/corridor.worker';
import { CorridorClient } from '../../src/workers/corridor-client';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { openCorridorRepository } from '../../src/lib/state/corridors/corridor-repository';
import { corridorExportCollection } from '../../src/lib/state/corridors/corridor-layer';
import { corridorStandIn } from '../../src/lib/state/corridors/corridor-wiring';
import { exportPlots } from '../../src/lib/state/plots/plot-export';
import type { CorridorSources } from '../../src/lib/state/corridors/corridors-state.svelte';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

// Runes are compiled by Svelte; the unit project runs plain TypeScript (see import-layers-state.test.ts).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes }).$state = runes;
const { CorridorsState } = await import('../../src/lib/state/corridors/corridors-state.svelte');

const DATA = 'public/data/';
const DB = 'corridor-state-test';
let workers: FakeWorkers;
let previousFetch: typeof fetch;
let rivers: FeatureCollection;
let shipped: FeatureCollection;
let sources: CorridorSources;

beforeAll(async () => {
  previousFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL) => new Response(await readFile(`${DATA}${String(input).replace('http://data.test/', '')}`))) as typeof fetch;
  workers = installFakeWorker(api);
  rivers = await readFlatGeobuf(new Uint8Array(await readFile(`${DATA}rivers.fgb`)), 'rivers.fgb');
  shipped = await readFlatGeobuf(new Uint8Array(await readFile(`${DATA}corridors.fgb`)), 'corridors.fgb');
  sources = { rivers: () => rivers, importedLines: () => [], plots: () => [] };
});

afterAll(async () => {
  workers?.restore();
  globalThis.fetch = previousFetch;
  await deleteDB(DB);
});

function newState(): InstanceType<typeof CorridorsState> {
  return new CorridorsState('http://data.test/', {
    openRepository: () => openCorridorRepository({ databaseName: DB }),
    client: new CorridorClient('http://data.test/'),
    delayMs: 0,
    now: () => new Date('2026-12-01T08:00:00Z'),
  });
}

describe('CorridorsState', () => {
  it('starts with the shipped corridors as two saved ones, once', async () => {
    const state = newState();
    await state.open(shipped, sources);
    expect(state.status).toBe('ready');
    expect(state.live.map((corridor) => [corridor.name, corridor.origin, corridor.spec.widthMetres])).toEqual([
      ['乌江', 'sample', 1000],
      ['阿蓬江', 'sample', 1000],
    ]);
    expect(state.layer.features.map((feature) => feature.properties?.HE_LIU)).toEqual(['乌江', '阿蓬江']);
    // As shipped, the statistics and the plot check read the file itself (no stand-in, no note).
    expect(corridorStandIn(state, { layerForRole: () => null })).toEqual([]);
    state.dispose();
    // A second opening (a reload) finds them and adds nothing.
    const again = newState();
    await again.open(shipped, sources);
    expect(again.all).toHaveLength(2);
    again.dispose();
  });

  it('names a bad width at once, and saves, renames, deletes and restores a corridor', async () => {
    const state = newState();
    await state.open(shipped, sources);
    state.setRiver('catalog:乌江');
    state.setWidth('-3');
    expect(state.issues.map((issue) => issue.zh)).toEqual(['宽度“-3”无效：每侧宽度须为 1–10000 米之间的数字。']);
    state.setWidth('300');
    expect(state.issues).toEqual([]);
    // The debounced analysis (no delay here) runs in the worker.
    await expect.poll(() => state.analysisStatus, { timeout: 60_000 }).toBe('done');
    expect(state.analysis?.areaSquareMetres).toBeGreaterThan(0);
    expect(state.name).toBe('乌江廊道（每侧300米）');

    state.setName('  ');
    expect(await state.save()).toBe(false);
    expect(state.issues[0]?.en).toBe('Give the corridor a name.');
    state.setName('乌江');
    expect(await state.save()).toBe(false);
    expect(state.issues[0]?.zh).toBe('已有名为“乌江”的廊道。');
    state.setName('乌江三百米');
    expect(await state.save()).toBe(true);
    expect(state.live.map((corridor) => corridor.name)).toEqual(['乌江', '阿蓬江', '乌江三百米']);
    const saved = state.live[2]!;
    // Now they are the corridors layer for the statistics and the plot check, unless an import holds the role.
    expect(corridorStandIn(state, { layerForRole: () => null }).map((standIn) => standIn.features.features.length)).toEqual([3]);
    expect(corridorStandIn(state, { layerForRole: () => ({ name: '导入的廊道' }) })).toEqual([]);
    expect(saved.areaSquareMetres).toBeCloseTo(state.analysis!.areaSquareMetres, 3);
    expect(state.layer.features[2]?.properties).toMatchObject({ HE_LIU: '乌江三百米', KUAN_DU: 300 });

    // Exported with the plot exporters: the three corridors, named, with 亩 and 公顷.
    const exported = JSON.parse(exportPlots('geojson', corridorExportCollection(state.all), '廊道').content as string) as FeatureCollection;
    expect(exported.features.map((feature) => feature.properties?.MING_CHENG)).toEqual(['乌江', '阿蓬江', '乌江三百米']);
    expect(exported.features[2]?.properties).toMatchObject({ HE_LIU: '乌江三百米', KUAN_DU: 300, HE_DAO: '乌江' });
    expect(exported.features[2]?.properties?.GONG_QING).toBeCloseTo(saved.areaSquareMetres / 10_000, 2);
    expect(await state.rename(saved.id, '乌江窄廊道')).toBe(true);
    await state.remove(saved.id);
    expect(state.live.map((corridor) => corridor.name)).toEqual(['乌江', '阿蓬江']);
    expect(state.notice?.text.zh).toBe('已删除廊道“乌江窄廊道”。');
    await state.undoRemove(saved.id);
    expect(state.live.map((corridor) => corridor.name)).toEqual(['乌江', '阿蓬江', '乌江窄廊道']);
    state.dispose();

    // Everything was written: a new session reads the same.
    const repository = await openCorridorRepository({ databaseName: DB });
    const stored = await repository.get(saved.id);
    expect(stored).toMatchObject({ name: '乌江窄廊道', deleted: false, spec: { widthMetres: 300 }, river: { kind: 'catalog', name: '乌江' } });
    repository.close();
  }, 120_000);
});
