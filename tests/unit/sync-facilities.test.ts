import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { Point } from 'geojson';
import { ApiClient, type FetchLike, type RemoteFacility } from '../../src/lib/sync/api-client';
import { Outbox } from '../../src/lib/sync/outbox';
import { facilitySync } from '../../src/lib/sync/facility-sync';
import { SyncEngine } from '../../src/lib/sync/sync-engine';
import { SYNC_ORIGIN_PREFIX } from '../../src/lib/sync/sync-kind';
import { FACILITIES_SETTING, FacilityRepository } from '../../src/lib/state/fire/facility-repository';
import type { Facility } from '../../src/lib/geo/coverage/facility';

/** /api/facilities as the server answers it: per-record revisions, 409 with the current record, soft delete. */
class FakeFacilityServer {
  readonly facilities = new Map<string, RemoteFacility>();
  readonly log: string[] = [];

  readonly fetch: FetchLike = async (url, init) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    const [path, query] = url.replace(/^\/api\//, '').split('?');
    const id = decodeURIComponent(path!.split('/')[1] ?? '');
    const revision = method === 'DELETE' ? Number(new URLSearchParams(query).get('revision')) : body.revision;
    this.log.push(`${method} ${path}${method === 'PUT' || method === 'DELETE' ? `@${String(revision)}` : ''}`);
    if (method === 'GET' && !id) return this.json(200, [...this.facilities.values()]);
    if (method === 'GET') return this.facilities.has(id) ? this.json(200, this.facilities.get(id)) : this.json(404, { error: 'Not found' });
    if (method === 'POST') {
      const existing = this.facilities.get(String(body.id));
      if (existing) return this.json(409, { error: 'Changed by someone else / 该记录已被他人修改', current: existing });
      return this.json(201, this.write(String(body.id), body, undefined, 'officer'));
    }
    const before = this.facilities.get(id);
    if (!before) return this.json(404, { error: 'Not found' });
    if (before.revision !== revision) return this.json(409, { error: 'Changed by someone else / 该记录已被他人修改', current: before });
    return this.json(200, this.write(id, method === 'DELETE' ? { ...before, deleted: true } : body, before, 'officer'));
  };

  write(id: string, body: Record<string, unknown>, before: RemoteFacility | undefined, by: string): RemoteFacility {
    const facility: RemoteFacility = {
      id,
      kind: String(body.kind),
      name: String(body.name),
      township: String(body.township ?? ''),
      radiusMetres: body.radiusMetres as number | null,
      geometry: body.geometry as Point,
      deleted: Boolean(body.deleted ?? before?.deleted ?? false),
      updatedAt: '2026-01-02T00:00:00.000Z',
      updatedBy: by,
      revision: (before?.revision ?? 0) + 1,
    };
    this.facilities.set(id, facility);
    return facility;
  }

  private json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }
}

const tower: Facility = { id: 'tower-1', kind: '瞭望塔', name: '天馆望楼', position: [108.8, 28.8], radiusMetres: 8000 };
const camera: Facility = { id: 'cam-1', kind: '视频监控', name: '监控 1', position: [108.9, 28.9], radiusMetres: 5000 };

const cleanups: (() => Promise<void> | void)[] = [];
let counter = 0;

