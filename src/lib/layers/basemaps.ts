/**
 * Online basemaps the app offers: OpenStreetMap and Tianditu (天地图) imagery, vector and terrain,
 * each with its annotation layer. All are Web Mercator tiles in WGS84/CGCS2000 (Tianditu's "_w"
 * matrix set has no GCJ-02 offset), so they line up with every layer. Amap, Tencent and Baidu tiles
 * are GCJ-02/BD-09 and are deliberately not offered: drawn under WGS84 data they sit 300–600 m off.
 */
export type BasemapId = 'none' | 'osm' | 'tianditu-img' | 'tianditu-vec' | 'tianditu-ter';

export const BASEMAP_IDS: readonly BasemapId[] = ['none', 'tianditu-img', 'tianditu-vec', 'tianditu-ter', 'osm'];

export interface BasemapSettings {
  readonly basemap: BasemapId;
  /** The user's own Tianditu key (tk): kept in this browser only, never in the code or data. */
  readonly tiandituKey: string;
  /** Tianditu server: the public one, or a bureau's intranet mirror with the same WMTS paths. */
  readonly tiandituServer: string;
}

/** The public Tianditu servers t0…t7; `{s}` is replaced by each subdomain digit. */
export const TIANDITU_PUBLIC_SERVER = 'https://t{s}.tianditu.gov.cn';

export const DEFAULT_BASEMAP_SETTINGS: BasemapSettings = { basemap: 'none', tiandituKey: '', tiandituServer: TIANDITU_PUBLIC_SERVER };

export interface BasemapRasterLayer {
  readonly tiles: readonly string[];
  readonly maxzoom: number;
  readonly attribution: string;
}

const TIANDITU_LAYERS: Record<'tianditu-img' | 'tianditu-vec' | 'tianditu-ter', { readonly base: string; readonly labels: string; readonly maxzoom: number }> = {
  'tianditu-img': { base: 'img', labels: 'cia', maxzoom: 18 },
  'tianditu-vec': { base: 'vec', labels: 'cva', maxzoom: 18 },
  'tianditu-ter': { base: 'ter', labels: 'cta', maxzoom: 14 },
};

const TIANDITU_ATTRIBUTION = '天地图 © 国家地理信息公共服务平台';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export type BasemapProblem = 'needs-key' | 'bad-server';

/** A Tianditu key is 32 hexadecimal characters. */
export function isTiandituKey(key: string): boolean {
  return /^[0-9a-f]{32}$/i.test(key.trim());
}

/** An http(s) address without query or fragment; `{s}` allowed for subdomains. */
export function isTileServer(server: string): boolean {
  try {
    const url = new URL(server.trim().replace('{s}', '0'));
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
  } catch {
    return false;
  }
}

function tiandituTiles(server: string, layer: string, key: string): string[] {
  const base = server.trim().replace(/\/+$/, '');
  const hosts = base.includes('{s}') ? [0, 1, 2, 3, 4, 5, 6, 7].map((digit) => base.replace('{s}', String(digit))) : [base];
  const query =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key.trim())}`;
  return hosts.map((host) => `${host}/${layer}_w/wmts?${query}`);
}

/** The raster layers (bottom first) of a basemap, or why it cannot be shown. */
export function basemapLayers(settings: BasemapSettings): { readonly layers: readonly BasemapRasterLayer[] } | { readonly problem: BasemapProblem } {
  if (settings.basemap === 'none') return { layers: [] };
  if (settings.basemap === 'osm') return { layers: [{ tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], maxzoom: 19, attribution: OSM_ATTRIBUTION }] };
  if (!isTiandituKey(settings.tiandituKey)) return { problem: 'needs-key' };
  if (!isTileServer(settings.tiandituServer)) return { problem: 'bad-server' };
  const { base, labels, maxzoom } = TIANDITU_LAYERS[settings.basemap];
  return {
    layers: [base, labels].map((layer) => ({ tiles: tiandituTiles(settings.tiandituServer, layer, settings.tiandituKey), maxzoom, attribution: TIANDITU_ATTRIBUTION })),
  };
}
