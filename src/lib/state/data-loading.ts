/**
 * Loads the data catalog and every catalog layer (the smallest first, so the county and most
 * layers appear at once), reporting progress into the app state and handing each layer to `onLayer`.
 * A layer that fails is reported by name; the others still load.
 */
import type { FeatureCollection, Point } from 'geojson';
import { LAYERS, layerReadingOrder, type DataCatalog, type LayerId } from '../layers/catalog';
import type { AppState } from './app-state.svelte';
import { LayerLoaderClient } from '../../workers/layer-loader-client';

/** Absolute, because the worker resolves relative URLs against its own script, not the page. */
export const DATA_BASE_URL = new URL('./data/', document.baseURI).href;

export async function loadCatalog(): Promise<DataCatalog> {
  const response = await fetch(`${DATA_BASE_URL}catalog.json`);
  if (!response.ok) throw new Error(`catalog.json: HTTP ${response.status} — run "npm run data" to generate the sample data`);
  return (await response.json()) as DataCatalog;
}

export async function loadAllLayers(
  state: AppState,
  /**
   * Puts a layer on the map. The next layer is read meanwhile — waiting for each layer's drawing
   * before reading the next made the sample county's load take half as much CPU again — and the
   * progress ends once every layer is drawn.
   */
  onLayer: (id: LayerId, collection: FeatureCollection, labelPoints: FeatureCollection<Point> | null) => Promise<unknown>,
): Promise<void> {
  const loader = new LayerLoaderClient();
  const total = LAYERS.length;
  /** Layers on the map (or failed): what the progress counts as done. */
  let drawn = 0;
  const report = (currentLayer: LayerId | null, currentFraction: number) => {
    state.loading = { total, done: drawn, currentFraction, currentLayer };
  };
  const failed = (layer: (typeof LAYERS)[number], error: unknown) => {
    state.loadErrors = [...state.loadErrors, `${layer.name[state.locale]} (${layer.file}): ${errorMessage(error)}`];
  };
  const drawing: Promise<void>[] = [];
  try {
    const catalog = await loadCatalog();
    state.catalog = catalog;
    // Every read is asked for at once: the worker goes from one file to the next without waiting
    // for this thread, which is busy drawing the layers already in. Each read is settled here at
    // once, so a failure waiting its turn is not an unhandled rejection.
    let current: LayerId | null = null;
    const reads = layerReadingOrder(catalog).map((layer) => ({
      layer,
      read: loader
        .load(`${DATA_BASE_URL}${layer.file}`, layer.file, {
          withLabelPoints: layer.id === 'townships',
          onProgress: (fraction) => {
            if (current === layer.id) report(layer.id, fraction);
          },
        })
        .then((loaded) => ({ loaded }), (error: unknown) => ({ error })),
    }));
    for (const { layer, read } of reads) {
      current = layer.id;
      report(layer.id, 0);
      const outcome = await read;
      try {
        if ('error' in outcome) throw outcome.error;
        const { collection, labelPoints } = outcome.loaded;
        state.setLayerData(layer.id, collection);
        drawing.push(
          onLayer(layer.id, collection, labelPoints).then(
            () => void (drawn += 1),
            (error: unknown) => {
              failed(layer, error);
              drawn += 1;
            },
          ),
        );
      } catch (error) {
        failed(layer, error);
        drawn += 1;
      }
    }
    report(LAYERS.at(-1)?.id ?? null, 1);
    await Promise.all(drawing);
    report(null, 0);
  } catch (error) {
    state.loadErrors = [...state.loadErrors, errorMessage(error)];
    drawn = total;
    report(null, 0);
  } finally {
    loader.dispose();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