/** One fire officer's browser: the panel's facility repository, the sync's copy, an outbox and the engine. */
async function browser(server: FakeFacilityServer) {
  const name = `sync-facilities-${++counter}`;
  const panel = await FacilityRepository.open({ databaseName: name, origin: 'tab' });
  const syncCopy = await FacilityRepository.open({ databaseName: name, origin: `${SYNC_ORIGIN_PREFIX}${name}` });
  const outbox = await Outbox.open(`${name}-sync`);
  const engine = new SyncEngine(new ApiClient('/api/', server.fetch), outbox, [facilitySync(syncCopy)]);
  cleanups.push(async () => {
    engine.stop();
    panel.close();
    syncCopy.close();
    outbox.close();
    await deleteDB(name);
    await deleteDB(`${name}-sync`);
  });
  /** The fire panel's save of the whole list, announced as the app announces it. */
  const save = async (facilities: Facility[]) => {
    const { revision } = await panel.load();
    const next = await panel.save(facilities, revision);
    await engine.localChange({ storeName: 'settings', id: FACILITIES_SETTING, revision: next, origin: 'tab' });
  };
  return { panel, engine, outbox, save };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('facility sync', () => {
  it('sends each facility of the saved list as its own record, then only the ones that changed', async () => {
    const server = new FakeFacilityServer();
    const { save, outbox } = await browser(server);
    await save([tower, camera]);
    expect(server.log).toEqual(['POST facilities', 'POST facilities']);
    expect(server.facilities.get('tower-1')).toMatchObject({ name: '天馆望楼', radiusMetres: 8000, geometry: { type: 'Point', coordinates: [108.8, 28.8] }, revision: 1 });

    server.log.length = 0;
    await save([{ ...tower, radiusMetres: 9000 }, camera]);
    expect(server.log).toEqual(['PUT facilities/tower-1@1']);
    expect(server.facilities.get('tower-1')).toMatchObject({ radiusMetres: 9000, revision: 2 });

    // Removed from the list: deleted on the server (soft), once.
    server.log.length = 0;
    await save([{ ...tower, radiusMetres: 9000 }]);
    expect(server.log).toEqual(['DELETE facilities/cam-1@1']);
    expect(server.facilities.get('cam-1')).toMatchObject({ deleted: true, revision: 2 });
    server.log.length = 0;
    await save([{ ...tower, radiusMetres: 9000, name: '天馆望楼（新）' }]);
    expect(server.log).toEqual(['PUT facilities/tower-1@2']);
    expect(await outbox.count()).toBe(0);
  });

  it("another officer's edit arrives in the local list, and a write on an old revision becomes a conflict that loses nothing", async () => {
    const server = new FakeFacilityServer();
    const first = await browser(server);
    const second = await browser(server);
    await first.save([tower, camera]);

    // The second officer pulls the facilities into their list (never saved there before).
    expect(await second.engine.pull()).toBe(true);
    expect((await second.panel.load()).facilities).toEqual([tower, camera]);
    const heard: string[] = [];
    second.panel.subscribe((notice) => heard.push(notice.id));

    // The first officer moves the camera; the second hears of it live.
    await first.save([tower, { ...camera, position: [108.95, 28.95] }]);
    await second.engine.remoteChange({ type: 'facilities', id: 'cam-1', revision: 2 });
    expect((await second.panel.load()).facilities?.find((item) => item.id === 'cam-1')?.position).toEqual([108.95, 28.95]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([FACILITIES_SETTING]);

    // Both change the tower's radius; the second one's write is on revision 1 after the first's made it 2.
    server.write('tower-1', { ...server.facilities.get('tower-1')!, radiusMetres: 7000 }, server.facilities.get('tower-1'), 'other');
    const secondList = (await second.panel.load()).facilities!;
    await second.save(secondList.map((item) => (item.id === 'tower-1' ? { ...item, radiusMetres: 12000 } : item)));
    const [problem] = second.engine.status.problems;
    expect(problem).toMatchObject({ reason: 'conflict', type: 'facilities', id: 'tower-1', mine: { radiusMetres: 12000 }, theirs: { radiusMetres: 7000, revision: 2 } });
    expect(server.facilities.get('tower-1')?.radiusMetres).toBe(7000);
    expect(second.engine.compare(problem!).find((row) => row.field === 'radiusMetres')).toMatchObject({ mine: 12000, theirs: 7000, differs: true });

    await second.engine.resolve(problem!, 'mine');
    expect(server.facilities.get('tower-1')).toMatchObject({ radiusMetres: 12000, revision: 3 });
    expect(second.engine.status.problems).toEqual([]);
  });

  it('live events for many facilities at once all land in the one local list', async () => {
    const server = new FakeFacilityServer();
    const first = await browser(server);
    const second = await browser(server);
    const many = Array.from({ length: 12 }, (_, index): Facility => ({ ...camera, id: `cam-${index}`, name: `监控 ${index}`, position: [108.8 + index / 100, 28.9] }));
    await first.save(many);
    await Promise.all(many.map((facility) => second.engine.remoteChange({ type: 'facilities', id: facility.id, revision: 1 })));
    expect((await second.panel.load()).facilities?.map((facility) => facility.id).sort()).toEqual(many.map((facility) => facility.id).sort());
    expect(second.engine.status.reachability).toBe('online');
  });

  it('choosing theirs puts the server facility into the local list', async () => {
    const server = new FakeFacilityServer();
    const officer = await browser(server);
    await officer.save([tower]);
    server.write('tower-1', { ...server.facilities.get('tower-1')!, name: '他人改名' }, server.facilities.get('tower-1'), 'other');
    await officer.save([{ ...tower, name: '我改名' }]);
    const [problem] = officer.engine.status.problems;
    await officer.engine.resolve(problem!, 'theirs');
    expect((await officer.panel.load()).facilities).toMatchObject([{ id: 'tower-1', name: '他人改名' }]);
    expect(officer.engine.status.pending).toBe(0);
    // What the server has is now known: saving the list unchanged sends nothing.
    server.log.length = 0;
    await officer.save((await officer.panel.load()).facilities!);
    expect(server.log).toEqual([]);
  });

  it('ignores other settings written in the same store', async () => {
    const server = new FakeFacilityServer();
    const { engine } = await browser(server);
    await engine.localChange({ storeName: 'settings', id: 'basemap', revision: 1, origin: 'tab' });
    expect(server.log).toEqual([]);
    expect(engine.status.pending).toBe(0);
  });
});
