/**
 * The import worker and its client, wired together in-process: a stand-in Worker class runs the
 * real worker module against a stand-in worker scope, so messages, progress, transfer and cancel
 * are exercised without a browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../src/lib/io';
import { gbkShapefile4524, gpxTrack } from './fixtures/io/fixtures';

type Handler = ((event: { data: unknown }) => void) | null;

/** The worker's `self`: messages it posts go to the current FakeWorker. */
const scope: { onmessage: Handler; postMessage(data: unknown): void } = {
  onmessage: null,
  // Results must survive structured cloning, as between a real worker and the page.
  postMessage: (data) => {
    posted.push((data as { type: string }).type);
    current?.onmessage?.({ data: structuredClone(data) });
  },
};
let current: FakeWorker | null = null;
const posted: string[] = [];
let terminated = 0;

class FakeWorker {
  onmessage: Handler = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  constructor() {
    current = this;
  }
  postMessage(data: { files: Array<Blob | { name: string; bytes: Uint8Array }> }, transfer: ArrayBuffer[] = []): void {
    // Node's structuredClone drops a File's name (browsers keep it): pass Files as they are,
    // clone in-memory bytes with the transfer list like a browser would.
    const files = data.files.map((file) =>
      file instanceof Blob ? file : { name: file.name, bytes: structuredClone(file.bytes, { transfer: transfer.filter((buffer) => buffer === file.bytes.buffer) }) },
    );
    setTimeout(() => scope.onmessage?.({ data: { ...data, files } }), 0);
  }
  terminate(): void {
    terminated++;
    if (current === this) current = null;
  }
}

const globals = globalThis as unknown as Record<string, unknown>;
let startImport: typeof import('../../src/workers/import-client').startImport;

beforeAll(async () => {
  globals.self = scope;
  globals.Worker = FakeWorker;
  await import('../../src/workers/import.worker');
  ({ startImport } = await import('../../src/workers/import-client'));
});

afterAll(() => {
  delete globals.self;
  delete globals.Worker;
});

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
    let messages = 0;
    posted.length = 0;
    const features = Array.from({ length: 12_001 }, (_, index) => ({
      type: 'Feature',
      properties: { n: index },
      geometry: { type: 'Point', coordinates: [108.3 + index * 1e-5, 28.9] },
    }));
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const task = startImport([{ name: 'points.geojson', bytes }], { onProgress: () => messages++ });
    const result = await task.result;
    const layer = result.layers[0]!;
    expect(layer.featureCount).toBe(12_001);
    expect(layer.collection.features).toHaveLength(12_001);
    expect(layer.collection.features.every((feature, index) => feature.properties!.n === index)).toBe(true);
    expect(messages).toBeGreaterThan(0);
    // 12,001 features in chunks of 5,000: three messages after the layer summary.
    expect(posted.filter((type) => type !== 'progress')).toEqual(['layer', 'features', 'features', 'features', 'done']);
  });

  it('cancels: the worker is terminated and the result says cancelled', async () => {
    const before = terminated;
    const controller = new AbortController();
    const task = startImport([gpxTrack()], { signal: controller.signal });
    controller.abort();
    const result = await task.result;
    expect(result.layers).toEqual([]);
    expect(result.errors.map((error) => error.message.en)).toEqual(['巡护.gpx: import cancelled']);
    expect(terminated).toBe(before + 1);
  });
});
