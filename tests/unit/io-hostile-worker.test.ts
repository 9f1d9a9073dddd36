/**
 * The import worker and client when things go wrong: an exception while handing the result over
 * (here a piece that cannot be posted, DataCloneError) ends the import with a typed error instead
 * of leaving it "running"; a worker that stops answering is terminated by the page's watchdog; a
 * worker that crashes ends the import with a typed error. Wired in-process with a stand-in Worker,
 * as in io-worker.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../src/workers/import.worker';
import { startImport } from '../../src/workers/import-client';
import { importInPieces } from '../../src/lib/io/import-in-pieces';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

let workers: FakeWorkers;
const point = () => ({ name: '点.geojson', bytes: new TextEncoder().encode('{"type":"Point","coordinates":[108.77,28.84]}') });

beforeAll(() => {
  workers = installFakeWorker(api);
});

afterAll(() => workers.restore());

beforeEach(() => {
  workers.silent = false;
});

/** The task's result, or 'still running' when it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  return Promise.race([promise, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

describe('import worker failures', () => {
  it('a piece that cannot be handed over (DataCloneError) ends the import with a typed error', async () => {
    const outcome = await importInPieces([point()], {}, {
      progress: () => {},
      layer: () => {},
      features: () => {
        throw new DOMException('could not be cloned', 'DataCloneError');
      },
    });
    expect(outcome).toMatchObject({ failed: { code: 'worker-stopped' } });
    expect('failed' in outcome && outcome.failed.message.en).toBe('点.geojson: the import stopped unexpectedly: DataCloneError: could not be cloned');
  });

  it('a worker that stops answering is ended by the watchdog with a clear message and terminated', async () => {
    workers.silent = true;
    const before = workers.terminated();
    const result = await within(startImport([point()], { stallTimeoutMs: 200 }).result, 5000);
    expect(result).not.toBe('still running');
    if (result === 'still running') return;
    expect(result.errors.map((error) => error.code)).toEqual(['worker-unresponsive']);
    expect(result.errors[0]!.message.zh).toBe('点.geojson：导入在0.2秒内没有任何进展，已终止（文件可能已损坏或过于复杂）');
    expect(workers.terminated()).toBe(before + 1);
  });

  it('a worker that crashes ends the import with a typed worker-stopped failure', async () => {
    workers.silent = true;
    const task = startImport([point()]);
    workers.crash('out of memory');
    const result = await within(task.result, 5000);
    expect(result).not.toBe('still running');
    if (result === 'still running') return;
    expect(result.errors.map((error) => error.message.en)).toEqual(['点.geojson: the import stopped unexpectedly: out of memory']);
  });
});
