/**
 * The one way the page and its Web Workers talk: comlink, plus what every client needs on top.
 *
 * - A worker exposes an object of lib/ functions with `exposeApi(api)`.
 * - The page calls it through `connectWorker(worker).api` (typed as the worker's API), or runs
 *   one call in a worker of its own with `runInWorker`, which also cancels (by terminating the
 *   worker: a long synchronous parse cannot be interrupted any other way) and stops a worker
 *   that stays silent too long (the watchdog).
 * - Progress and other callbacks cross as `proxy(fn)`; ArrayBuffers as `transfer(value, buffers)`
 *   (moved, never copied).
 * - Errors thrown in the worker arrive as Errors with their name, message and own data fields
 *   (`code`, `messages`, `failure`…), so a typed error stays typed on the page.
 *
 * @example
 * // worker: exposeApi({ run: (input: Input, onProgress: (f: number) => void) => job(input, onProgress) });
 * const result = await runInWorker<WorkerApi, Result>(new Worker(url, { type: 'module' }), (api) => api.run(input, proxy(onProgress)), { signal });
 */
import * as Comlink from 'comlink';

export { proxy, transfer } from 'comlink';
export type { Remote } from 'comlink';

type ThrowHandler = Comlink.TransferHandler<{ value: unknown }, { isError: boolean; value: unknown }>;

/** Own fields of an error that survive structured cloning (typed errors keep their codes and texts). */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      fields[key] = structuredClone(value);
    } catch {
      // A field that cannot cross (a function, a DOM node) is left behind, the rest still arrives.
    }
  }
  return { ...fields, name: error.name, message: error.message, stack: error.stack };
}

const defaultThrowHandler = Comlink.transferHandlers.get('throw') as ThrowHandler;
Comlink.transferHandlers.set('throw', {
  canHandle: defaultThrowHandler.canHandle,
  serialize: ({ value }: { value: unknown }) =>
    value instanceof Error ? [{ isError: true, value: errorFields(value) }, []] : defaultThrowHandler.serialize({ value }),
  // comlink's own deserialize rebuilds an Error and assigns every field sent.
  deserialize: defaultThrowHandler.deserialize,
} satisfies ThrowHandler);

/**
 * Exposes a worker's API to the page (call once in the worker module). Outside a worker — a unit
 * test importing the module for its API — there is no `self` and nothing to do.
 */
export function exposeApi(api: object, endpoint?: Comlink.Endpoint): void {
  const target = endpoint ?? (typeof self === 'undefined' ? undefined : (self as unknown as Comlink.Endpoint));
  if (target) Comlink.expose(api, target);
}

/** Why a worker call ended without an answer. */
export type WorkerStopReason = 'cancelled' | 'crashed' | 'unresponsive' | 'closed';

/** A worker call that ended without an answer; `detail` says what happened (English, for logs and messages). */
export class WorkerStoppedError extends Error {
  constructor(
    readonly reason: WorkerStopReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = reason === 'cancelled' ? 'AbortError' : 'WorkerStoppedError';
  }
}

/** The minimum of a Worker this module uses (tests pass a stand-in). */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface WorkerConnection<Api> {
  readonly api: Comlink.Remote<Api>;
  /**
   * Rejects with WorkerStoppedError when the worker dies (an uncaught error, out of memory, a
   * message that cannot be read) or is closed; race a call against it so nothing waits for ever.
   */
  readonly stopped: Promise<never>;
  /** Terminates the worker; `stopped` rejects with reason 'closed' unless it already rejected. */
  close(reason?: WorkerStopReason, detail?: string): void;
}

/**
 * Wraps a worker in a typed client that knows when the worker has stopped.
 * @param label names the worker in the crash details ("the import worker stopped (out of memory?)").
 */
export function connectWorker<Api>(worker: WorkerLike, label = ''): WorkerConnection<Api> {
  const named = label ? `the ${label}` : 'the';
  let stop: (error: WorkerStoppedError) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // Nobody may be racing against it yet: an unobserved rejection is expected, not an error.
  stopped.catch(() => {});
  let open = true;
  const close = (reason: WorkerStopReason = 'closed', detail = 'the worker was closed') => {
    if (!open) return;
    open = false;
    worker.terminate();
    stop(new WorkerStoppedError(reason, detail));
  };
  worker.addEventListener('error', (event) => {
    const error = event as ErrorEvent;
    error.preventDefault?.();
    close('crashed', error.message || `${named} worker stopped (out of memory?)`);
  });
  worker.addEventListener('messageerror', () => close('crashed', `${named} result could not be received`));
  return { api: Comlink.wrap<Api>(worker), stopped, close };
}

/** Races a call against the worker's end. */
export function untilStopped<T>(connection: WorkerConnection<unknown>, call: Promise<T>): Promise<T> {
  return Promise.race([call, connection.stopped]);
}

export interface RunOptions {
  /** Aborting terminates the worker at once; the call rejects with WorkerStoppedError 'cancelled'. */
  readonly signal?: AbortSignal;
  /**
   * Watchdog: when neither the answer nor an `alive()` call comes for this long, the worker is
   * terminated and the call rejects with WorkerStoppedError 'unresponsive'. Off by default.
   */
  readonly stallTimeoutMs?: number;
  /** Names the worker in crash details (see connectWorker). */
  readonly label?: string;
}

/**
 * Runs one call in a worker of its own and terminates the worker afterwards, whatever happens.
 * @param call receives the API and `alive`, to be called on every sign of progress (it feeds the watchdog).
 * @throws WorkerStoppedError when cancelled, unresponsive or crashed; the worker's own error otherwise.
 */
export async function runInWorker<Api, Result>(
  worker: WorkerLike,
  call: (api: Comlink.Remote<Api>, alive: () => void) => Promise<Result>,
  options: RunOptions = {},
): Promise<Result> {
  const { signal, stallTimeoutMs, label } = options;
  const connection = connectWorker<Api>(worker, label);
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const alive = () => {
    if (stallTimeoutMs === undefined) return;
    clearTimeout(watchdog);
    watchdog = setTimeout(() => connection.close('unresponsive', `no progress for ${stallTimeoutMs} ms`), stallTimeoutMs);
  };
  const cancel = () => connection.close('cancelled', 'cancelled');
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel);
  try {
    alive();
    // A call that cannot even be posted (an uncloneable argument) throws before it is a promise.
    return await Promise.race([Promise.resolve().then(() => call(connection.api, alive)), connection.stopped]);
  } finally {
    clearTimeout(watchdog);
    signal?.removeEventListener('abort', cancel);
    connection.close();
  }
}

/** The ArrayBuffers among some byte sources or typed arrays that can be moved to or from a worker: views must own their whole buffer. */
export function transferableBuffers(sources: readonly unknown[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const source of sources) {
    let buffer: ArrayBufferLike | null = null;
    if (source instanceof ArrayBuffer) buffer = source;
    else if (ArrayBuffer.isView(source) && source.byteOffset === 0 && source.byteLength === source.buffer.byteLength) buffer = source.buffer;
    if (buffer instanceof ArrayBuffer && !buffers.includes(buffer)) buffers.push(buffer);
  }
  return buffers;
}
