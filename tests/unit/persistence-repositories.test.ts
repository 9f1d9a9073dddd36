/**
 * Every kind of user record goes through one Repository interface (src/lib/state/persistence/
 * repository.ts): the same contract is checked on plots, reviews, facilities and imported layers,
 * each opened twice on one database as two tabs.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { FeatureCollection } from 'geojson';
import type { Draft, Repository, Revisioned } from '../../src/lib/state/persistence/repository';
import { ConflictError } from '../../src/lib/state/persistence/repository';
import { PlotRepository } from '../../src/lib/state/plots/plot-repository';
import { ReviewRepository } from '../../src/lib/state/fire/review-store';
import { FACILITIES_SETTING, FacilityRepository } from '../../src/lib/state/fire/facility-repository';
import { ImportedLayerRepository, ORPHAN_AGE_MS } from '../../src/lib/state/imported-layer-repository';
import { openForestMapDatabase } from '../../src/lib/state/persistence/database';
import { CODEC_CHUNK } from '../../src/lib/state/import-codec';
import { encodeFeatures } from '../../src/lib/io/feature-chunks';

const DB = 'repositories-test';
const opened: Repository<Revisioned>[] = [];
afterEach(async () => {
  for (const repository of opened.splice(0)) repository.close();
  await deleteDB(DB);
});

const square = { type: 'Polygon' as const, coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.81], [108.8, 28.8]]] };

interface Case<T extends Revisioned> {
  readonly name: string;
  open(origin: string): Promise<Repository<T>>;
  /** A record and a changed version of it (same id). */
  readonly first: Draft<T>;
  readonly second: Draft<T>;
}

const cases = [
  {
    name: 'plots',
    open: (origin: string) => PlotRepository.open({ databaseName: DB, origin }),
    first: { id: 'p1', name: '一号地块', plotType: '人工造林', targetYear: 2026, notes: '', geometry: square, createdAt: '2026-11-29T00:00:00.000Z', deleted: false },
    second: { id: 'p1', name: '一号地块（改）', plotType: '人工造林', targetYear: 2027, notes: '', geometry: square, createdAt: '2026-11-29T00:00:00.000Z', deleted: false },
  },
  {
    name: 'reviews',
    open: (origin: string) => ReviewRepository.open({ databaseName: DB, origin }),
    first: { id: 'FZ-001', status: '已审核', reviewer: '李四', reviewDate: '2026-11-29', notes: '', actions: [] },
    second: { id: 'FZ-001', status: '需整改', reviewer: '李四', reviewDate: '2026-11-30', notes: '缺少取水点', actions: ['取水点'] },
  },
  {
    name: 'facilities',
    open: (origin: string) => FacilityRepository.open({ databaseName: DB, origin }),
    first: { id: FACILITIES_SETTING, value: [{ id: 'SP-1', kind: '视频监控', name: 'SP-1', position: [108.5, 28.8], radiusMetres: 3000 }] },
    second: { id: FACILITIES_SETTING, value: [{ id: 'SP-1', kind: '视频监控', name: 'SP-1', position: [108.5, 28.8], radiusMetres: 4000 }] },
  },
  {
    name: 'importedLayers',
    open: (origin: string) => ImportedLayerRepository.open({ databaseName: DB, origin }),
    first: { id: 'imported-a', name: '小班', role: 'reference', sourceFiles: ['a.shp'], details: { featureCount: 0 } },
    second: { id: 'imported-a', name: '小班（改）', role: 'subcompartments', sourceFiles: ['a.shp'], details: { featureCount: 0 } },
  },
] as unknown as Case<Revisioned>[];

describe.each(cases)('the $name repository', ({ name, open, first, second }) => {
  async function tab(origin: string): Promise<Repository<Revisioned>> {
    const repository = await open(origin);
    opened.push(repository);
    return repository;
  }

  it('names itself, writes with revisions and refuses a write based on an old one', async () => {
    const repository = await tab('a');
    expect(repository.name).toBe(name);
    const saved = await repository.put(first, 0);
    expect(saved.revision).toBe(1);
    expect(saved.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const changed = await repository.put(second, 1);
    expect(changed.revision).toBe(2);
    const refused = await repository.put(first, 1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).currentRevision).toBe(2);
    expect((await repository.get(first.id))?.revision).toBe(2);
    expect((await repository.list()).map((record) => record.id)).toEqual([first.id]);
  });

  it('tells another tab of a write and a removal, not itself', async () => {
    const tabA = await tab('a');
    const tabB = await tab('b');
    const seenByA: number[] = [];
    tabA.subscribe((change) => seenByA.push(change.revision));
    const seenByB: number[] = [];
    const removal = new Promise<void>((resolve) =>
      tabB.subscribe((change) => {
        seenByB.push(change.revision);
        if (change.revision === -1) resolve();
      }),
    );
    const saved = await tabA.put(first, 0);
    await expect(tabA.remove(first.id, saved.revision + 1)).rejects.toBeInstanceOf(ConflictError);
    expect(await tabB.get(first.id)).toBeDefined();
    await tabA.remove(first.id, saved.revision);
    await removal;
    expect(seenByB).toEqual([1, -1]);
    expect(seenByA).toEqual([]);
    expect(await tabB.get(first.id)).toBeUndefined();
    expect(await tabB.list()).toEqual([]);
  });
});

