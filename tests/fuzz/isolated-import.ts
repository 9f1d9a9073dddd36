/**
 * A pool of worker threads that run importFiles on hostile inputs under a watchdog: an input that
 * takes longer than the time limit is a hang (the thread is terminated and replaced), a thread
 * that dies (out of memory under resourceLimits, native crash) is a crash. Threads are reused
 * between inputs, so thousands of inputs cost one start-up per thread.
 */
import { Worker } from 'node:worker_threads';
import type { ImportFile, ImportOptions } from '../../src/lib/io/types';
import type { RunOutcome } from './outcome';

const BOOT = new URL('./runner-boot.mjs', import.meta.url);

export interface PoolOptions {
  readonly size?: number;
  /** Per-input limit in milliseconds (the first input of a fresh thread also gets its start-up time). */
  readonly timeoutMs?: number;
  /** Old-generation heap ceiling per thread. */
  readonly memoryMb?: number;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
}

export class IsolatedImporter {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private nextId = 1;
  readonly timeoutMs: number;
  private readonly memoryMb: number;

  constructor(options: PoolOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.memoryMb = options.memoryMb ?? 256;
    for (let index = 0; index < (options.size ?? 2); index++) {
      const slot = this.spawn();
      this.slots.push(slot);
      this.idle.push(slot);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 32 }, stdout: true, stderr: true });
    worker.unref();
    // A warm-up import loads every reader module before the watchdog starts counting.
    const ready = new Promise<void>((resolve) => {
      const warm = { id: 0, files: [{ name: 'warm.geojson', bytes: new TextEncoder().encode('{"type":"Point","coordinates":[108,28]}') }], options: {} };
      worker.once('message', () => resolve());
      worker.once('error', () => resolve());
      worker.postMessage(warm);
    });
    return { worker, ready };
  }

  private acquire(): Promise<Slot> {
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  private replace(slot: Slot): Slot {
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[this.slots.indexOf(slot)] = fresh;
    return fresh;
  }

  /** Imports the files in a pooled thread; never rejects. */
  async run(files: readonly ImportFile[], options: ImportOptions = {}, timeoutMs = this.timeoutMs): Promise<RunOutcome> {
    let slot = await this.acquire();
    await slot.ready;
    const id = this.nextId++;
    const outcome = await new Promise<RunOutcome>((resolve) => {
      const { worker } = slot;
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: { id: number; outcome: RunOutcome }) => {
        if (message.id !== id) return;
        cleanup();
        resolve(message.outcome);
      };
      const onError = (error: Error) => {
        cleanup();
        slot = this.replace(slot);
        resolve({ kind: 'crash', detail: `${(error as { code?: string }).code ?? error.name}: ${error.message}` });
      };
      const onExit = (code: number) => {
        cleanup();
        slot = this.replace(slot);
        resolve({ kind: 'crash', detail: `worker exited with code ${code}` });
      };
      const timer = setTimeout(() => {
        cleanup();
        slot = this.replace(slot);
        resolve({ kind: 'hang', detail: `no answer within ${timeoutMs} ms` });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Copies: the caller's bytes stay usable (e.g. to print a failing input).
      worker.postMessage({ id, files: files.map((file) => ({ name: file.name, bytes: file.bytes.slice() })), options });
    });
    this.release(slot);
    return outcome;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
