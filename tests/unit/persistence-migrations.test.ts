/**
 * Schema upgrades: a database made by the first release (version 1, its exact schema, data in
 * every store) opened by today's code keeps everything; a tab holding the database open is
 * told to close when another tab upgrades it, and an upgrade kept waiting is reported.
 */
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { DATABASE_VERSION, MIGRATIONS, openForestMapDatabase } from '../../src/lib/state/persistence/database';
import { onConnectionEvent, type ConnectionEvent } from '../../src/lib/state/persistence/connection-events';
import { RevisionedStore } from '../../src/lib/state/persistence/revisioned-store';

const DB = 'migrations-test';
const square = { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] };
const FEATURE_CHUNK = { count: 1, structure: new Uint32Array([3, 2, 1, 4]), coordinates: new Float64Array([108.8, 28.8, 108.81, 28.8, 108.81, 28.81, 108.8, 28.8]), properties: '[[null,{"名称":"一号"}]]' };

/** The first release's schema, written out here (not taken from MIGRATIONS) so a changed step 0 → 1 is caught. */
async function createVersion1Database(): Promise<void> {
  const database = await openDB(DB, 1, {
    upgrade(db) {
      db.createObjectStore('plots', { keyPath: 'id' });
      db.createObjectStore('reviews', { keyPath: 'id' });
      const history = db.createObjectStore('reviewHistory', { keyPath: 'sequence', autoIncrement: true });
      history.createIndex('byZone', 'zoneId');
      db.createObjectStore('importedLayers', { keyPath: 'id' });
      db.createObjectStore('settings', { keyPath: 'id' });
    },
  });
  const at = '2026-11-01T08:00:00.000Z';
  await database.put('plots', { id: 'plot-1', revision: 3, updatedAt: at, name: '桃花源1号', plotType: '人工造林', targetYear: 2024, notes: '', geometry: square, createdAt: at, deleted: false });
  await database.put('plots', { id: 'plot-2', revision: 2, updatedAt: at, name: '已删除', plotType: '封山育林', targetYear: 2025, notes: 'x', geometry: square, createdAt: at, deleted: true });
  await database.put('reviews', { id: 'FZ-001', revision: 2, updatedAt: at, status: 'reviewed', reviewer: '张三', reviewDate: '2026-11-01', notes: '已巡查', actions: ['清理可燃物'] });
  await database.add('reviewHistory', { zoneId: 'FZ-001', at, reviewer: '张三', revision: 1, changes: [['status', '未审核', '需整改']] });
  await database.add('reviewHistory', { zoneId: 'FZ-001', at, reviewer: '张三', revision: 2, changes: [['status', '需整改', '已审核']] });
  await database.put('importedLayers', { id: 'imported-a', revision: 1, updatedAt: at, name: '乡镇界', role: 'townships', sourceFiles: ['乡镇界.shp'], details: { featureCount: 1 } });
  await database.put('importedLayers', { id: 'imported-a:features:0', revision: 1, updatedAt: at, name: '乡镇界', role: 'features', sourceFiles: [], chunks: [FEATURE_CHUNK] });
  await database.put('settings', { id: 'fire-facilities', revision: 4, updatedAt: at, value: [{ id: 'cam-1', radiusMetres: 3000 }] });
  database.close();
}

const events: ConnectionEvent[] = [];
const unsubscribe = onConnectionEvent((event) => events.push(event));
const opened: IDBPDatabase<unknown>[] = [];

afterEach(async () => {
  for (const database of opened.splice(0)) database.close();
  events.length = 0;
  await deleteDB(DB);
});
process.on('exit', unsubscribe);

