/**
 * The MapLibre map of the app: offline base style, catalog layers in a fixed drawing order,
 * visibility, opacity, selection highlight and pointer events. It renders what state gives it
 * and computes no statistics.
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type LayerSpecification, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from '../../workers/maplibre.worker?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { LAYERS, type LayerId } from '../layers/catalog';
import { baseStyle } from './base-style';
import { createHatchPattern } from './patterns';
import { HATCH_PATTERN_ID, TOWNSHIP_LABEL_SOURCE, opacityBases, sourceId, sourceTolerance, styleLayersFor } from './layer-styles';
import type { MapView } from '../state/url-state';
import type { SelectableLayerId } from '../state/feature-description';
import { isImportedLayerKey } from '../state/import-record';
import { feedSource, setOverlayData } from './feed-source';
import { styleFields } from './style-fields';
import { importedSourceOf } from './imported-sources';
import { applyPaint, applyVisibility } from './style-properties';
import type { OpenedCatalogTiles } from './catalog-tiles';

const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

setWorkerUrl(workerUrl);

export type Bounds = [west: number, south: number, east: number, north: number];

export interface FeatureClick {
  readonly layerId: SelectableLayerId;
  readonly featureId: number;
}

/** Catalog position of each layer: later layers draw on top; labels draw above all fills. */
const CATALOG_ORDER = new Map(LAYERS.map((layer, index) => [layer.id, index]));
const LABEL_ORDER_OFFSET = 1000;
/** Boundaries and rivers draw above every thematic fill, under the labels. */
const BOUNDARY_ORDER_OFFSET = 500;
const BOUNDARY_STYLE_LAYERS = new Set(['county-casing', 'county-line', 'townships-line', 'rivers-line']);
/**
 * An empty style layer added at load, on top: catalog layers go under it, and overlays (plots,
 * drawing, corridors, …) added later go on top as usual — so they need not wait for every catalog
 * layer to arrive, and a late catalog layer never covers them.
 */
const CATALOG_CEILING = 'catalog-ceiling';

const CONTROL_TITLES = {
  zh: { '.maplibregl-ctrl-zoom-in': '放大', '.maplibregl-ctrl-zoom-out': '缩小', '.maplibregl-ctrl-compass': '指北' },
  en: { '.maplibregl-ctrl-zoom-in': 'Zoom in', '.maplibregl-ctrl-zoom-out': 'Zoom out', '.maplibregl-ctrl-compass': 'Reset bearing to north' },
} as const;

/** Style layers a click can pick, per catalog layer. */
const CLICKABLE_SUFFIXES = ['-fill', '-hatch', '-point', '-line'];

export class ForestMap {
  readonly map: MapLibreMap;
  private readonly styleLayerOrder = new Map<string, number>();
  private readonly styleLayersByLayer = new Map<LayerId, LayerSpecification[]>();
  private selected: { layerId: SelectableLayerId; featureId: number } | null = null;
  /** Style layers outside the catalog (imported layers) that a click can pick, with their layer. */
  /** Catalog layers whose data are still going to the map (hidden meanwhile), and the visibility asked for. */
  private readonly feeding = new Set<LayerId>();
  private readonly wantedVisibility = new Map<LayerId, boolean>();
  /**
   * Data of hidden catalog layers, put on the map (source, style layers, data) when the layer is
   * first shown: adding a source or a style layer makes MapLibre redraw the whole map (0.1–0.4 s
   * of CPU per frame with SwiftShader) and a feed clones the features to MapLibre's worker, for
   * layers nobody sees (docs/benchmarks.md).
   */
  private readonly unshown = new Map<LayerId, FeatureCollection>();
  /** Opacity asked for per catalog layer, also while it waits in `unshown`. */
  private readonly opacities = new Map<LayerId, number>();
  /** Feeds in progress; whenIdle waits for them, as the map can be idle between two chunks. */
  private readonly feeds = new Set<Promise<boolean>>();
  private readonly extraClickable = new Map<string, SelectableLayerId>();
  /** Vector-tile archives offered for catalog layers (layers/catalog-tiles.ts), opening or opened. */
  private readonly tileArchives = new Map<LayerId, Promise<OpenedCatalogTiles | null>>();
  /** Each matched archive and the collection it stands for (the layer's data as first added). */
  private readonly tiledCollections = new Map<LayerId, { collection: FeatureCollection; tiles: OpenedCatalogTiles }>();
  /** Catalog layers whose source is their archive now. */
  private readonly drawnFromTiles = new Map<LayerId, OpenedCatalogTiles>();
  /** Layers waiting for their archive to open, with the data last given (setLayerData may replace it meanwhile). */
  private readonly arriving = new Map<LayerId, FeatureCollection>();
  /** Tiled layers on the map from their archive before their data arrived (drawTilesAhead). */
  private readonly drawnAhead = new Set<LayerId>();
  /**
   * Settles on MapLibre's one 'load' event. Not map.loaded(): that is false again whenever a
   * source is loading tiles, and 'load' does not fire a second time.
   */
  private readonly loaded: Promise<void>;
  /** While set, map clicks go here (placing a facility, …) instead of selecting features. */
  private clickInterceptor: ((position: [number, number]) => void) | null = null;

