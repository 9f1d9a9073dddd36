/**
 * The plot conflict check's session (lib/state/plots/conflict-check.ts) and its worker client,
 * wired in-process behind a stand-in Worker: catalog files that cannot be read become notes, a
 * stand-in layer's features travel once and are kept by key, a crashed worker gives a typed
 * error and the next check starts a new one, and dispose stops pending checks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../src/workers/plot-conflicts.worker';
import { PlotConflictClient, PlotConflictError } from '../../src/workers/plot-conflicts-client';
import { box, collection, feature } from './fixtures/geo/synthetic';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

let server: Server;
let base = '';
let workers: FakeWorkers;
let requests = 0;

beforeAll(async () => {
  // Every catalog file is missing: each becomes a note, the stand-ins still count.
  server = createServer((_request, response) => {
    requests++;
    response.writeHead(404, 'Not Found');
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`;
  workers = installFakeWorker(api);
});

afterAll(async () => {
  workers.restore();
  await new Promise((resolve) => server.close(resolve));
});

const plot = { id: 'p1', geometry: { type: 'Polygon' as const, coordinates: [box(108.7, 28.8, 0.01)] } };
const protection = collection([feature([box(108.705, 28.8, 0.01)], { MING_CHENG: '楠木保护区' })]);

describe('plot conflict worker and client', () => {
  it('checks against a stand-in layer, noting the catalog files it could not read', async () => {
    const client = new PlotConflictClient(base);
    const answer = await client.check([plot], undefined, [{ id: 'nanmuProtection', name: '我的保护区', features: protection }]);
    const [result] = answer.results;
    const overlap = result!.layers.find((layer) => layer.layerId === 'nanmuProtection')!;
    expect(overlap.areaSquareMetres / result!.areaSquareMetres).toBeCloseTo(0.5, 2);
    expect(overlap.categories.map((category) => category.value)).toEqual(['楠木保护区']);
    expect(result!.flags.layers).toContain('nanmuProtection');
    expect(answer.notes.some((note) => note.en.includes('could not be loaded; the check leaves it out: ') && note.en.includes('HTTP 404'))).toBe(true);
    // The same stand-in again: its features stay in the worker (not sent), the check still sees them; catalog files are not fetched again.
    const fetched = requests;
    const again = await client.check([plot], undefined, [{ id: 'nanmuProtection', name: '我的保护区', features: protection }]);
    expect(again.results[0]!.layers.find((layer) => layer.layerId === 'nanmuProtection')!.areaSquareMetres).toBe(overlap.areaSquareMetres);
    expect(requests).toBe(fetched);
    client.dispose();
  });

  it('a crashed worker ends the check with a typed error; the next check starts a new worker', async () => {
    const client = new PlotConflictClient(base);
    workers.silent = true;
    const pending = client.check([plot]);
    workers.crash('out of memory');
    workers.silent = false;
    const error = await pending.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PlotConflictError);
    expect((error as PlotConflictError).messages).toEqual({ zh: '冲突检查失败：out of memory', en: 'the conflict check failed: out of memory' });
    const created = workers.created();
    await expect(client.check([plot])).resolves.toMatchObject({ results: [{ plotId: 'p1' }] });
    expect(workers.created()).toBe(created + 1);
    client.dispose();
  });

  it('dispose stops a pending check with a clear message', async () => {
    const client = new PlotConflictClient(base);
    workers.silent = true;
    const pending = client.check([plot]);
    client.dispose();
    workers.silent = false;
    await expect(pending).rejects.toMatchObject({ name: 'PlotConflictError', messages: { zh: '冲突检查已停止' } });
  });
});
