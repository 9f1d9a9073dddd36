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
import { ImportedLayersOnMap } from './imported-layers';

/** Starts following the imported layers; returns a function that stops it. */
export function followImportedLayers(forestMap: ForestMap, layers: ImportedLayers, app: AppState, session: ImportSession): () => void {
  const onMap = new ImportedLayersOnMap(forestMap);
  return $effect.root(() => {
    // The catalog layers are drawn first, so imported ones stack above and stand-ins have a source to feed.
    const catalogReady = $derived(app.loading.currentLayer === null && app.loading.done >= app.loading.total);

    $effect(() => {
      if (!catalogReady) return;
      const entries = layers.layers;
      const standIns = ROLE_TARGETS.map((role) => [role, layers.effectiveLayer(role)] as const);
      untrack(() => {
        for (const feed of onMap.sync(entries, (id) => layers.collection(id))) {
          session.drawing = new Set([...session.drawing, feed.id]);
          void feed.done.then(() => (session.drawing = new Set([...session.drawing].filter((id) => id !== feed.id))));
        }
        for (const [role, collection] of standIns) {
          if (!app.loaded[role]) continue;
          if (collection) {
            app.setLayerOverride(role, collection);
            void onMap.setCatalogData(role, collection, false);
          } else if (onMap.standInRoles().includes(role)) {
            app.setLayerOverride(role, null);
            const sample = app.sampleCollection(role);
            if (sample) void onMap.setCatalogData(role, sample, true);
          }
        }
      });
    });
  });
}
