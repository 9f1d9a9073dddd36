/**
 * src/workers/rpc.ts, the one worker RPC: typed errors keep their fields across the boundary,
 * ArrayBuffers are moved (not copied), callbacks work, and runInWorker cancels, watches for a
 * silent worker and notices a crash — each time terminating the worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectWorker, proxy, runInWorker, transfer, transferableBuffers, WorkerStoppedError, type WorkerLike } from '../../src/workers/rpc';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

class CodedError extends Error {
  constructor(
    readonly code: string,
    readonly messages: { zh: string; en: string },
  ) {
    super(messages.en);
    this.name = 'CodedError';
  }
}

const api = {
  byteLength: (buffer: ArrayBuffer) => buffer.byteLength,
  async count(to: number, onStep: (step: number) => void): Promise<number> {
    for (let step = 1; step <= to; step++) await onStep(step);
    return to;
  },
  async fail(): Promise<void> {
    throw new CodedError('bad-input', { zh: '输入无效', en: 'bad input' });
  },
  never: () => new Promise<never>(() => {}),
};
type Api = typeof api;

let workers: FakeWorkers | null = null;
const newWorker = () => new Worker('rpc-test.js') as unknown as WorkerLike;

afterEach(() => {
  workers?.restore();
  workers = null;
});

describe('worker rpc', () => {
  it('delivers a typed error with its name, code and zh/en messages', async () => {
    workers = installFakeWorker(api);
    const connection = connectWorker<Api>(newWorker());
    const error = await connection.api.fail().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'CodedError', message: 'bad input', code: 'bad-input', messages: { zh: '输入无效', en: 'bad input' } });
    connection.close();
  });

  it('moves a transferred ArrayBuffer and calls progress callbacks', async () => {
    workers = installFakeWorker(api);
    const connection = connectWorker<Api>(newWorker());
    const buffer = new ArrayBuffer(16);
    await expect(connection.api.byteLength(transfer(buffer, [buffer]))).resolves.toBe(16);
    expect(buffer.byteLength).toBe(0);
    const steps: number[] = [];
    await expect(connection.api.count(3, proxy((step: number) => void steps.push(step)))).resolves.toBe(3);
    expect(steps).toEqual([1, 2, 3]);
    connection.close();
  });

  it('runInWorker: cancel terminates the worker and rejects with an AbortError', async () => {
    workers = installFakeWorker(api);
    const controller = new AbortController();
    const running = runInWorker<Api, never>(newWorker(), (remote) => remote.never(), { signal: controller.signal });
    controller.abort();
    const error = await running.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(WorkerStoppedError);
    expect(error).toMatchObject({ name: 'AbortError', reason: 'cancelled' });
    expect(workers.terminated()).toBe(1);
  });

  it('runInWorker: the watchdog stops a worker that stays silent, alive() keeps it going', async () => {
    workers = installFakeWorker(api);
    const silent = await runInWorker<Api, never>(newWorker(), (remote) => remote.never(), { stallTimeoutMs: 100 }).catch((thrown: unknown) => thrown);
    expect(silent).toMatchObject({ reason: 'unresponsive' });
    const steps = await runInWorker<Api, number>(
      newWorker(),
      (remote, alive) => remote.count(3, proxy(async () => {
        alive();
        await new Promise((resolve) => setTimeout(resolve, 60));
      })),
      { stallTimeoutMs: 100 },
    );
    expect(steps).toBe(3);
    expect(workers.terminated()).toBe(2);
  });

  it('runInWorker: a crashed worker ends the call with its detail', async () => {
    workers = installFakeWorker(api);
    const running = runInWorker<Api, never>(newWorker(), (remote) => remote.never(), { label: 'statistics' });
    workers.crash('');
    await expect(running).rejects.toMatchObject({ reason: 'crashed', detail: 'the statistics worker stopped (out of memory?)' });
  });

  it('transferableBuffers: whole buffers once, views into larger buffers not at all', () => {
    const whole = new Uint8Array(8);
    const buffer = new ArrayBuffer(4);
    const view = new Uint8Array(new ArrayBuffer(16), 4, 4);
    expect(transferableBuffers([whole, buffer, view, whole, { type: 'FeatureCollection' }])).toEqual([whole.buffer, buffer]);
  });
});
