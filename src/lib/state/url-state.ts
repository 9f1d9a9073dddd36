/**
 * Map state in the URL hash, so that a link reopens the same view:
 * `#map=11.50/28.8500/108.8000&layers=subcompartments,fireZones&lang=en`.
 * Pure functions: parse and serialise, no DOM.
 */
import { isLayerId, type LayerId } from '../layers/catalog';
import type { Locale } from '../i18n/locale';

export interface MapView {
  readonly zoom: number;
  readonly latitude: number;
  readonly longitude: number;
}

export interface UrlState {
  readonly view?: MapView;
  readonly layers?: readonly LayerId[];
  readonly locale?: Locale;
}

export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: { view?: MapView; layers?: LayerId[]; locale?: Locale } = {};
  const map = params.get('map');
  if (map) {
    const [zoom, latitude, longitude] = map.split('/').map(Number);
    if (
      zoom !== undefined && latitude !== undefined && longitude !== undefined &&
      Number.isFinite(zoom) && Number.isFinite(latitude) && Number.isFinite(longitude) &&
      zoom >= 0 && zoom <= 22 && Math.abs(latitude) <= 85 && Math.abs(longitude) <= 180
    ) {
      state.view = { zoom, latitude, longitude };
    }
  }
  const layers = params.get('layers');
  if (layers !== null) state.layers = layers.split(',').filter(isLayerId);
  const locale = params.get('lang');
  if (locale === 'zh' || locale === 'en') state.locale = locale;
  return state;
}

export function serializeUrlState(state: { view: MapView; layers: readonly LayerId[]; locale: Locale }): string {
  const { zoom, latitude, longitude } = state.view;
  // URLSearchParams would escape the slashes and commas; these values never need escaping.
  return (
    `#map=${zoom.toFixed(2)}/${latitude.toFixed(5)}/${longitude.toFixed(5)}` +
    `&layers=${state.layers.join(',')}` +
    `&lang=${state.locale}`
  );
}
