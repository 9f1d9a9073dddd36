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
   * Puts a layer on the map. Other layers are read meanwhile — waiting for each layer's drawing
   * before reading the next made the sample county's load take half as much CPU again — and the
   * progress ends once every layer is drawn.
   */
  onLayer: (id: LayerId, collection: FeatureCollection, labelPoints: FeatureCollection<Point> | null) => Promise<unknown>,
  /** Called once the catalog is in, before the layers: what it lists (e.g. feature counts) can be used early. */
  onCatalog?: (catalog: DataCatalog) => void,
): Promise<void> {
  const loader = new LayerLoaderClient();
  const total = LAYERS.length;
  /** Layers on the map (or failed): what the progress counts as done. */
  let drawn = 0;
  /** Layers still being read, in the order they will be reported as the one in progress. */
  let pending: LayerId[] = LAYERS.map((layer) => layer.id);
  let currentFraction = 0;
  const report = () => {
    state.loading = { total, done: drawn, currentFraction, currentLayer: pending[0] ?? null };
  };
  const failed = (layer: (typeof LAYERS)[number], error: unknown) => {
    state.loadErrors = [...state.loadErrors, `${layer.name[state.locale]} (${layer.file}): ${errorMessage(error)}`];
  };
  // Every read is asked for now, all at once, before the catalog and the map are in: the worker
  // fetches and parses while MapLibre starts, and goes from file to file without waiting for this
  // thread (busy drawing). Each read is settled at once, so a failure is never an unhandled
  // rejection, also when the catalog fails and nobody looks at the reads.
  const reads = LAYERS.map((layer) => ({
    layer,
    read: loader
      .load(`${DATA_BASE_URL}${layer.file}`, layer.file, {
        withLabelPoints: layer.id === 'townships',
        onProgress: (fraction) => {
          if (pending[0] !== layer.id) return;
          currentFraction = fraction;
          report();
        },
      })
      .then((loaded) => ({ loaded }), (error: unknown) => ({ error })),
  }));
  report();
  try {
    const catalog = await loadCatalog();
    state.catalog = catalog;
    onCatalog?.(catalog);
    // The biggest file is reported last, while the small layers come in.
    pending = layerReadingOrder(catalog)
      .map((layer) => layer.id)
      .filter((id) => pending.includes(id));
    report();
    // Each layer goes on the map as soon as it is read: the small files first.
    await Promise.all(
      reads.map(async ({ layer, read }) => {
        const outcome = await read;
        // User Timing marks: where a slow load spends its time (scripts/bench/page-load-cpu.bench.ts).
        performance.mark(`layer-read:${layer.id}`);
        pending = pending.filter((id) => id !== layer.id);
        currentFraction = 0;
        report();
        try {
          if ('error' in outcome) throw outcome.error;
          const { collection, labelPoints } = outcome.loaded;
          state.setLayerData(layer.id, collection);
          await onLayer(layer.id, collection, labelPoints);
          performance.mark(`layer-drawn:${layer.id}`);
        } catch (error) {
          failed(layer, error);
        }
        drawn += 1;
        report();
      }),
    );
  } catch (error) {
    state.loadErrors = [...state.loadErrors, errorMessage(error)];
    drawn = total;
    pending = [];
    report();
  } finally {
    // After a failed catalog the reads are not used, but end them rather than cut them off.
    await Promise.all(reads.map(({ read }) => read));
    loader.dispose();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
