/**
 * App state (Svelte runes): language, layer visibility and opacity, loading progress, the
 * selected feature and the pointer position. Components read it; the map follows it.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { LAYERS, layerById, type DataCatalog, type LayerId } from '../layers/catalog';
import { boundingBoxOf, type BoundingBox } from '../geo/bounds';
import { describeFeature, type FeatureDescription, type SelectableLayerId } from './feature-description';
import { isImportedLayerKey, type ImportedLayerKey } from './import-record';
import { parseUrlState, type MapView, type UrlState } from './url-state';
import type { PositionTransform } from '../geo/crs/transform';
import { loadLocale } from '../i18n';
import type { Locale } from '../i18n/locale';

export const COUNTY_VIEW: MapView = { zoom: 8.6, latitude: 28.86, longitude: 108.8 };

export interface TownshipEntry {
  readonly code: string;
  readonly name: string;
  readonly bounds: BoundingBox;
}

export interface LoadingProgress {
  readonly total: number;
  readonly done: number;
  /** Fraction of bytes of the layer currently downloading. */
  readonly currentFraction: number;
  readonly currentLayer: LayerId | null;
}

/** Panels of the sidebar; each feature issue adds its own. */
export const SIDEBAR_TABS = ['layers', 'plots', 'statistics', 'fire', 'corridors', 'data'] as const;
export type SidebarTab = (typeof SIDEBAR_TABS)[number];

function defaultVisibility(): Record<LayerId, boolean> {
  return Object.fromEntries(LAYERS.map((layer) => [layer.id, layer.visibleByDefault])) as Record<LayerId, boolean>;
}

