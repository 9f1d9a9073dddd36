/**
 * The fire workspace on the map: follows FireState and keeps its sources in step — the
 * facilities as edited (drawn by the catalog layer, so the map shows exactly what the coverage
 * figure counts), the uncovered parts and the suggested camera, and map clicks while a facility
 * is placed. Selections go both ways between the map and the fire panel. Components only render
 * FireState and call its methods.
 */
import { untrack } from 'svelte';
import { facilitiesToFeatures, facilityIdOf } from '../geo/coverage/facility';
import type { AppState } from '../state/app-state.svelte';
import { DEFAULT_CAMERA_RADIUS_METRES, type FireState } from '../state/fire/fire-state.svelte';
import type { ForestMap } from './forest-map';
import { showFireCoverage } from './fire-overlays';

/** Starts following the fire state; returns a function that stops it. */
export function followFireState(forestMap: ForestMap, fire: FireState, app: AppState): () => void {
  return $effect.root(() => {
    // Once the workspace is open, the map and the attribute panel draw its facility list, and the
    // selection follows the selected facility by its id.
    $effect(() => {
      if (!fire.opened) return;
      const features = facilitiesToFeatures(fire.facilities);
      void forestMap.setLayerData('fireFacilities', features);
      app.setLayerData('fireFacilities', features);
      const index = fire.facilities.findIndex((facility) => facility.id === fire.selectedFacilityId);
      untrack(() => {
        const selection = app.selection;
        if (index >= 0 && (selection?.layerId !== 'fireFacilities' || selection.featureId !== index)) app.select('fireFacilities', index);
        else if (index < 0 && selection?.layerId === 'fireFacilities') app.clearSelection();
      });
    });

    $effect(() => {
      const coverage = fire.coverage;
      if (!coverage) return;
      const suggestion = coverage.suggestions[0];
      showFireCoverage(
        forestMap.map,
        coverage.uncovered,
        suggestion ? { position: suggestion.position, radiusMetres: DEFAULT_CAMERA_RADIUS_METRES, label: fire.suggestionLabel[app.locale] } : null,
        fire.showUncovered && app.sidebarTab === 'fire',
      );
    });

    $effect(() => {
      const mode = fire.facilityMode;
      forestMap.interceptClicks(mode === 'none' ? null : (position) => void fire.placeFacility(position));
    });

    // Clicking a facility or a zone on the map selects it in the fire panel.
    $effect(() => {
      const selection = app.selection;
      if (!selection || app.sidebarTab !== 'fire') return;
      if (selection.layerId === 'fireFacilities') fire.selectedFacilityId = facilityIdOf(app.feature('fireFacilities', selection.featureId));
      if (selection.layerId === 'fireZones') {
        const zone = fire.zones.find((entry) => entry.featureId === selection.featureId);
        if (zone && zone.zoneId !== fire.selectedZoneId) void fire.selectZone(zone.zoneId);
      }
    });
  });
}
