/**
 * Online basemaps: Tianditu tile addresses in its Web Mercator ("_w") matrix set with the user's
 * key, all eight public servers or one intranet mirror; no key or a bad server is a named problem;
 * the choice survives a reload (and a storage failure is reported, not thrown).
 */
import { describe, expect, it } from 'vitest';
import { basemapLayers, DEFAULT_BASEMAP_SETTINGS, isTiandituKey } from '../../src/lib/layers/basemaps';
import type { SettingsStorage } from '../../src/lib/state/basemap/basemap-settings.svelte';

// Runes are compiled by Svelte; the unit project runs plain TypeScript (see import-layers-state.test.ts).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes }).$state = runes;
const { BasemapState } = await import('../../src/lib/state/basemap/basemap-settings.svelte');

const KEY = '0123456789abcdef0123456789ABCDEF';

function memoryStorage(): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('basemap layers', () => {
  it('draws nothing by default, so the app starts with no network and no key', () => {
    expect(basemapLayers(DEFAULT_BASEMAP_SETTINGS)).toEqual({ layers: [] });
  });

  it('asks Tianditu for Web Mercator tiles with the key, imagery under its annotation', () => {
    const result = basemapLayers({ basemap: 'tianditu-img', tiandituKey: KEY, tiandituServer: 'https://t{s}.tianditu.gov.cn' });
    if (!('layers' in result)) throw new Error(result.problem);
    expect(result.layers).toHaveLength(2);
    const [imagery, labels] = result.layers;
    expect(imagery!.tiles).toHaveLength(8);
    expect(imagery!.tiles[0]).toBe(
      `https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`,
    );
    expect(imagery!.tiles[7]).toContain('https://t7.tianditu.gov.cn/img_w/');
    expect(labels!.tiles[0]).toContain('/cia_w/wmts?');
    expect(labels!.tiles[0]).toContain('LAYER=cia');
    expect(imagery!.attribution).toContain('天地图');
  });

  it('uses one intranet mirror as given, and terrain stops at zoom 14', () => {
    const result = basemapLayers({ basemap: 'tianditu-ter', tiandituKey: KEY, tiandituServer: 'http://10.1.2.3:8080/tdt/' });
    if (!('layers' in result)) throw new Error(result.problem);
    expect(result.layers[0]!.tiles).toEqual([expect.stringMatching(/^http:\/\/10\.1\.2\.3:8080\/tdt\/ter_w\/wmts\?/)]);
    expect(result.layers[1]!.tiles[0]).toContain('/cta_w/');
    expect(result.layers.map((layer) => layer.maxzoom)).toEqual([14, 14]);
  });

  it('names what is missing instead of requesting tiles that must fail', () => {
    expect(basemapLayers({ basemap: 'tianditu-vec', tiandituKey: '', tiandituServer: 'https://t{s}.tianditu.gov.cn' })).toEqual({ problem: 'needs-key' });
    expect(basemapLayers({ basemap: 'tianditu-vec', tiandituKey: 'not-a-key', tiandituServer: 'https://t{s}.tianditu.gov.cn' })).toEqual({ problem: 'needs-key' });
    expect(basemapLayers({ basemap: 'tianditu-vec', tiandituKey: KEY, tiandituServer: 'ftp://tiles' })).toEqual({ problem: 'bad-server' });
    expect(basemapLayers({ basemap: 'tianditu-vec', tiandituKey: KEY, tiandituServer: 'https://x.cn/?a=1' })).toEqual({ problem: 'bad-server' });
    expect(isTiandituKey(` ${KEY} `)).toBe(true);
  });

  it('offers OpenStreetMap without a key', () => {
    const result = basemapLayers({ ...DEFAULT_BASEMAP_SETTINGS, basemap: 'osm' });
    expect(result).toEqual({ layers: [expect.objectContaining({ tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'] })] });
  });
});

describe('basemap settings', () => {
  it('remembers the choice and key over a reload', () => {
    const storage = memoryStorage();
    const first = new BasemapState(storage);
    expect(first.status).toBe('off');
    first.choose('tianditu-img');
    first.setTiandituKey(` ${KEY} `);
    const second = new BasemapState(storage);
    expect(second.settings).toEqual({ basemap: 'tianditu-img', tiandituKey: KEY, tiandituServer: 'https://t{s}.tianditu.gov.cn' });
    expect(second.status).toBe('loading');
  });

  it('ignores damaged stored settings and reports a failed save without losing the choice', () => {
    const storage = memoryStorage();
    storage.items.set('youyang-forest-map.basemap.v1', '{"basemap":"amap","tiandituKey":5');
    expect(new BasemapState(storage).settings).toEqual(DEFAULT_BASEMAP_SETTINGS);
    const full: SettingsStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const state = new BasemapState(full);
    state.choose('osm');
    expect(state.settings.basemap).toBe('osm');
    expect(state.saveFailed).toBe('quota');
  });
});
