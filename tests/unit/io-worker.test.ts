/**
 * The import worker's API and its client, wired together in-process: a stand-in Worker runs the
 * real worker API behind a MessageChannel (tests/unit/fixtures/fake-worker.ts), so progress,
 * transfer, the pieces of a large result and cancel are exercised without a browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../src/lib/io';
import { api } from '../../src/workers/import.worker';
import { startImport } from '../../src/workers/import-client';
import { importInPieces, type ImportSink } from '../../src/lib/io/import-in-pieces';
import { gbkShapefile4524, gpxTrack } from './fixtures/io/fixtures';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

let workers: FakeWorkers;

beforeAll(() => {
  workers = installFakeWorker(api);
});

afterAll(() => workers.restore());

describe('import worker and client', () => {
  it('imports File objects and in-memory bytes (transferred) with progress', async () => {
    const parts = await gbkShapefile4524();
    const gpx = gpxTrack();
    const progress: ImportProgress[] = [];
    const files = [...parts.map((part) => new File([part.bytes as Uint8Array<ArrayBuffer>], part.name)), gpx];
    const task = startImport(files, { onProgress: (event) => progress.push(event), invalid: 'repair' });
    const result = await task.result;
    expect(result.errors).toEqual([]);
    expect(result.layers.map((layer) => `${layer.name} ${layer.crs.code} ${layer.encoding?.encoding ?? '-'}`)).toEqual(['小班 EPSG:4524 gbk', '巡护 EPSG:4326 -']);
    expect(result.layers[0]!.collection.features[0]!.properties!.XIANG).toBe('龚滩镇');
    expect(progress[0]!.stage).toBe('read');
    expect(progress.at(-1)).toEqual({ stage: 'done', file: '', fraction: 1 });
    // The GPX bytes were moved to the worker, not copied.
    expect(gpx.bytes.byteLength).toBe(0);
  });

  it('sends large layers in feature chunks and reassembles them in order', async () => {
    const features = Array.from({ length: 12_001 }, (_, index) => ({
      type: 'Feature',
      properties: { n: index },
      geometry: { type: 'Point', coordinates: [108.3 + index * 1e-5, 28.9] },
    }));
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    let messages = 0;
    const result = await startImport([{ name: 'points.geojson', bytes }], { onProgress: () => messages++ }).result;
    const layer = result.layers[0]!;
    expect(layer.featureCount).toBe(12_001);
    expect(layer.collection.features).toHaveLength(12_001);
    expect(layer.collection.features.every((feature, index) => feature.properties!.n === index)).toBe(true);
    expect(messages).toBeGreaterThan(0);
  });

  it('hands a 12,001-feature layer over as three chunks of at most 5,000 while reading, then its summary', async () => {
    const features = Array.from({ length: 12_001 }, (_, index) => ({ type: 'Feature', properties: { n: index }, geometry: { type: 'Point', coordinates: [108.3, 28.9] } }));
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const calls: string[] = [];
    const sink: ImportSink = {
      progress: () => {},
      layer: (key, layer) => void calls.push(`layer ${key} ${layer.collection.features.length} ${layer.featureCount}`),
      features: (key, chunk) => void calls.push(`features ${key} ${chunk.count}`),
    };
    const outcome = await importInPieces([{ name: 'points.geojson', bytes }], {}, sink);
    expect(outcome).toEqual({ errors: [], warnings: [] });
    expect(calls).toEqual(['features 0 5000', 'features 0 5000', 'features 0 2001', 'layer 0 0 12001']);
  });

  it('cancels: the worker is terminated and the result says cancelled', async () => {
    const before = workers.terminated();
    const controller = new AbortController();
    const task = startImport([gpxTrack()], { signal: controller.signal });
    controller.abort();
    const result = await task.result;
    expect(result.layers).toEqual([]);
    expect(result.errors.map((error) => error.message.en)).toEqual(['巡护.gpx: import cancelled']);
    expect(workers.terminated()).toBe(before + 1);
  });

  it('a finished import terminates its worker too', async () => {
    const before = workers.terminated();
    const result = await startImport([gpxTrack()]).result;
    expect(result.layers).toHaveLength(1);
    expect(workers.terminated()).toBe(before + 1);
  });
});
