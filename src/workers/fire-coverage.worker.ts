/// <reference lib="webworker" />
/**
 * Viewing coverage of the high-risk zones and the extra-camera suggestion, off the main thread.
 * Wiring only: the computation is src/lib/geo/coverage.
 */
import type { MultiPolygon } from 'geojson';
import { computeViewingCoverage } from '../lib/geo/coverage/viewing-coverage';
import { suggestCameraSites } from '../lib/geo/coverage/camera-suggestion';
import type { FireCoverageRequest, FireCoverageResponse } from './fire-coverage.protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<FireCoverageRequest>) => {
  const request = event.data;
  const post = (message: FireCoverageResponse) => scope.postMessage(message);
  try {
    const started = performance.now();
    // Coverage is most of the work; the suggestion takes the last 20 % of the bar.
    const summary = computeViewingCoverage(request.zones, request.facilities, (fraction) =>
      post({ type: 'progress', requestId: request.requestId, fraction: fraction * 0.8 }),
    );
    const uncovered = summary.zones.map((zone) => zone.uncovered).filter((part): part is MultiPolygon => part !== null);
    const suggestions = suggestCameraSites(uncovered, request.suggestionRadiusMetres, { count: 1 });
    post({
      type: 'done',
      requestId: request.requestId,
      result: { summary, suggestions, uncovered, elapsedMilliseconds: performance.now() - started },
    });
  } catch (error) {
    post({ type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) });
  }
};
