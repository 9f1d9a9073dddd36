/**
 * The device position as map features: a geodesic accuracy circle (true ground radius, so it
 * stays right at any latitude and zoom) and the position point.
 */
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { geodesicCircle } from '../../geo/coverage/geodesic-circle';
import type { DevicePosition } from './location-state.svelte';

/** A phone's circle needs no 128 vertices: 64 keeps the outline smooth on screen. */
const ACCURACY_SEGMENTS = 64;

export function locationFeatures(position: DevicePosition | null): FeatureCollection<Polygon | Point, { kind: 'accuracy' | 'position' }> {
  if (!position) return { type: 'FeatureCollection', features: [] };
  const centre = [position.longitude, position.latitude];
  const features: FeatureCollection<Polygon | Point, { kind: 'accuracy' | 'position' }>['features'] = [];
  if (position.accuracy > 0) features.push({ type: 'Feature', properties: { kind: 'accuracy' }, geometry: geodesicCircle(centre, position.accuracy, ACCURACY_SEGMENTS) });
  features.push({ type: 'Feature', properties: { kind: 'position' }, geometry: { type: 'Point', coordinates: centre } });
  return { type: 'FeatureCollection', features };
}

/** The accuracy for people: "±8 m", "±1.2 km". */
export function formatAccuracy(metres: number): string {
  return metres < 1000 ? `±${Math.round(metres)} m` : `±${(metres / 1000).toFixed(1)} km`;
}
