/**
 * Imported layers on the map follow ImportedLayers: added, removed, restyled, or standing in for a
 * catalog layer (then the catalog layer's source is fed with the imported collection, and the app
 * state's data for it is replaced, so clicks, labels and statistics all see the same features).
 * The import session shows which layers are still being drawn.
 */
import { untrack } from 'svelte';
import type { AppState } from '../state/app-state.svelte';
import { ROLE_TARGETS } from '../state/import-record';
import type { ImportSession } from '../state/import-session.svelte';
import type { ImportedLayers } from '../state/imported-layers.svelte';
import type { ForestMap } from './forest-map';
import type { ImportedLayersOnMap } from './imported-layers';

/** Starts following the imported layers; returns a function that stops it. */
export function followImportedLayers(forestMap: ForestMap, layers: ImportedLayers, app: AppState, session: ImportSession): () => void {
  // The map code (with label placement) loads with the first imported layer, not with the page.
  let onMap = $state.raw<ImportedLayersOnMap | null>(null);
  let requested = false;
  let stopped = false;
  const stop = $effect.root(() => {
    // The catalog layers are drawn first, so imported ones stack above and stand-ins have a source to feed.
    const catalogReady = $derived(app.loading.currentLayer === null && app.loading.done >= app.loading.total);

    $effect(() => {
      if (!catalogReady) return;
      const entries = layers.layers;
      const standIns = ROLE_TARGETS.map((role) => [role, layers.effectiveLayer(role)] as const);
      if (!onMap) {
        // Stand-ins come from imported layers: with none there is nothing to draw or to put back.
        if (entries.length > 0 && !requested) {
          requested = true;
          import('./imported-layers').then(
            ({ ImportedLayersOnMap }) => {
              if (!stopped) onMap = new ImportedLayersOnMap(forestMap);
            },
            (error: unknown) => {
              console.warn('the imported layers’ map code failed to load', error);
              requested = false;
            },
          );
        }
        return;
      }
      const map = onMap;
      untrack(() => {
        for (const feed of map.sync(entries, (id) => layers.collection(id))) {
          session.drawing = new Set([...session.drawing, feed.id]);
          void feed.done.then(() => (session.drawing = new Set([...session.drawing].filter((id) => id !== feed.id))));
        }
        for (const [role, collection] of standIns) {
          if (!app.loaded[role]) continue;
          if (collection) {
            app.setLayerOverride(role, collection);
            void map.setCatalogData(role, collection, false);
          } else if (map.standInRoles().includes(role)) {
            app.setLayerOverride(role, null);
            const sample = app.sampleCollection(role);
            if (sample) void map.setCatalogData(role, sample, true);
          }
        }
      });
    });
  });
  return () => {
    stopped = true;
    stop();
  };
}