describe('schema upgrades', () => {
  it('has one step per version', () => {
    expect(MIGRATIONS).toHaveLength(DATABASE_VERSION);
    expect(DATABASE_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('opens a version-1 database with data in every store and loses nothing', async () => {
    await createVersion1Database();
    const before = await openDB(DB, 1);
    const snapshot: Record<string, unknown[]> = {};
    for (const store of before.objectStoreNames) snapshot[store] = await before.getAll(store);
    before.close();

    const database = await openForestMapDatabase(DB, { now: () => new Date('2026-12-01T00:00:00Z') });
    opened.push(database as IDBPDatabase<unknown>);
    expect(database.version).toBe(DATABASE_VERSION);
    for (const [store, records] of Object.entries(snapshot)) expect(await database.getAll(store as 'plots'), store).toEqual(records);
    expect(await database.getAllFromIndex('reviewHistory', 'byZone', 'FZ-001')).toHaveLength(2);
    const chunk = (await database.get('importedLayers', 'imported-a:features:0'))!.chunks![0]!;
    expect(chunk.coordinates).toBeInstanceOf(Float64Array);
    expect([...chunk.coordinates]).toEqual([...FEATURE_CHUNK.coordinates]);
    // The steps 1 → 2 → 3 recorded themselves; a new history entry still gets the next sequence.
    expect(await database.get('meta', 'schema-history')).toEqual({ id: 'schema-history', steps: [2, 3].map((version) => ({ version, appliedAt: '2026-12-01T00:00:00.000Z' })) });
    const sequence = await database.add('reviewHistory', { zoneId: 'FZ-001', at: '2026-12-01T00:00:00.000Z', reviewer: '李四', revision: 3, changes: [] });
    expect(sequence).toBe(3);
    // The revisioned stores go on from the stored revision.
    const plots = new RevisionedStore(database, 'plots', 'tab');
    const plot = (await plots.get('plot-1'))!;
    expect((await plots.put({ ...plot, name: '改名' }, plot.revision)).revision).toBe(4);
    plots.close();
  });

  it('creates a new database through every step', async () => {
    const database = await openForestMapDatabase(DB, { now: () => new Date('2026-12-01T00:00:00Z') });
    opened.push(database as IDBPDatabase<unknown>);
    expect([...database.objectStoreNames].sort()).toEqual(['corridors', 'importedLayers', 'meta', 'plots', 'reviewHistory', 'reviews', 'settings']);
    const history = await database.get('meta', 'schema-history');
    expect(history).toEqual({ id: 'schema-history', steps: [1, 2, 3].map((version) => ({ version, appliedAt: '2026-12-01T00:00:00.000Z' })) });
  });

  it('opens a version-2 database, keeps everything and adds the empty corridors store (step 2 → 3)', async () => {
    await createVersion1Database();
    // Version 2 as released: version 1 plus the meta store with its schema history.
    const version2 = await openDB(DB, 2, {
      upgrade(db) {
        db.createObjectStore('meta', { keyPath: 'id' });
      },
    });
    await version2.put('meta', { id: 'schema-history', steps: [{ version: 2, appliedAt: '2026-11-15T00:00:00.000Z' }] });
    await version2.put('meta', { id: 'last-backup', at: '2026-11-20T00:00:00.000Z', fileName: '备份.zip' });
    const snapshot: Record<string, unknown[]> = {};
    for (const store of version2.objectStoreNames) snapshot[store] = await version2.getAll(store);
    version2.close();

    const database = await openForestMapDatabase(DB, { now: () => new Date('2026-12-01T00:00:00Z') });
    opened.push(database as IDBPDatabase<unknown>);
    expect(database.version).toBe(3);
    for (const [store, records] of Object.entries(snapshot)) {
      if (store !== 'meta') expect(await database.getAll(store as 'plots'), store).toEqual(records);
    }
    expect(await database.get('meta', 'last-backup')).toEqual({ id: 'last-backup', at: '2026-11-20T00:00:00.000Z', fileName: '备份.zip' });
    expect(await database.get('meta', 'schema-history')).toEqual({
      id: 'schema-history',
      steps: [
        { version: 2, appliedAt: '2026-11-15T00:00:00.000Z' },
        { version: 3, appliedAt: '2026-12-01T00:00:00.000Z' },
      ],
    });
    expect(await database.count('corridors')).toBe(0);
    // The new store is a revisioned store like the others.
    const corridors = new RevisionedStore(database, 'corridors', 'tab');
    const line = [[108.5, 28.6], [108.5, 28.7]];
    const saved = await corridors.put(
      { id: 'c1', name: '乌江', river: { kind: 'catalog', name: '乌江' }, line: [line], spec: { widthMetres: 100 }, geometry: square as never, areaSquareMetres: 1, origin: 'user', createdAt: '2026-12-01T00:00:00.000Z', deleted: false },
      0,
    );
    expect(saved.revision).toBe(1);
    corridors.close();
  });

  it('closes its connection when another tab upgrades the schema, so that tab does not hang', async () => {
    const ours = await openForestMapDatabase(DB);
    const closed = new Promise<void>((resolve) => ours.addEventListener('close', () => resolve()));
    // A later release in another tab; it would wait forever if our connection stayed open.
    const newer = await openDB(DB, DATABASE_VERSION + 1);
    opened.push(newer);
    expect(newer.version).toBe(DATABASE_VERSION + 1);
    expect(events).toContainEqual({ kind: 'closed-for-upgrade', currentVersion: DATABASE_VERSION, wantedVersion: DATABASE_VERSION + 1 });
    // Our connection is unusable now: a write fails with an error instead of hanging.
    await expect(ours.put('settings', { id: 'x', revision: 1, updatedAt: '', value: 1 })).rejects.toThrow();
    void closed;
  });

  it('reports an upgrade kept waiting by an old tab that does not close, and goes on once it closes', async () => {
    await createVersion1Database();
    // An old release's tab: no versionchange handler.
    const old = await openDB(DB, 1);
    const opening = openForestMapDatabase(DB);
    await expect.poll(() => events.map((event) => event.kind)).toContain('blocked');
    expect(events[0]).toEqual({ kind: 'blocked', currentVersion: 1, wantedVersion: DATABASE_VERSION });
    old.close();
    const database = await opening;
    opened.push(database as IDBPDatabase<unknown>);
    expect(database.version).toBe(DATABASE_VERSION);
    expect(events.map((event) => event.kind)).toEqual(['blocked', 'unblocked']);
    expect(await database.count('plots')).toBe(2);
  });

  it('is the only place the app opens IndexedDB, so every connection handles upgrades', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((file) => /\.(ts|svelte)$/.test(file));
    const openers = files.filter((file) => {
      const text = readFileSync(join('src', file), 'utf8');
      return /\bopenDB\s*(<[^>]*>)?\s*\(|indexedDB\.open\s*\(/.test(text);
    });
    expect(openers.map((file) => file.replaceAll('\\', '/'))).toEqual(['lib/state/persistence/database.ts']);
  });
});
