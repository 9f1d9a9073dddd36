/**
 * The user's basemap choice and Tianditu key, kept in this browser (localStorage: small, read
 * before the map starts). A failed save is shown; the choice still applies for this session.
 */
import { DEFAULT_BASEMAP_SETTINGS, BASEMAP_IDS, basemapLayers, type BasemapId, type BasemapSettings } from '../../layers/basemaps';

const STORAGE_KEY = 'youyang-forest-map.basemap.v1';

export type BasemapStatus = 'off' | 'loading' | 'shown' | 'unreachable';

export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function parse(text: string | null): BasemapSettings {
  if (!text) return DEFAULT_BASEMAP_SETTINGS;
  try {
    const value = JSON.parse(text) as Partial<Record<keyof BasemapSettings, unknown>>;
    return {
      basemap: BASEMAP_IDS.includes(value.basemap as BasemapId) ? (value.basemap as BasemapId) : DEFAULT_BASEMAP_SETTINGS.basemap,
      tiandituKey: typeof value.tiandituKey === 'string' ? value.tiandituKey : '',
      tiandituServer: typeof value.tiandituServer === 'string' && value.tiandituServer ? value.tiandituServer : DEFAULT_BASEMAP_SETTINGS.tiandituServer,
    };
  } catch {
    return DEFAULT_BASEMAP_SETTINGS;
  }
}

export class BasemapState {
  settings = $state.raw<BasemapSettings>(DEFAULT_BASEMAP_SETTINGS);
  /** What the map reports: tiles arriving, or failing (no network, wrong key). */
  status = $state.raw<BasemapStatus>('off');
  saveFailed = $state.raw<string | null>(null);

  constructor(private readonly storage: SettingsStorage | undefined = globalThis.localStorage) {
    try {
      this.settings = parse(this.storage?.getItem(STORAGE_KEY) ?? null);
    } catch {
      this.settings = DEFAULT_BASEMAP_SETTINGS;
    }
    this.status = this.settings.basemap === 'none' ? 'off' : 'loading';
  }

  /** The layers to draw, or why the chosen basemap cannot be drawn (no key, bad server). */
  get resolved(): ReturnType<typeof basemapLayers> {
    return basemapLayers(this.settings);
  }

  choose(basemap: BasemapId): void {
    this.update({ ...this.settings, basemap });
  }

  setTiandituKey(tiandituKey: string): void {
    this.update({ ...this.settings, tiandituKey: tiandituKey.trim() });
  }

  setTiandituServer(tiandituServer: string): void {
    this.update({ ...this.settings, tiandituServer: tiandituServer.trim() || DEFAULT_BASEMAP_SETTINGS.tiandituServer });
  }

  private update(settings: BasemapSettings): void {
    this.settings = settings;
    this.status = settings.basemap === 'none' ? 'off' : 'loading';
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(settings));
      this.saveFailed = null;
    } catch (error) {
      this.saveFailed = error instanceof Error ? error.message : String(error);
    }
  }
}
