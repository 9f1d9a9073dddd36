/**
 * Loads catalog layers through the layer-loader worker, one worker for all requests.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { LoadLayerRequest, LoadLayerResponse } from '../../workers/layer-loader.protocol';

export interface LoadedLayer {
  readonly collection: FeatureCollection;
  readonly labelPoints: FeatureCollection<Point> | null;
}

interface Pending {
  resolve(layer: LoadedLayer): void;
  reject(error: Error): void;
  onProgress?: (fraction: number) => void;
}

export class LayerLoaderClient {
  private readonly worker = new Worker(new URL('../../workers/layer-loader.worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<LoadLayerResponse>) => this.handle(event.data);
  }

  load(url: string, fileName: string, options: { withLabelPoints?: boolean; onProgress?: (fraction: number) => void } = {}): Promise<LoadedLayer> {
    const requestId = this.nextRequestId++;
    const request: LoadLayerRequest = { requestId, url, fileName, withLabelPoints: options.withLabelPoints ?? false };
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress: options.onProgress });
      this.worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const pending of this.pending.values()) pending.reject(new Error('layer loader closed'));
    this.pending.clear();
  }

  private handle(message: LoadLayerResponse): void {
    const pending = this.pending.get(message.requestId);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        if (message.totalBytes > 0) pending.onProgress?.(Math.min(1, message.loadedBytes / message.totalBytes));
        break;
      case 'done':
        this.pending.delete(message.requestId);
        pending.resolve({ collection: message.collection, labelPoints: message.labelPoints });
        break;
      case 'error':
        this.pending.delete(message.requestId);
        pending.reject(new Error(message.message));
        break;
    }
  }
}
