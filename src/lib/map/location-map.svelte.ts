/**
 * The device position on the map follows LocationState: the accuracy circle and the position dot
 * (added on top once the catalog layers are in), and follow mode, which keeps the position in view
 * until the user moves the map by hand.
 */
import type { MapLibreEvent } from 'maplibre-gl';
import type { AppState } from '../state/app-state.svelte';
import type { LocationState } from '../state/location/location-state.svelte';
import { locationFeatures } from '../state/location/location-features';
import { setOverlayData } from './feed-source';
import type { ForestMap } from './forest-map';

export const LOCATION_SOURCE = 'device-location';
const COLOUR = '#1a73e8';
/** Zoom that shows a plot's boundary when follow mode first centres on the position. */
const FOLLOW_MIN_ZOOM = 15;

/** Starts following the location state; returns a function that stops it. */
export function followLocation(forestMap: ForestMap, location: LocationState, app: AppState): () => void {
  const map = forestMap.map;
  // Only a drag by hand (it has an originalEvent) ends follow mode, not the map's own easing.
  const onDragStart = (event: MapLibreEvent<MouseEvent | TouchEvent | undefined>) => {
    if (event.originalEvent) location.follow = false;
  };
  map.on('dragstart', onDragStart);
  let centredOnce = false;
  const stop = $effect.root(() => {
    const layersLoaded = $derived(app.loading.done >= app.loading.total);

    $effect(() => {
      const position = location.position;
      if (!layersLoaded || (!position && !map.getSource(LOCATION_SOURCE))) return;
      setOverlayData(map, LOCATION_SOURCE, locationFeatures(position));
      if (map.getLayer('device-location-dot')) return;
      map.addLayer({ id: 'device-location-accuracy', type: 'fill', source: LOCATION_SOURCE, filter: ['==', ['get', 'kind'], 'accuracy'], paint: { 'fill-color': COLOUR, 'fill-opacity': 0.15 } });
      map.addLayer({ id: 'device-location-accuracy-line', type: 'line', source: LOCATION_SOURCE, filter: ['==', ['get', 'kind'], 'accuracy'], paint: { 'line-color': COLOUR, 'line-width': 1.5, 'line-opacity': 0.6 } });
      map.addLayer({
        id: 'device-location-dot',
        type: 'circle',
        source: LOCATION_SOURCE,
        filter: ['==', ['get', 'kind'], 'position'],
        paint: { 'circle-radius': 7, 'circle-color': COLOUR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2.5 },
      });
    });

    $effect(() => {
      const position = location.position;
      if (!location.follow) {
        centredOnce = false;
        return;
      }
      if (!position) return;
      const center: [number, number] = [position.longitude, position.latitude];
      // The first centring also zooms in to walking scale; later fixes only pan.
      if (!centredOnce) map.easeTo({ center, zoom: Math.max(map.getZoom(), FOLLOW_MIN_ZOOM), duration: 600 });
      else map.easeTo({ center, duration: 400 });
      centredOnce = true;
    });
  });
  return () => {
    stop();
    map.off('dragstart', onDragStart);
  };
}
