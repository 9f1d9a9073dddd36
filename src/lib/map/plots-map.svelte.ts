/**
 * The saved plots on the map follow PlotsState: their source and layers (added on top once the
 * map has loaded), clicks on a plot, and zoom requests from the plot panel. Drawing and
 * editing (terra-draw) stay with the plot tools, which only start it.
 */
import { untrack } from 'svelte';
import { boundingBoxOf } from '../geo/bounds';
import type { AppState } from '../state/app-state.svelte';
import type { PlotsState } from '../state/plots/plots-state.svelte';
import { plotTypeColour } from '../state/plots/plot-types';
import { addPlotLayers, onPlotClick, setPlotLayerData } from './drawing/plot-layers';
import type { ForestMap } from './forest-map';

/** Starts following the plot state; returns a function that stops it. */
export function followPlotsState(forestMap: ForestMap, plots: PlotsState, app: AppState): () => void {
  const map = forestMap.map;
  let removeClick: (() => void) | null = null;
  const stop = $effect.root(() => {
    // The plot layers go on the map as soon as it has loaded; catalog layers arriving later go
    // under them (ForestMap keeps every catalog layer below its ceiling).
    let mapLoaded = $state(false);
    void forestMap.whenLoaded().then(() => (mapLoaded = true));

    $effect(() => {
      if (!mapLoaded || removeClick) return;
      addPlotLayers(map);
      removeClick = onPlotClick(map, (id) => {
        if (plots.tool || plots.editingId) return;
        plots.select(id);
        app.sidebarTab = 'plots';
      });
    });

    $effect(() => {
      if (!mapLoaded) return;
      const shown = plots.measured.map(({ plot }) => {
        const conflicts = plots.conflicts.get(plot.id);
        const flagged = conflicts ? conflicts.flags.layers.length > 0 || conflicts.flags.otherPlots : false;
        return { id: plot.id, name: plot.name, colour: plotTypeColour(plot.plotType), geometry: plot.geometry, flagged };
      });
      const unsaved = plots.unsaved.map((entry) => ({ key: entry.key, name: entry.attributes.name, geometry: entry.geometry }));
      setPlotLayerData(map, shown, plots.selectedId, plots.editingId, unsaved);
    });

    // Zoom requests from the panel (once each: later edits of the plot do not move the map).
    $effect(() => {
      const request = plots.zoomRequest;
      if (!request) return;
      const plot = untrack(() => plots.plot(request.id));
      const bounds = plot ? boundingBoxOf([plot.geometry]) : null;
      if (bounds) forestMap.fitBounds(bounds, 17);
    });
  });
  return () => {
    stop();
    removeClick?.();
  };
}
