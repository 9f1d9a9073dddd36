/**
 * Loads catalog layers through the layer-loader worker, one worker for all requests.
 *
 * @example
 * const loader = new LayerLoaderClient();
 * const { collection, labelPoints } = await loader.load(url, 'townships.fgb', { withLabelPoints: true, onProgress });
 */
import { loadedLayer, type LayerOnWire, type LoadedLayer } from '../lib/io/loaded-layer';
import type { LayerLoaderWorkerApi } from './layer-loader.worker';
import { connectWorker, proxy, untilStopped, type WorkerConnection } from './rpc';

export type { LoadedLayer } from '../lib/io/loaded-layer';

export class LayerLoaderClient {
  private readonly connection: WorkerConnection<LayerLoaderWorkerApi> = connectWorker(
    new Worker(new URL('./layer-loader.worker.ts', import.meta.url), { type: 'module' }),
    'layer loader',
  );

  load(url: string, fileName: string, options: { withLabelPoints?: boolean; onProgress?: (fraction: number) => void } = {}): Promise<LoadedLayer> {
    const { onProgress } = options;
    const call: Promise<LayerOnWire> = this.connection.api.loadFlatGeobufLayer(url, fileName, options.withLabelPoints ?? false, onProgress ? proxy(onProgress) : undefined);
    return untilStopped(this.connection, call).then(loadedLayer);
  }

  dispose(): void {
    this.connection.close('closed', 'layer loader closed');
  }
}