  constructor(container: HTMLElement, view: MapView, locale: 'zh' | 'en') {
    this.map = new MapLibreMap({
      container,
      style: baseStyle(),
      center: [view.longitude, view.latitude],
      zoom: view.zoom,
      maxZoom: 18,
      minZoom: 6,
      attributionControl: false,
      localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
      // Keeps the canvas readable for screenshots, printing and tests.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-right');
    this.setControlLanguage(locale);
    this.loaded = new Promise((resolve) =>
      this.map.once('load', () => {
        this.map.addImage(HATCH_PATTERN_ID, createHatchPattern('#bf812d'), { pixelRatio: 2 });
        this.map.addLayer({ id: CATALOG_CEILING, type: 'background', layout: { visibility: 'none' } });
        resolve();
      }),
    );
  }

  /** Resolves when every feed has reached the map and the map has finished moving and rendering. */
  async whenIdle(): Promise<void> {
    await this.whenFed();
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  /** Resolves once no catalog layer's data are still going to the map. */
  async whenFed(): Promise<void> {
    while (this.feeds.size > 0) await Promise.all(this.feeds);
  }

  /** Resolves once the base style is loaded and layers can be added. */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /**
   * Adds a catalog layer's style layers and feeds its data in chunks (feed-source.ts), or points
   * them at the layer's vector tiles when it has an archive cut from these data (offerTiles);
   * township labels come as their own points. The layer stays hidden until its data are in, then takes the
   * visibility last asked for. A hidden layer goes on the map only when it is first shown.
   * Resolves false when the feed was superseded.
   */
  async addLayer(
    id: LayerId,
    collection: FeatureCollection,
    options: { visible: boolean; opacity: number; labelPoints?: FeatureCollection<Point> | null },
  ): Promise<boolean> {
    if (options.labelPoints && id === 'townships') this.setTownshipLabels(options.labelPoints);
    this.wantedVisibility.set(id, options.visible);
    this.opacities.set(id, options.opacity);
    const archive = this.tileArchives.get(id);
    if (archive) collection = await this.matchArchive(id, collection, archive);
    if (this.drawnAhead.delete(id)) {
      // Drawn from its tiles while the data were read: kept when they are these data's tiles.
      if (this.tiledCollections.get(id)?.collection === collection) {
        this.setVisibility(id, this.wantedVisibility.get(id) ?? false);
        return true;
      }
      this.removeStyleLayers(id);
    }
    if (!this.wantedVisibility.get(id)) {
      this.unshown.set(id, collection);
      return true;
    }
    if (this.addStyleLayers(id, collection)) {
      this.setVisibility(id, true);
      return true;
    }
    return this.feedThenShow(id, collection);
  }

  /**
   * Lets the map draw a catalog layer from vector tiles instead of its fed features, for as long
   * as it shows the collection the archive was cut from (checked by feature count when the layer
   * is added). Offered before the layer's data arrive, so the archive downloads meanwhile.
   */
  offerTiles(id: LayerId, archive: Promise<OpenedCatalogTiles | null>): void {
    this.tileArchives.set(id, archive);
  }

  /**
   * Draws a shown tiled layer from its archive as soon as the archive is open, when it was cut
   * from as many features as the catalog lists for the layer: MapLibre's worker then parses the
   * tiles while the loader still reads the FlatGeobuf, instead of after it (the sample county's
   * load spent its last ~2 s there). addLayer keeps them if the data that arrive match, else
   * replaces them; until then the layer counts as not yet on the map (hasLayer).
   */
  async drawTilesAhead(id: LayerId, featureCount: number, options: { visible: boolean; opacity: number }): Promise<void> {
    const archive = this.tileArchives.get(id);
    if (!archive || !options.visible) return;
    const tiles = await archive;
    if (!tiles || tiles.featureCount !== featureCount) return;
    // The data came first (or the layer was hidden meanwhile): addLayer has it in hand.
    if (this.styleLayersByLayer.has(id) || this.unshown.has(id) || this.arriving.has(id) || this.wantedVisibility.get(id) === false) return;
    this.opacities.set(id, options.opacity);
    this.addStyleLayersFrom(id, tiles);
    this.drawnAhead.add(id);
    this.setVisibility(id, true);
    performance.mark(`layer-ahead:${id}`);
  }

  /** Waits for the layer's archive and keeps it if it fits `collection`; returns the data to show by then. */
  private async matchArchive(id: LayerId, collection: FeatureCollection, archive: Promise<OpenedCatalogTiles | null>): Promise<FeatureCollection> {
    this.arriving.set(id, collection);
    const tiles = await archive;
    const latest = this.arriving.get(id) ?? collection;
    this.arriving.delete(id);
    if (tiles && tiles.featureCount === collection.features.length) this.tiledCollections.set(id, { collection, tiles });
    else if (tiles) console.warn(`${id}: the vector tiles were cut from ${tiles.featureCount} features, the layer has ${collection.features.length}; run "npm run data:ensure" to cut them again`);
    return latest;
  }

  /**
   * The layer's source and its style layers, hidden, in catalog drawing order: its archive's
   * vector tiles when `collection` is what they were cut from (true), else an empty GeoJSON
   * source to feed (false).
   */
  private addStyleLayers(id: LayerId, collection: FeatureCollection): boolean {
    const tiled = this.tiledCollections.get(id);
    return this.addStyleLayersFrom(id, tiled?.collection === collection ? tiled.tiles : null);
  }

  /** The layer's style layers on its archive's tiles, or (null) on an empty GeoJSON source to feed. */
  private addStyleLayersFrom(id: LayerId, tiles: OpenedCatalogTiles | null): boolean {
    if (tiles) {
      this.map.addSource(sourceId(id), { type: 'vector', url: tiles.url });
      this.drawnFromTiles.set(id, tiles);
    } else {
      this.map.addSource(sourceId(id), { type: 'geojson', data: EMPTY_COLLECTION, tolerance: sourceTolerance(id) });
      this.drawnFromTiles.delete(id);
    }
    const layers = styleLayersFor(id).map((layer) => (tiles && 'source' in layer ? { ...layer, 'source-layer': tiles.layerName } : layer));
    this.styleLayersByLayer.set(id, layers);
    for (const layer of layers) {
      const offset = layer.type === 'symbol' ? LABEL_ORDER_OFFSET : BOUNDARY_STYLE_LAYERS.has(layer.id) ? BOUNDARY_ORDER_OFFSET : 0;
      const order = (CATALOG_ORDER.get(id) ?? 0) + offset;
      this.map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } }, this.firstStyleLayerAbove(order));
      this.styleLayerOrder.set(layer.id, order);
    }
    this.setOpacity(id, this.opacities.get(id) ?? 1);
    return tiles !== null;
  }

