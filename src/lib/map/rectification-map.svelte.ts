/**
 * Rectification on the map (workspace mode): the zones with an open order — a station sees its
 * township's, the fire office every one — outlined orange, overdue ones red; and the GPS points of
 * the selected zone's report photos. Local-only mode draws nothing.
 */
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { setOverlayData } from './feed-source';
import type { FeatureCollection } from 'geojson';
import type { FireState } from '../state/fire/fire-state.svelte';
import { isOverdue, photoPoints } from '../state/fire/rectification-model';
import { followSignedInRectification } from '../state/fire/rectification-state.svelte';
import type { WorkspaceState } from '../sync/workspace-state.svelte';
import type { ForestMap } from './forest-map';

const ORDERS_SOURCE = 'rectification-orders';
const PHOTOS_SOURCE = 'rectification-photos';
const OPEN_COLOUR = '#ef6c00';
const OVERDUE_COLOUR = '#c62828';

function showRectification(map: MapLibreMap, orders: FeatureCollection, photos: FeatureCollection): void {
  setOverlayData(map, ORDERS_SOURCE, orders);
  setOverlayData(map, PHOTOS_SOURCE, photos);
  if (map.getLayer('rectification-orders-line')) return;
  const colour: ExpressionSpecification = ['case', ['get', 'overdue'], OVERDUE_COLOUR, OPEN_COLOUR];
  map.addLayer({ id: 'rectification-orders-fill', type: 'fill', source: ORDERS_SOURCE, paint: { 'fill-color': colour, 'fill-opacity': 0.18 } });
  map.addLayer({ id: 'rectification-orders-line', type: 'line', source: ORDERS_SOURCE, paint: { 'line-color': colour, 'line-width': 3, 'line-dasharray': [3, 1.5] } });
  map.addLayer({
    id: 'rectification-photos',
    type: 'circle',
    source: PHOTOS_SOURCE,
    paint: { 'circle-radius': 6, 'circle-color': '#1565c0', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  });
}

/** Starts following the workspace's rectification state; returns a function that stops it. */
export function followRectification(forestMap: ForestMap, fire: FireState, workspace: WorkspaceState): () => void {
  let loaded = $state(false);
  void forestMap.whenLoaded().then(() => (loaded = true));
  return $effect.root(() => {
    const signedIn = followSignedInRectification(workspace);

    $effect(() => {
      if (!loaded) return;
      const state = signedIn.current;
      const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
      if (!state) {
        if (forestMap.map.getSource(ORDERS_SOURCE)) showRectification(forestMap.map, empty, empty);
        return;
      }
      const station = workspace.user?.role === 'station';
      const open = station ? state.openOrders : state.reviews.filter((review) => review.status === '需整改');
      const geometryOf = new Map(fire.zones.map((zone) => [zone.zoneId, zone.geometry]));
      const orders: FeatureCollection = {
        type: 'FeatureCollection',
        features: open.flatMap((review) => {
          const geometry = geometryOf.get(review.zoneId);
          return geometry ? [{ type: 'Feature' as const, geometry, properties: { zoneId: review.zoneId, overdue: isOverdue(review, state.today) } }] : [];
        }),
      };
      const details = state.details;
      showRectification(forestMap.map, orders, details ? photoPoints(details.reports, details.review.zoneId) : empty);
    });
  });
}
