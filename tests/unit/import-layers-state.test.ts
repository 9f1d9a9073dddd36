/**
 * Imported layers in app state: roles and field mapping (effectiveLayer), feature descriptions,
 * and persistence in IndexedDB across a "reload" (a new instance on the same database).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { importFiles } from '../../src/lib/io/import-files';
import { encodeFeatures } from '../../src/lib/io/feature-chunks';
import type { ImportedLayer } from '../../src/lib/io/types';
import { openForestMapDatabase, type ForestMapDatabase } from '../../src/lib/state/persistence/database';
import { RevisionedStore } from '../../src/lib/state/persistence/revisioned-store';
import { gbkShapefile4524, PLOTS } from './fixtures/io/fixtures';

// Svelte compiles runes in .svelte.ts files; the unit project runs plain TypeScript, so give the
// module inert stand-ins (state without reactivity is all these tests need).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes; $derived: <T>(value: T) => T }).$state = runes;
(globalThis as unknown as { $derived: <T>(value: T) => T }).$derived = (value) => value;
const { ImportedLayers } = await import('../../src/lib/state/imported-layers.svelte');
const { suggestAssignment } = await import('../../src/lib/state/import-roles');

const DB = 'imported-layers-test';
const opened: Array<{ database: ForestMapDatabase; store: RevisionedStore<'importedLayers'> }> = [];
async function openStore(): Promise<RevisionedStore<'importedLayers'>> {
  const database = await openForestMapDatabase(DB);
  const store = new RevisionedStore(database, 'importedLayers');
  opened.push({ database, store });
  return store;
}

let plots: ImportedLayer;
let townships: ImportedLayer;

beforeAll(async () => {
  const result = await importFiles(await gbkShapefile4524());
  plots = result.layers[0]!;
  const official = await importFiles([
    {
      name: '官方乡镇界.geojson',
      bytes: new TextEncoder().encode(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { XZMC: '龚滩镇', XZDM: '500242104', 面积公顷: 2 }, geometry: { type: 'Polygon', coordinates: [[[108.3, 28.85], [108.42, 28.85], [108.42, 28.95], [108.3, 28.95], [108.3, 28.85]]] } },
            { type: 'Feature', properties: { XZMC: '钟多街道', XZDM: '500242002', 面积公顷: 3 }, geometry: { type: 'Polygon', coordinates: [[[108.7, 28.8], [108.8, 28.8], [108.8, 28.86], [108.7, 28.86], [108.7, 28.8]]] } },
          ],
        }),
      ),
    },
  ]);
  townships = official.layers[0]!;
});

afterEach(async () => {
  for (const { database, store } of opened.splice(0)) {
    store.close();
    database.close();
  }
  await deleteDB(DB);
});

describe('imported layers: roles and field mapping', () => {
  it('gives no effective layer for a reference layer, and the mapped collection once it is assigned as townships', async () => {
    const state = new ImportedLayers({ openStore });
    const entry = state.add(townships);
    expect(entry.assignment.role).toBe('reference');
    expect(state.effectiveLayer('townships')).toBeNull();

    const assignment = suggestAssignment(entry.fields, 'townships');
    expect(assignment.fieldMapping).toMatchObject({ NAME: 'XZMC', CODE: 'XZDM' });
    state.assignRole(entry.id, assignment);
    const effective = state.effectiveLayer('townships')!;
    expect(effective.features).toHaveLength(2);
    expect(effective.features[1]).toMatchObject({ id: 1, properties: { NAME: '钟多街道', CODE: '500242002', 面积公顷: 3 } });
    // The source field names are not repeated next to the catalog ones.
    expect(effective.features[0]!.properties).not.toHaveProperty('XZMC');
    expect(state.layerForRole('townships')?.id).toBe(entry.id);
    // Cached while the assignment is unchanged.
    expect(state.effectiveLayer('townships')).toBe(effective);
    await state.whenSaved();
  });

  it('moves a role to the layer that is given it last, and back to reference on the other', async () => {
    const state = new ImportedLayers({ openStore });
    const first = state.add(townships, { assignment: suggestAssignment(townships.fields, 'townships') });
    const second = state.add(townships, { name: '第二份乡镇界', assignment: suggestAssignment(townships.fields, 'townships') });
    expect(state.entry(first.id)?.assignment.role).toBe('reference');
    expect(state.layerForRole('townships')?.id).toBe(second.id);
    state.remove(second.id);
    expect(state.effectiveLayer('townships')).toBeNull();
    await state.whenSaved();
  });

  it('maps sub-compartment fields and converts an area in hectares to 亩', async () => {
    const state = new ImportedLayers({ openStore });
    const entry = state.add(plots);
    const suggested = suggestAssignment(entry.fields, 'subcompartments');
    expect(suggested.fieldMapping).toMatchObject({ XIANG: 'XIANG', DI_LEI: 'DI_LEI', MIAN_JI: 'MIAN_JI', XIAO_BAN: 'XIAO_BAN' });
    expect(suggested.areaUnit).toBe('mu');
    // Fields named as in the catalog and area in 亩: the attributes are used as they are.
    state.assignRole(entry.id, suggested);
    expect(state.effectiveLayer('subcompartments')!.features[2]!.properties).toBe(plots.collection.features[2]!.properties);
    state.assignRole(entry.id, { ...suggested, areaUnit: 'hectare' });
    const stands = state.effectiveLayer('subcompartments')!;
    expect(stands.features.map((feature) => feature.properties!.MIAN_JI)).toEqual(PLOTS.map((plot) => (plot.properties!.MIAN_JI as number) * 15));
    expect(stands.features[1]!.properties).toMatchObject({ XIANG: '两罾乡', YOU_SHI_SZ: '金丝楠木', DI_LEI: '乔木林地' });
    await state.whenSaved();
  });

  it('describes a clicked feature with its own fields, Chinese intact, and its ellipsoidal area', async () => {
    const state = new ImportedLayers({ openStore });
    const entry = state.add(plots);
    const description = state.describe(entry.id, 1, 'zh')!;
    expect(description.layerId).toBe(entry.id);
    expect(description.layerName).toBe('小班');
    expect(description.rows.find((row) => row.field === 'YOU_SHI_SZ')?.value).toBe('金丝楠木');
    expect(description.areaSquareMetres).toBeGreaterThan(80_000);
    expect(description.areaSquareMetres).toBeLessThan(110_000);
    expect(state.describe(entry.id, 99, 'zh')).toBeNull();
    await state.whenSaved();
  });
});

describe('imported layers: persistence across reloads', () => {
  it('restores features, style and role after a reload, and forgets a removed layer', async () => {
    const first = new ImportedLayers({ openStore });
    const kept = first.add(plots);
    const removed = first.add(townships);
    first.setStyle(kept.id, { opacity: 0.4, color: '#123456' });
    first.assignRole(kept.id, suggestAssignment(kept.fields, 'subcompartments'));
    first.remove(removed.id);
    await first.whenSaved();

    const reloaded = new ImportedLayers({ openStore });
    await reloaded.restore();
    expect(reloaded.layers.map((layer) => layer.id)).toEqual([kept.id]);
    const entry = reloaded.entry(kept.id)!;
    expect(entry.style).toEqual({ color: '#123456', opacity: 0.4, visible: true });
    expect(entry.assignment.role).toBe('subcompartments');
    expect(entry.crs.code).toBe('EPSG:4524');
    expect(entry.encoding?.encoding).toBe('gbk');
    expect(entry.revision).toBeGreaterThan(0);
    expect(reloaded.collection(kept.id)).toEqual(plots.collection);
    expect(reloaded.effectiveLayer('subcompartments')?.features).toHaveLength(3);
    expect(reloaded.storageErrors).toEqual([]);
  });

  it('stores a large layer one chunk per record, reads it back, and deletes every record on removal', async () => {
    const points = Array.from({ length: 12_001 }, (_, index) => ({
      type: 'Feature' as const,
      properties: { 编号: `P${index}`, value: index / 7 },
      geometry: { type: 'Point' as const, coordinates: [108.3 + (index % 100) / 100, 28.4 + Math.floor(index / 100) / 200] },
    }));
    const large: ImportedLayer = { ...plots, name: '大图层', collection: { type: 'FeatureCollection', features: points }, featureCount: points.length, geometryTypes: ['Point'] };
    const first = new ImportedLayers({ openStore });
    const entry = first.add(large);
    await first.whenSaved();
    const store = await openStore();
    expect((await store.keys()).sort()).toEqual([entry.id, `${entry.id}:features:0`, `${entry.id}:features:1`, `${entry.id}:features:2`]);

    const reloaded = new ImportedLayers({ openStore });
    await reloaded.restore();
    expect(reloaded.collection(entry.id)).toEqual(large.collection);
    reloaded.remove(entry.id);
    await reloaded.whenSaved();
    // Kept (marked deleted) while the removal can be undone; gone once the notice is dismissed.
    expect(await store.keys()).toHaveLength(4);
    reloaded.forgetRemoved(entry.id);
    await reloaded.whenSaved();
    expect(await store.keys()).toEqual([]);
  });

  it('saves the import worker’s chunks as they are (uneven sizes), and reads back the same features', async () => {
    const points = Array.from({ length: 7003 }, (_, index) => ({
      type: 'Feature' as const,
      properties: { 编号: `P${index}` },
      geometry: { type: 'Point' as const, coordinates: [108.3 + (index % 100) / 100, 28.4 + Math.floor(index / 100) / 200] },
    }));
    // Chunks of 4,999 and 2,004: a feature taken out by the checks leaves a short chunk.
    const chunks = [encodeFeatures(points, 0, 4999), encodeFeatures(points, 4999, 7003)];
    const layer: ImportedLayer = { ...plots, name: '分块', collection: { type: 'FeatureCollection', features: points }, chunks, featureCount: points.length, geometryTypes: ['Point'] };
    const first = new ImportedLayers({ openStore });
    const entry = first.add(layer);
    await first.whenSaved();
    const store = await openStore();
    expect((await store.keys()).sort()).toEqual([entry.id, `${entry.id}:features:0`, `${entry.id}:features:1`]);
    expect((await store.get(`${entry.id}:features:0`))!.chunks![0]!.properties).toBe(chunks[0]!.properties);
    const reloaded = new ImportedLayers({ openStore });
    await reloaded.restore();
    expect(reloaded.collection(entry.id)).toEqual(layer.collection);
  });

  it('drops features left behind by an interrupted save once they are old, not another tab’s save in progress', async () => {
    const database = await openForestMapDatabase(DB);
    const lastWeek = new RevisionedStore(database, 'importedLayers', 'old-tab', () => new Date(Date.now() - 7 * 24 * 3600 * 1000));
    const chunk = { count: 0, structure: new Uint32Array(0), coordinates: new Float64Array(0), properties: '[]' };
    await lastWeek.put({ id: 'imported-gone:features:0', name: 'x', role: 'features', sourceFiles: [], chunks: [chunk] }, 0);
    const busyTab = new RevisionedStore(database, 'importedLayers', 'busy-tab');
    await busyTab.put({ id: 'imported-saving:features:0', name: 'y', role: 'features', sourceFiles: [], chunks: [chunk] }, 0);
    busyTab.close();
    lastWeek.close();
    database.close();
    const state = new ImportedLayers({ openStore });
    await state.restore();
    expect(state.layers).toEqual([]);
    expect(await (await openStore()).keys()).toEqual(['imported-saving:features:0']);
  });

  it('brings layers added at the same moment back in the order they were added', async () => {
    const now = () => new Date('2026-11-29T08:00:00Z');
    const first = new ImportedLayers({ openStore, now });
    const ids = [first.add(townships).id, first.add(plots).id, first.add(townships, { name: '第三层' }).id];
    await first.whenSaved();
    const reloaded = new ImportedLayers({ openStore, now });
    await reloaded.restore();
    expect(reloaded.layers.map((layer) => layer.id)).toEqual(ids);
  });

  it('keeps a layer for the session and reports it when it cannot be saved', async () => {
    const failing = new ImportedLayers({
      openStore: async () => {
        throw new Error('QuotaExceededError');
      },
    });
    const entry = failing.add(plots);
    await failing.whenSaved();
    expect(failing.entry(entry.id)).toBeDefined();
    expect(failing.storageErrors[0]?.zh).toContain('图层“小班”未能保存');
    expect(failing.storageErrors[0]?.en).toContain('QuotaExceededError');
  });
});

describe('imported layers: undoing a removal', () => {
  it('brings back a removed layer with its features, role and style', async () => {
    const state = new ImportedLayers({ openStore });
    const entry = state.add(townships, { assignment: suggestAssignment(townships.fields, 'townships') });
    state.setStyle(entry.id, { color: '#123456', opacity: 0.3 });
    await state.whenSaved();
    state.remove(entry.id);
    expect(state.layers).toEqual([]);
    expect(state.effectiveLayer('townships')).toBeNull();
    expect(state.removed.map((removed) => removed.name)).toEqual(['官方乡镇界']);
    await state.whenSaved();

    await state.undoRemove(entry.id);
    expect(state.removed).toEqual([]);
    expect(state.entry(entry.id)?.style).toEqual({ color: '#123456', opacity: 0.3, visible: true });
    expect(state.layerForRole('townships')?.id).toBe(entry.id);
    expect(state.collection(entry.id)).toEqual(townships.collection);
    await state.whenSaved();

    const reloaded = new ImportedLayers({ openStore });
    await reloaded.restore();
    expect(reloaded.layers.map((layer) => layer.id)).toEqual([entry.id]);
    expect(reloaded.removed).toEqual([]);
  });

  it('can still undo a removal after a reload, until the notice is dismissed', async () => {
    const first = new ImportedLayers({ openStore });
    const entry = first.add(plots, { assignment: suggestAssignment(plots.fields, 'subcompartments') });
    first.setStyle(entry.id, { opacity: 0.5 });
    first.remove(entry.id);
    await first.whenSaved();

    const reloaded = new ImportedLayers({ openStore });
    await reloaded.restore();
    expect(reloaded.layers).toEqual([]);
    expect(reloaded.removed.map((removed) => removed.id)).toEqual([entry.id]);
    await reloaded.undoRemove(entry.id);
    expect(reloaded.entry(entry.id)?.assignment.role).toBe('subcompartments');
    expect(reloaded.entry(entry.id)?.style.opacity).toBe(0.5);
    expect(reloaded.collection(entry.id)).toEqual(plots.collection);
    expect(reloaded.effectiveLayer('subcompartments')?.features).toHaveLength(3);
    expect(reloaded.storageErrors).toEqual([]);
    await reloaded.whenSaved();

    const third = new ImportedLayers({ openStore });
    await third.restore();
    expect(third.entry(entry.id)?.style.opacity).toBe(0.5);
    third.remove(entry.id);
    third.forgetRemoved(entry.id);
    expect(third.removed).toEqual([]);
    await third.whenSaved();
    const fourth = new ImportedLayers({ openStore });
    await fourth.restore();
    expect(fourth.layers).toEqual([]);
    expect(fourth.removed).toEqual([]);
    expect(await (await openStore()).keys()).toEqual([]);
  });

  it('gives a restored layer its role back from a layer that took it meanwhile', async () => {
    const state = new ImportedLayers({ openStore });
    const first = state.add(townships, { assignment: suggestAssignment(townships.fields, 'townships') });
    state.remove(first.id);
    const second = state.add(townships, { name: '第二份', assignment: suggestAssignment(townships.fields, 'townships') });
    await state.undoRemove(first.id);
    expect(state.layerForRole('townships')?.id).toBe(first.id);
    expect(state.entry(second.id)?.assignment.role).toBe('reference');
    await state.whenSaved();
  });
});