  /** Takes a layer's source and style layers off the map (to put it back with another kind of source). */
  private removeStyleLayers(id: LayerId): void {
    for (const layer of this.styleLayersByLayer.get(id) ?? []) {
      if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
      this.styleLayerOrder.delete(layer.id);
    }
    this.styleLayersByLayer.delete(id);
    if (this.map.getSource(sourceId(id))) this.map.removeSource(sourceId(id));
    this.drawnFromTiles.delete(id);
    this.drawnAhead.delete(id);
    // A feed still running into the removed source ends by itself (feed-source.ts).
    this.feeding.delete(id);
  }

  /** Feeds a layer hidden, then gives it the visibility last asked for. */
  private async feedThenShow(id: LayerId, collection: FeatureCollection): Promise<boolean> {
    this.feeding.add(id);
    const complete = await this.feed(id, collection);
    // A newer feed of the layer (started while this one ran) shows it when it ends.
    if (!complete) return false;
    this.feeding.delete(id);
    this.setVisibility(id, this.wantedVisibility.get(id) ?? false);
    return true;
  }

  /** Shows these points as the township labels (the catalog's, or a stand-in's). */
  setTownshipLabels(points: FeatureCollection<Point>): void {
    setOverlayData(this.map, TOWNSHIP_LABEL_SOURCE, points);
  }

