/**
 * The corridors on the map follow CorridorsState: the saved corridors are the data of the
 * catalog's corridors layer (and the app state's, so clicks and the feature panel see them),
 * unless an imported layer holds the corridors role; the tool's draft (the corridor being set)
 * is drawn on top with a source of its own while the tool is open.
 */
import { untrack } from 'svelte';
import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { boundingBoxOf } from '../geo/bounds';
import { COLOURS } from '../layers/symbology';
import type { AppState } from '../state/app-state.svelte';
import type { CorridorsState } from '../state/corridors/corridors-state.svelte';
import type { ForestMap } from './forest-map';

const DRAFT_SOURCE = 'corridor-draft';
const DRAFT_FILL = 'corridor-draft-fill';
const DRAFT_LINE = 'corridor-draft-line';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Starts following the corridor state; `importedStandsIn` tells when an imported layer has the corridors role. */
export function followCorridors(forestMap: ForestMap, corridors: CorridorsState, app: AppState, importedStandsIn: () => boolean): () => void {
  const map = forestMap.map;
  let drafted = false;
  return $effect.root(() => {
    const layersLoaded = $derived(app.loading.done >= app.loading.total && app.loaded.corridors === true);
    // The draft's layers go on top once the map has loaded; catalog layers arriving later go under them.
    let mapLoaded = $state(false);
    void forestMap.whenLoaded().then(() => (mapLoaded = true));

    // Saved corridors are the corridors layer.
    $effect(() => {
      if (!layersLoaded || corridors.status !== 'ready' || importedStandsIn()) return;
      const layer = corridors.layer;
      untrack(() => {
        app.setLayerOverride('corridors', layer);
        void forestMap.setLayerData('corridors', layer);
      });
    });

    // The draft, above every layer.
    $effect(() => {
      if (!mapLoaded) return;
      const geometry = corridors.active ? corridors.analysis?.geometry : null;
      untrack(() => {
        if (!drafted) {
          map.addSource(DRAFT_SOURCE, { type: 'geojson', data: EMPTY });
          map.addLayer({ id: DRAFT_FILL, type: 'fill', source: DRAFT_SOURCE, paint: { 'fill-color': COLOURS.corridorFill, 'fill-opacity': 0.45 } });
          map.addLayer({ id: DRAFT_LINE, type: 'line', source: DRAFT_SOURCE, paint: { 'line-color': COLOURS.corridorLine, 'line-width': 2 } });
          drafted = true;
        }
        const data: FeatureCollection = geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY;
        void (map.getSource(DRAFT_SOURCE) as GeoJSONSource | undefined)?.setData(data);
      });
    });

    // A newly chosen river: show its corridor whole.
    let shownRiver = '';
    $effect(() => {
      const analysis = corridors.analysis;
      const river = corridors.riverChoice;
      if (!analysis?.geometry || river === shownRiver || !corridors.active) return;
      shownRiver = river;
      const bounds = boundingBoxOf([analysis.geometry]);
      if (bounds) untrack(() => forestMap.fitBounds(bounds, 12));
    });

    return () => {
      if (!drafted) return;
      if (map.getLayer(DRAFT_LINE)) map.removeLayer(DRAFT_LINE);
      if (map.getLayer(DRAFT_FILL)) map.removeLayer(DRAFT_FILL);
      if (map.getSource(DRAFT_SOURCE)) map.removeSource(DRAFT_SOURCE);
    };
  });
}
