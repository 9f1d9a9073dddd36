/**
 * Web Worker running the township statistics engine (src/lib/geo/overlay/job.ts) off the main
 * thread. No logic of its own: it wires messages to runStatisticsJob, posts progress, and aborts
 * on a 'cancel' message (the engine yields every ~100 ms, so the message gets through).
 */
import { errorResponse, runStatisticsJob, type StatisticsWorkerRequest, type StatisticsWorkerResponse } from '../lib/geo/overlay/job';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<StatisticsWorkerRequest>) => void) | null;
  postMessage(message: StatisticsWorkerResponse): void;
};
let controller: AbortController | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller?.abort();
    return;
  }
  controller = new AbortController();
  runStatisticsJob(message.request, {
    signal: controller.signal,
    onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
  }).then(
    (result) => scope.postMessage({ type: 'result', result }),
    (error: unknown) => scope.postMessage(errorResponse(error)),
  );
};