  /** Whether the catalog layer was added (shown, or waiting hidden to be shown). */
  hasLayer(id: LayerId): boolean {
    return (this.styleLayersByLayer.has(id) && !this.drawnAhead.has(id)) || this.unshown.has(id) || this.arriving.has(id);
  }

  setVisibility(id: LayerId, visible: boolean): void {
    this.wantedVisibility.set(id, visible);
    const unshown = visible ? this.unshown.get(id) : undefined;
    if (unshown) {
      this.unshown.delete(id);
      if (!this.addStyleLayers(id, unshown)) {
        void this.feedThenShow(id, unshown);
        return;
      }
    }
    if (this.feeding.has(id)) return;
    for (const layer of this.styleLayersByLayer.get(id) ?? []) {
      applyVisibility(this.map, layer.id, visible);
    }
  }

  setOpacity(id: LayerId, opacity: number): void {
    this.opacities.set(id, opacity);
    for (const layer of this.styleLayersByLayer.get(id) ?? []) {
      for (const [property, base] of opacityBases(layer)) {
        applyPaint(this.map, layer.id, property, base * opacity);
      }
    }
  }

  /** Highlights one feature (or none) through feature-state. */
  select(target: { layerId: SelectableLayerId; featureId: number } | null): void {
    // An imported layer's sources are named by its key (imported-sources.ts); it may have been removed meanwhile.
    const source = ({ layerId, featureId }: { layerId: SelectableLayerId; featureId: number }) =>
      isImportedLayerKey(layerId) ? importedSourceOf(layerId, featureId) : sourceId(layerId);
    // A layer drawn from vector tiles keeps feature state per tile layer.
    const feature = (selection: { layerId: SelectableLayerId; featureId: number }) => {
      const tiles = isImportedLayerKey(selection.layerId) ? undefined : this.drawnFromTiles.get(selection.layerId);
      return { source: source(selection), id: selection.featureId, ...(tiles ? { sourceLayer: tiles.layerName } : {}) };
    };
    if (this.selected && this.map.getSource(source(this.selected))) {
      this.map.setFeatureState(feature(this.selected), { selected: false });
    }
    this.selected = target;
    if (target && this.map.getSource(source(target))) {
      this.map.setFeatureState(feature(target), { selected: true });
    }
  }

  /** Lets clicks pick features of style layers outside the catalog (an imported layer's); [] forgets them. */
  setClickableLayers(layerId: SelectableLayerId, styleLayerIds: readonly string[]): void {
    for (const [styleLayerId, owner] of this.extraClickable) if (owner === layerId) this.extraClickable.delete(styleLayerId);
    for (const styleLayerId of styleLayerIds) this.extraClickable.set(styleLayerId, layerId);
  }

  fitBounds(bounds: Bounds, maxZoom = 14): void {
    this.map.fitBounds(
      [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ],
      { padding: 48, maxZoom, duration: 600 },
    );
  }

  view(): MapView {
    const center = this.map.getCenter();
    return { zoom: this.map.getZoom(), latitude: center.lat, longitude: center.lng };
  }

  /**
   * Replaces the data of a catalog layer (edited facilities, a stand-in imported layer, the sample
   * again) through the one feed path. Resolves false when superseded or the layer is not on the map.
   * While the layer is hidden (and was never shown) the data wait until it is shown.
   */
  setLayerData(id: LayerId, collection: FeatureCollection): Promise<boolean> {
    for (const waiting of [this.arriving, this.unshown]) {
      if (waiting.has(id)) {
        waiting.set(id, collection);
        return Promise.resolve(true);
      }
    }
    // Between the archive's tiles and fed features (a stand-in for the sample, or the sample back):
    // a source cannot change its kind, so the layer goes on the map again.
    const wantsTiles = this.tiledCollections.get(id)?.collection === collection;
    if (this.styleLayersByLayer.has(id) && (wantsTiles || this.drawnFromTiles.has(id))) {
      if (wantsTiles && this.drawnFromTiles.has(id)) return Promise.resolve(true);
      this.removeStyleLayers(id);
      if (this.addStyleLayers(id, collection)) {
        this.setVisibility(id, this.wantedVisibility.get(id) ?? false);
        return Promise.resolve(true);
      }
      return this.feedThenShow(id, collection);
    }
    if (this.feeding.has(id)) return this.feedThenShow(id, collection);
    return this.feed(id, collection);
  }

