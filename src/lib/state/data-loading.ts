/**
 * Loads the data catalog and every catalog layer (base layers first, so the county appears at
 * once), reporting progress into the app state and handing each layer to `onLayer`.
 * A layer that fails is reported by name; the others still load.
 */
import type { FeatureCollection, Point } from 'geojson';
import { LAYERS, type DataCatalog, type LayerId } from '../layers/catalog';
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
  /** Puts a layer on the map; loading goes on once it resolves (so progress covers the drawing too). */
  onLayer: (id: LayerId, collection: FeatureCollection, labelPoints: FeatureCollection<Point> | null) => Promise<unknown>,
): Promise<void> {
  const loader = new LayerLoaderClient();
  try {
    state.catalog = await loadCatalog();
    let done = 0;
    for (const layer of LAYERS) {
      state.loading = { total: LAYERS.length, done, currentFraction: 0, currentLayer: layer.id };
      try {
        const { collection, labelPoints } = await loader.load(`${DATA_BASE_URL}${layer.file}`, layer.file, {
          withLabelPoints: layer.id === 'townships',
          onProgress: (fraction) => {
            state.loading = { total: LAYERS.length, done, currentFraction: fraction, currentLayer: layer.id };
          },
        });
        state.setLayerData(layer.id, collection);
        await onLayer(layer.id, collection, labelPoints);
      } catch (error) {
        state.loadErrors = [...state.loadErrors, `${layer.name[state.locale]} (${layer.file}): ${errorMessage(error)}`];
      }
      done += 1;
    }
    state.loading = { total: LAYERS.length, done, currentFraction: 0, currentLayer: null };
  } catch (error) {
    state.loadErrors = [...state.loadErrors, errorMessage(error)];
    state.loading = { total: LAYERS.length, done: LAYERS.length, currentFraction: 0, currentLayer: null };
  } finally {
    loader.dispose();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
