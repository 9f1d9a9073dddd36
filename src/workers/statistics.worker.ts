/**
 * Web Worker running the township statistics engine (src/lib/geo/overlay/job.ts) off the main
 * thread. No logic of its own: it wires messages to runStatisticsJob, posts progress, and aborts
 * on a 'cancel' message (the engine yields every ~100 ms, so the message gets through).
 */
import { errorResponse, runStatisticsJob, type StatisticsWorkerRequest, type StatisticsWorkerResponse } from '../lib/geo/overlay/job';
import { checkFlatGeobufSources } from '../lib/io/flatgeobuf-header';

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
  // FlatGeobuf bytes are checked by io first (geo does not import io): a damaged header hangs flatgeobuf.
  const { request } = message;
  const damaged = checkFlatGeobufSources([
    { name: 'zones', source: request.zones },
    ...request.layers.map((layer) => ({ name: layer.id, source: layer.source })),
  ]);
  if (damaged) {
    scope.postMessage({ type: 'error', name: 'OverlayInputError', message: damaged });
    return;
  }
  runStatisticsJob(message.request, {
    signal: controller.signal,
    onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
  }).then(
    (result) => scope.postMessage({ type: 'result', result }),
    (error: unknown) => scope.postMessage(errorResponse(error)),
  );
};
