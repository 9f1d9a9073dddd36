import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reprojectGeoJson } from '../../src/lib/geo/crs';
import { decodeLayerSource, errorResponse, runStatisticsJob, transferableBuffers, type StatisticsWorkerResponse } from '../../src/lib/geo/overlay/job';
import { OverlayInputError } from '../../src/lib/geo/overlay';
import { box, collection, feature, gridCells, gridZones } from './fixtures/geo/synthetic';

const fgb = (value: FeatureCollection, crs?: number) => serialize(value as Parameters<typeof serialize>[0], crs);

describe('statistics job (what the worker runs)', () => {
  it('accepts FlatGeobuf bytes and GeoJSON alike, honouring the FlatGeobuf CRS', async () => {
    const zones = gridZones();
    const forest = collection([feature([box(108.71, 28.81, 0.01)], { DI_LEI: '竹林地' })]);
    const fromGeoJson = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: forest }] });
    const projected = reprojectGeoJson(forest, 'EPSG:4326', 'EPSG:4545');
    const fromBytes = await runStatisticsJob({ zones: fgb(zones, 4326), layers: [{ id: 'subcompartments', source: fgb(projected, 4545).slice().buffer }] });
    const expected = fromGeoJson.overlay.zones[0]!.forestAreaSquareMetres;
    expect(expected).toBeGreaterThan(1e6);
    expect(Math.abs(fromBytes.overlay.zones[0]!.forestAreaSquareMetres - expected) / expected).toBeLessThan(1e-7);
    expect(fromBytes.totals.forestCoverage).toBeCloseTo(fromGeoJson.totals.forestCoverage!, 9);
    expect(fromBytes.timings.decodeMilliseconds).toBeGreaterThanOrEqual(0);
  });

  it('lists only whole buffers for transfer', () => {
    const whole = new Uint8Array(8);
    const view = new Uint8Array(new ArrayBuffer(16), 4, 4);
    const buffer = new ArrayBuffer(4);
    expect(transferableBuffers({ zones: whole, layers: [{ id: 'a', source: view }, { id: 'b', source: buffer }, { id: 'c', source: collection([]) }] })).toEqual([whole.buffer, buffer]);
  });

  it('turns input errors and cancellation into zh/en messages', async () => {
    const projected = collection([feature([box(575000, 3191000, 100)])]);
    const failure = await runStatisticsJob({ zones: gridZones(), layers: [{ id: 'x', source: projected }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OverlayInputError);
    expect(errorResponse(failure)).toMatchObject({ type: 'error', name: 'OverlayInputError', message: { en: expect.stringMatching(/not longitude\/latitude/) } });
    expect(errorResponse(new DOMException('x', 'AbortError'))).toMatchObject({ name: 'AbortError', message: { zh: '统计已取消' } });
    await expect(decodeLayerSource(new Uint8Array([1, 2, 3]), 'reserve')).rejects.toThrow('reserve: not a FlatGeobuf file');
  });
});

describe('statistics.worker.ts wiring (in-process)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  async function loadWorker() {
    const posted: StatisticsWorkerResponse[] = [];
    const scope: { onmessage: ((event: { data: unknown }) => void) | null; postMessage: (message: StatisticsWorkerResponse) => void } = {
      onmessage: null,
      postMessage: (message) => posted.push(message),
    };
    vi.stubGlobal('self', scope);
    await import('../../src/workers/statistics.worker');
    return { posted, send: (data: unknown) => scope.onmessage!({ data }) };
  }

  it('posts progress and the result', async () => {
    const { posted, send } = await loadWorker();
    send({ type: 'compute', request: { zones: gridZones(), layers: [{ id: 'subcompartments', source: gridCells(120, 0.00125, 108.7, 28.8, 1) }] } });
    await vi.waitFor(() => expect(posted.some((message) => message.type === 'result')).toBe(true), { timeout: 30_000 });
    const result = posted.find((message) => message.type === 'result')!;
    expect(result.type === 'result' && result.result.totals.layers.subcompartments!.featureCount).toBe(14400);
    expect(posted.some((message) => message.type === 'progress')).toBe(true);
  });

  it('stops on a cancel message', async () => {
    const { posted, send } = await loadWorker();
    send({ type: 'compute', request: { zones: gridZones(), layers: [{ id: 'subcompartments', source: gridCells(200, 0.00075, 108.7, 28.8, 2) }] } });
    await vi.waitFor(() => expect(posted.some((message) => message.type === 'progress')).toBe(true), { timeout: 30_000 });
    send({ type: 'cancel' });
    await vi.waitFor(() => expect(posted.at(-1)?.type).toBe('error'), { timeout: 30_000 });
    expect(posted.at(-1)).toMatchObject({ type: 'error', name: 'AbortError' });
  });
});