  /** Feeds a layer's data (feed-source.ts), counted in `feeds` until it ends (whenFed). */
  private feed(id: LayerId, collection: FeatureCollection): Promise<boolean> {
    const feed = feedSource(this.map, sourceId(id), collection.features, { fields: styleFields(styleLayersFor(id)) });
    this.feeds.add(feed);
    return feed.finally(() => this.feeds.delete(feed));
  }

  /** Routes the next clicks to `interceptor` (null restores feature selection) and sets a crosshair. */
  interceptClicks(interceptor: ((position: [number, number]) => void) | null): void {
    this.clickInterceptor = interceptor;
    this.map.getCanvas().style.cursor = interceptor ? 'crosshair' : '';
  }

  onFeatureClick(handler: (click: FeatureClick | null) => void): void {
    this.map.on('click', (event) => {
      if (this.clickInterceptor) {
        this.clickInterceptor([event.lngLat.lng, event.lngLat.lat]);
        return;
      }
      const clickable = [...this.styleLayerOrder.keys()].filter(
        (styleLayerId) =>
          CLICKABLE_SUFFIXES.some((suffix) => styleLayerId.endsWith(suffix)) &&
          this.map.getLayoutProperty(styleLayerId, 'visibility') !== 'none' &&
          !styleLayerId.startsWith('county') &&
          !styleLayerId.startsWith('neighbors'),
      );
      for (const styleLayerId of this.extraClickable.keys()) {
        if (this.map.getLayer(styleLayerId) && this.map.getLayoutProperty(styleLayerId, 'visibility') !== 'none') clickable.push(styleLayerId);
      }
      const hits = this.map.queryRenderedFeatures(event.point, { layers: clickable });
      const extra = hits[0] && this.extraClickable.get(hits[0].layer.id);
      handler(extra && typeof hits[0]!.id === 'number' ? { layerId: extra, featureId: hits[0]!.id } : toFeatureClick(hits[0]));
    });
  }

  onPointerMove(handler: (position: [number, number] | null) => void): void {
    this.map.on('mousemove', (event) => handler([event.lngLat.lng, event.lngLat.lat]));
    this.map.getCanvas().addEventListener('mouseleave', () => handler(null));
  }

  onViewChange(handler: (view: MapView) => void): void {
    this.map.on('moveend', () => handler(this.view()));
  }

  /** Retitles the navigation buttons (MapLibre reads its locale only at construction). */
  setControlLanguage(locale: 'zh' | 'en'): void {
    const titles = CONTROL_TITLES[locale];
    for (const [selector, title] of Object.entries(titles)) {
      const button = this.map.getContainer().querySelector<HTMLButtonElement>(selector);
      if (!button) continue;
      button.title = title;
      button.setAttribute('aria-label', title);
    }
  }

  destroy(): void {
    this.map.remove();
  }

  private firstStyleLayerAbove(order: number): string | undefined {
    let beforeId: string | undefined;
    let beforeOrder = Infinity;
    for (const [styleLayerId, existingOrder] of this.styleLayerOrder) {
      if (existingOrder > order && existingOrder < beforeOrder) {
        beforeOrder = existingOrder;
        beforeId = styleLayerId;
      }
    }
    // The top catalog layer so far: under the ceiling, so under every overlay already added.
    if (beforeId === undefined) return CATALOG_CEILING;
    // The lowest style layer of that catalog layer, so the new one goes under all of it.
    const style = this.map.getStyle().layers.map((layer) => layer.id);
    const candidates = [...this.styleLayerOrder].filter(([, value]) => value === beforeOrder).map(([key]) => key);
    return candidates.sort((a, b) => style.indexOf(a) - style.indexOf(b))[0];
  }
}

function toFeatureClick(feature: MapGeoJSONFeature | undefined): FeatureClick | null {
  if (!feature || typeof feature.id !== 'number') return null;
  const layerId = feature.layer.id.split('-')[0] as LayerId;
  return CATALOG_ORDER.has(layerId) ? { layerId, featureId: feature.id } : null;
}
