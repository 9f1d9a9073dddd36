/**
 * Style property setters that leave an unchanged property alone. MapLibre marks the whole style
 * dirty and redraws the map on every `setLayoutProperty`/`setPaintProperty`, even when the value
 * does not change — and the app re-applies visibility and opacity of every layer whenever one
 * arrives, which made a dozen full redraws (0.1–0.4 s of CPU each with SwiftShader) during the
 * sample county's load for nothing (docs/benchmarks.md).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

type PaintProperty = Parameters<MapLibreMap['setPaintProperty']>[1];
type StyleValue = Parameters<MapLibreMap['setPaintProperty']>[2];

function sameValue(current: unknown, next: unknown): boolean {
  if (current === next) return true;
  if (typeof current !== 'object' || typeof next !== 'object' || current === null || next === null) return false;
  return JSON.stringify(current) === JSON.stringify(next);
}

export function applyVisibility(map: MapLibreMap, styleLayerId: string, visible: boolean): void {
  const visibility = visible ? 'visible' : 'none';
  // An unset visibility is the default, 'visible'.
  if ((map.getLayoutProperty(styleLayerId, 'visibility') ?? 'visible') === visibility) return;
  map.setLayoutProperty(styleLayerId, 'visibility', visibility);
}

export function applyPaint(map: MapLibreMap, styleLayerId: string, property: PaintProperty, value: StyleValue): void {
  if (sameValue(map.getPaintProperty(styleLayerId, property), value)) return;
  map.setPaintProperty(styleLayerId, property, value);
}