describe('repository specifics', () => {
  it('reviews: a put appends its history entry in the same transaction', async () => {
    const reviews = await ReviewRepository.open({ databaseName: DB, origin: 'a' });
    opened.push(reviews);
    await reviews.put(cases[1]!.first as never, 0);
    await reviews.put(cases[1]!.second as never, 1);
    expect((await reviews.history('FZ-001')).map((entry) => [entry.revision, entry.changes.map(([field]) => field)])).toEqual([
      [2, ['status', 'reviewDate', 'notes', 'actions']],
      [1, ['status', 'reviewer', 'reviewDate']],
    ]);
    await expect(reviews.put({ ...(cases[1]!.first as object), id: 'FZ-002', reviewer: ' ' } as never, 0)).rejects.toThrow(/reviewer/);
    expect(await reviews.history('FZ-002')).toEqual([]);
  });

  it('facilities: loads the saved list checked, and reports an unreadable one', async () => {
    const facilities = await FacilityRepository.open({ databaseName: DB, origin: 'a' });
    opened.push(facilities);
    expect(await facilities.load()).toEqual({ facilities: null, unreadable: false, revision: 0 });
    const revision = await facilities.save([{ id: 'SP-1', kind: '视频监控', name: 'SP-1', position: [108.5, 28.8], radiusMetres: 3000 }], 0);
    expect((await facilities.load()).facilities?.map((facility) => facility.radiusMetres)).toEqual([3000]);
    await facilities.put({ id: FACILITIES_SETTING, value: { not: 'a list' } }, revision);
    expect(await facilities.load()).toMatchObject({ facilities: null, unreadable: true, revision: 2 });
  });

  it('imported layers: features in 5,000-feature chunks, read back whole, removed with the layer; old orphans cleaned', async () => {
    const layers = await ImportedLayerRepository.open({ databaseName: DB, origin: 'a' });
    opened.push(layers);
    const count = CODEC_CHUNK * 2 + 3;
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: count }, (_, index) => ({ type: 'Feature', properties: { n: index }, geometry: { type: 'Point', coordinates: [108 + index / 1e5, 28.8] } })),
    };
    expect(await layers.writeFeatures('imported-big', collection, { name: '大图层' }, () => true)).toBe(true);
    const details = await layers.put({ id: 'imported-big', name: '大图层', role: 'reference', sourceFiles: [], details: { featureCount: count } as never }, 0);
    expect(await layers.list()).toEqual([details]);
    const read = await layers.readFeatures(details);
    expect(read.features).toHaveLength(count);
    expect(read.features[count - 1]?.properties).toEqual({ n: count - 1 });

    const database = await openForestMapDatabase(DB);
    expect((await database.getAllKeys('importedLayers')).sort()).toEqual(['imported-big', 'imported-big:features:0', 'imported-big:features:1', 'imported-big:features:2']);
    await layers.remove('imported-big');
    expect(await database.getAllKeys('importedLayers')).toEqual([]);

    await layers.writeFeatures('imported-interrupted', collection, { name: '中断' }, () => true);
    await layers.cleanOrphans(new Date());
    expect(await database.getAllKeys('importedLayers')).toHaveLength(3);
    await layers.cleanOrphans(new Date(Date.now() + ORPHAN_AGE_MS + 1000));
    expect(await database.getAllKeys('importedLayers')).toEqual([]);
    database.close();
  });
  it('imported layers: the import worker’s chunks are stored as they are, in order, in one transaction', async () => {
    const layers = await ImportedLayerRepository.open({ databaseName: DB, origin: 'a' });
    opened.push(layers);
    const features = Array.from({ length: 27 }, (_, index) => ({
      type: 'Feature' as const,
      properties: { n: index },
      geometry: { type: 'Polygon' as const, coordinates: [[[108 + index / 100, 28.8], [108.005 + index / 100, 28.8], [108.005 + index / 100, 28.805], [108 + index / 100, 28.8]]] },
    }));
    // Nine chunks of three: more than one task's worth, so the transaction spans several hand-overs.
    const chunks = Array.from({ length: 9 }, (_, index) => encodeFeatures(features, index * 3, index * 3 + 3));
    expect(await layers.writeFeatures('imported-chunks', { type: 'FeatureCollection', features }, { name: '分块' }, () => true, chunks)).toBe(true);
    const database = await openForestMapDatabase(DB);
    expect(await database.getAllKeys('importedLayers')).toHaveLength(9);
    database.close();
    const details = await layers.put({ id: 'imported-chunks', name: '分块', role: 'reference', sourceFiles: [], details: { featureCount: 27 } as never }, 0);
    const read = await layers.readFeatures(details);
    expect(read.features.map((feature) => feature.properties?.n)).toEqual(features.map((_, index) => index));
    expect(read.features[26]?.geometry).toEqual(features[26]!.geometry);
    // Written again under the same id (a second tab's save of the same layer): refused, nothing changes.
    await expect(layers.writeFeatures('imported-chunks', { type: 'FeatureCollection', features }, { name: '分块' }, () => true, chunks)).rejects.toBeInstanceOf(ConflictError);
  });
});