export class AppState {
  locale = $state<Locale>('zh');
  visible = $state<Record<LayerId, boolean>>(defaultVisibility());
  opacity = $state<Record<LayerId, number>>(
    Object.fromEntries(LAYERS.map((layer) => [layer.id, 1])) as Record<LayerId, number>,
  );
  catalog = $state.raw<DataCatalog | null>(null);
  loading = $state<LoadingProgress>({ total: LAYERS.length, done: 0, currentFraction: 0, currentLayer: null });
  loadErrors = $state<string[]>([]);
  selection = $state.raw<FeatureDescription | null>(null);
  #pointer = $state.raw<[number, number] | null>(null);
  // proj4 is ~45 KB gzip: it loads with the first pointer position, not with the page.
  #toGaussKruger108 = $state.raw<PositionTransform | null>(null);
  #gaussKrugerRequested = false;
  get pointer(): [number, number] | null {
    return this.#pointer;
  }
  set pointer(position: [number, number] | null) {
    this.#pointer = position;
    if (position && !this.#gaussKrugerRequested) {
      this.#gaussKrugerRequested = true;
      void import('../geo/crs/transform').then(({ createTransform }) => (this.#toGaussKruger108 = createTransform('EPSG:4326', 'EPSG:4545')));
    }
  }
  /** The pointer in CGCS2000 3° Gauss–Krüger CM 108°E (EPSG:4545): [easting, northing] metres (null until proj4 has loaded). */
  pointerGaussKruger = $derived(this.#pointer && this.#toGaussKruger108 ? (this.#toGaussKruger108(this.#pointer) as [number, number]) : null);
  townships = $state.raw<TownshipEntry[]>([]);
  sourcesOpen = $state(false);
  sidebarTab = $state<SidebarTab>('layers');
  /** Catalog layers whose sample data an imported layer replaces, with its feature count. */
  replaced = $state<Partial<Record<LayerId, number>>>({});
  /** Layers whose data has reached the map. */
  loaded = $state<Partial<Record<LayerId, true>>>({});

  /** Parsed layer data, kept out of reactivity (tens of thousands of features). */
  private readonly collections = new Map<LayerId, FeatureCollection>();
  /** Sample data set aside while an imported layer stands in for it (see setLayerOverride). */
  private readonly samples = new Map<LayerId, FeatureCollection>();
  /** Describes a feature of an imported layer for the feature panel (set by the import feature). */
  describeImported: ((layerId: ImportedLayerKey, featureId: number, locale: Locale) => FeatureDescription | null) | null = null;
  readonly initialView: MapView;

  constructor(url: UrlState = {}) {
    this.initialView = url.view ?? COUNTY_VIEW;
    if (url.locale) this.locale = url.locale;
    if (url.layers) {
      const wanted = new Set(url.layers);
      for (const layer of LAYERS) if (layer.toggleable) this.visible[layer.id] = wanted.has(layer.id);
    }
  }

  static fromLocation(hash: string): AppState {
    return new AppState(parseUrlState(hash));
  }

  /** Layer ids visible now, in catalog order (what the URL records). */
  get visibleLayerIds(): LayerId[] {
    return LAYERS.filter((layer) => layer.toggleable && this.visible[layer.id]).map((layer) => layer.id);
  }

  #switchingLocale = false;

  /** Switches the language once its texts are here (English loads on first use; a click meanwhile is ignored). */
  async toggleLocale(): Promise<void> {
    if (this.#switchingLocale) return;
    const next: Locale = this.locale === 'zh' ? 'en' : 'zh';
    this.#switchingLocale = true;
    try {
      await loadLocale(next);
    } catch (error) {
      // Offline before English was ever loaded: the page stays in Chinese.
      console.warn('The English texts could not be loaded:', error);
      return;
    } finally {
      this.#switchingLocale = false;
    }
    this.locale = next;
    // Re-describe the selection so its labels follow the language.
    if (this.selection) this.select(this.selection.layerId, this.selection.featureId);
  }

  setLayerData(id: LayerId, collection: FeatureCollection): void {
    this.collections.set(id, collection);
    this.loaded[id] = true;
    if (id === 'townships') this.townships = townshipEntries(collection);
  }

  /** The parsed collection of a catalog layer, once loaded. */
  collection(id: LayerId): FeatureCollection | undefined {
    return this.collections.get(id);
  }

  /** Township feature ids (indices in the townships layer) by township code. */
  townshipFeatureIds(): Map<string, number> {
    const ids = new Map<string, number>();
    this.collections.get('townships')?.features.forEach((feature, index) => ids.set(String(feature.properties?.CODE ?? ''), index));
    return ids;
  }

  feature(id: LayerId, featureId: number): Feature | undefined {
    return this.collections.get(id)?.features[featureId];
  }

  layerBounds(id: LayerId): BoundingBox | null {
    const collection = this.collections.get(id);
    return collection ? boundingBoxOf(collection.features.map((feature) => feature.geometry)) : null;
  }

  /**
   * Puts an imported layer's collection in place of a catalog layer's sample data (null: back to
   * the sample), so clicks, `feature()`, `collection()` and the township search use it.
   */
  setLayerOverride(id: LayerId, collection: FeatureCollection | null): void {
    const current = this.collections.get(id);
    if (collection === current) return;
    if (collection) {
      if (!this.samples.has(id) && current) this.samples.set(id, current);
      this.collections.set(id, collection);
    } else {
      const sample = this.samples.get(id);
      if (!sample) return;
      this.samples.delete(id);
      this.collections.set(id, sample);
    }
    if (collection) this.replaced[id] = collection.features.length;
    else delete this.replaced[id];
    if (id === 'townships') this.townships = townshipEntries(this.collections.get(id)!);
    if (this.selection?.layerId === id) this.clearSelection();
  }

  /** A catalog layer's sample data, also while an imported layer stands in for it. */
  sampleCollection(id: LayerId): FeatureCollection | undefined {
    return this.samples.get(id) ?? this.collections.get(id);
  }

  select(layerId: SelectableLayerId, featureId: number): void {
    if (isImportedLayerKey(layerId)) {
      this.selection = this.describeImported?.(layerId, featureId, this.locale) ?? null;
      return;
    }
    const feature = this.feature(layerId, featureId);
    this.selection = feature ? describeFeature(layerById(layerId), featureId, feature, this.locale) : null;
  }

  clearSelection(): void {
    this.selection = null;
  }

  /** Townships whose name or code contains the query (empty query: none). */
  searchTownships(query: string): TownshipEntry[] {
    const wanted = query.trim();
    if (!wanted) return [];
    return this.townships.filter((township) => township.name.includes(wanted) || township.code.includes(wanted));
  }
}

function townshipEntries(collection: FeatureCollection): TownshipEntry[] {
  const entries: TownshipEntry[] = [];
  for (const feature of collection.features) {
    const bounds = boundingBoxOf([feature.geometry]);
    if (!bounds) continue;
    entries.push({ code: String(feature.properties?.CODE ?? ''), name: String(feature.properties?.NAME ?? ''), bounds });
  }
  return entries.sort((a, b) => a.code.localeCompare(b.code));
}
