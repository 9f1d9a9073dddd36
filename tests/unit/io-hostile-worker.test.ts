/**
 * The import worker and client when things go wrong: an exception inside the worker (here a
 * result that cannot be posted, DataCloneError) ends the import with a typed error instead of
 * leaving it "running"; a worker that stops answering is terminated by the page's watchdog.
 * Wired in-process with a stand-in Worker, as in io-worker.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Handler = ((event: { data: unknown }) => void) | null;

let failPostOf: string | null = null;
let silent = false;
let terminated = 0;
let current: { onmessage: Handler } | null = null;

const scope: { onmessage: Handler; postMessage(data: unknown): void } = {
  onmessage: null,
  postMessage: (data) => {
    const type = (data as { type: string }).type;
    if (type === failPostOf) throw new DOMException('could not be cloned', 'DataCloneError');
    current?.onmessage?.({ data: structuredClone(data) });
  },
};

class FakeWorker {
  onmessage: Handler = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  constructor() {
    current = { onmessage: null };
    const target = current;
    Object.defineProperty(this, 'onmessage', { get: () => target.onmessage, set: (handler: Handler) => (target.onmessage = handler) });
  }
  postMessage(data: unknown): void {
    if (silent) return;
    setTimeout(() => scope.onmessage?.({ data }), 0);
  }
  terminate(): void {
    terminated++;
    current = null;
  }
}

const globals = globalThis as unknown as Record<string, unknown>;
let startImport: typeof import('../../src/workers/import-client').startImport;
const point = () => ({ name: '点.geojson', bytes: new TextEncoder().encode('{"type":"Point","coordinates":[108.77,28.84]}') });

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

beforeEach(() => {
  failPostOf = null;
  silent = false;
  terminated = 0;
});

/** The task's result, or 'still running' when it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  return Promise.race([promise, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

describe('import worker failures', () => {
  it('a result that cannot be posted (DataCloneError) ends the import with a typed error', async () => {
    failPostOf = 'features';
    const result = await within(startImport([point()]).result, 5000);
    expect(result).not.toBe('still running');
    if (result === 'still running') return;
    expect(result.layers).toEqual([]);
    expect(result.errors.map((error) => error.code)).toEqual(['worker-stopped']);
    expect(result.errors[0]!.message.en).toBe('点.geojson: the import stopped unexpectedly: DataCloneError: could not be cloned');
    expect(terminated).toBe(1);
  });

  it('a worker that stops answering is ended by the watchdog with a clear message and terminated', async () => {
    silent = true;
    const result = await within(startImport([point()], { stallTimeoutMs: 200 }).result, 5000);
    expect(result).not.toBe('still running');
    if (result === 'still running') return;
    expect(result.errors.map((error) => error.code)).toEqual(['worker-unresponsive']);
    expect(result.errors[0]!.message.zh).toBe('点.geojson：导入在0.2秒内没有任何进展，已终止（文件可能已损坏或过于复杂）');
    expect(terminated).toBe(1);
  });
});
