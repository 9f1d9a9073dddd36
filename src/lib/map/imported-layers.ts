/**
 * Imported layers on the map. Each gets a GeoJSON source named by its key and four style layers
 * picked by geometry type (imported-style.ts) in the layer's colour, drawn above the catalog's
 * fills and under the labels. A layer that stands in for a catalog layer (its
 * role) is hidden itself and feeds that catalog layer's source instead, so it is drawn, clicked
 * and labelled exactly like the sample layer it replaces.
 *
 * A new layer stays hidden until all its chunks are in (see feed-source.ts): visible, every chunk
 * would make MapLibre re-cut and redraw the tiles in view, which costs more than the feeding itself.
 * A large layer goes to several sources (imported-sources.ts), each with its own style layers, and
 * each source gets its part in one message: every message makes MapLibre redraw the whole map
 * even while the layer is hidden (45 → 22 redraws for a 200,000-polygon import). The message is
 * compact (compact-feed.ts), sparing the page MapLibre's walk and clone of every feature, and
 * carries no attributes: the style reads none, and clicks and panels use the page's copy.
 */
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { LayerId } from '../layers/catalog';
import { COLOURS } from '../layers/symbology';
import { labelPoints } from '../geo/label-point';
import type { ImportedLayerEntry, ImportedLayerKey } from '../state/import-record';
import type { ForestMap } from './forest-map';
import { feedSource, markFed } from './feed-source';
import { FEATURES_PER_SOURCE, importedSourceIds } from './imported-sources';
import { applyPaint, applyVisibility } from './style-properties';
import { IMPORTED_STYLE_FIELDS, SELECTED, importedStyleLayerIds, importedStyleLayers } from './imported-style';

/** Township label points are computed for stand-in township layers up to this size. */
const MAX_LABELLED_TOWNSHIPS = 2000;

/**
 * Label points of stand-in townships, by the same function the layer loader labels the catalog's
 * townships with (the stand-in's features are numbered by index, as catalog features are).
 */
function townshipLabelPoints(collection: FeatureCollection): FeatureCollection<Point> {
  return collection.features.length > MAX_LABELLED_TOWNSHIPS ? { type: 'FeatureCollection', features: [] } : labelPoints(collection);
}

interface Shown {
  readonly collection: FeatureCollection;
  /** Its MapLibre sources (imported-sources.ts). */
  readonly sources: readonly string[];
  /** The entry last synced, to restyle with once the data are in. */
  entry: ImportedLayerEntry;
  /** True until every chunk reached MapLibre's worker (the layer stays hidden meanwhile). */
  feeding: boolean;
}

/** A layer whose data started going to the map. */
export interface LayerFeed {
  readonly id: ImportedLayerKey;
  /** Resolves true when the whole layer is on the map (false: replaced or removed meanwhile). */
  readonly done: Promise<boolean>;
}

/** Keeps the map in step with the imported layers in state. */
export class ImportedLayersOnMap {
  private readonly shown = new Map<ImportedLayerKey, Shown>();
  /** Catalog layers currently fed with a stand-in collection. */
  private readonly standIns = new Map<LayerId, FeatureCollection>();
  private readonly map: MapLibreMap;

  constructor(private readonly forestMap: ForestMap) {
    this.map = forestMap.map;
  }

  /**
   * Shows exactly these layers, stacked in this order, with their styles; adds and removes
   * sources as needed. Returns the feeds started (resolve when the data are on the map).
   */
  sync(entries: readonly ImportedLayerEntry[], collectionOf: (id: ImportedLayerKey) => FeatureCollection | undefined): LayerFeed[] {
    const feeds: LayerFeed[] = [];
    for (const id of [...this.shown.keys()]) if (!entries.some((entry) => entry.id === id)) this.removeLayer(id);
    for (const entry of entries) {
      const collection = collectionOf(entry.id);
      if (!collection) continue;
      const shown = this.shown.get(entry.id);
      if (!shown || shown.collection !== collection) {
        if (shown) this.removeLayer(entry.id);
        feeds.push({ id: entry.id, done: this.addLayer(entry, collection) });
      }
      this.shown.get(entry.id)!.entry = entry;
      this.applyStyle(entry);
    }
    return feeds;
  }

  /**
   * Feeds a catalog layer's source with a stand-in collection (an imported layer in that role), or
   * with its sample data again. Township labels follow. No-op when it already shows that collection.
   */
  async setCatalogData(role: LayerId, collection: FeatureCollection, isSample: boolean): Promise<boolean> {
    const showing = this.standIns.get(role);
    if (isSample ? showing === undefined : showing === collection) return true;
    if (isSample) this.standIns.delete(role);
    else this.standIns.set(role, collection);
    if (!this.forestMap.hasLayer(role)) return false;
    if (role === 'townships') this.forestMap.setTownshipLabels(townshipLabelPoints(collection));
    return this.forestMap.setLayerData(role, collection);
  }

  /** Catalog layers currently showing a stand-in. */
  standInRoles(): LayerId[] {
    return [...this.standIns.keys()];
  }

  private addLayer(entry: ImportedLayerEntry, collection: FeatureCollection): Promise<boolean> {
    const sources = importedSourceIds(entry.id, collection.features.length);
    const beforeId = this.map.getStyle().layers.find((layer) => layer.type === 'symbol')?.id;
    for (const source of sources) {
      this.map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, tolerance: 0.375 });
      for (const layer of importedStyleLayers(source, entry.style.color)) this.map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } }, beforeId);
    }
    this.forestMap.setClickableLayers(
      entry.id,
      sources.flatMap((source) => {
        const ids = importedStyleLayerIds(source);
        return [ids.fill, ids.line, ids.point];
      }),
    );
    const shown: Shown = { collection, sources, entry, feeding: true };
    this.shown.set(entry.id, shown);
    return this.feedParts(entry.id, sources, collection).then((complete) => {
      if (complete && this.shown.get(entry.id) === shown) {
        shown.feeding = false;
        this.applyStyle(shown.entry);
      }
      return complete;
    });
  }

  /** Feeds each source its part of the layer in one message, one source after the other; false when one was superseded. */
  private async feedParts(id: ImportedLayerKey, sources: readonly string[], collection: FeatureCollection): Promise<boolean> {
    for (const [part, source] of sources.entries()) {
      const firstId = part * FEATURES_PER_SOURCE;
      const features = collection.features.slice(firstId, firstId + FEATURES_PER_SOURCE);
      if (!(await feedSource(this.map, source, features, { firstId, mark: false, fields: IMPORTED_STYLE_FIELDS }))) return false;
    }
    markFed(id, collection.features.length);
    return true;
  }

  private removeLayer(id: ImportedLayerKey): void {
    this.forestMap.setClickableLayers(id, []);
    for (const source of this.shown.get(id)?.sources ?? [id]) {
      for (const styleLayerId of Object.values(importedStyleLayerIds(source))) if (this.map.getLayer(styleLayerId)) this.map.removeLayer(styleLayerId);
      if (this.map.getSource(source)) this.map.removeSource(source);
    }
    this.shown.delete(id);
  }

  private applyStyle(entry: ImportedLayerEntry): void {
    const { color, opacity } = entry.style;
    const shown = this.shown.get(entry.id)!;
    // A layer standing in for a catalog layer is drawn by that layer instead.
    const visible = entry.style.visible && entry.assignment.role === 'reference' && !shown.feeding;
    const highlighted: ExpressionSpecification = ['case', SELECTED, COLOURS.highlight, color];
    for (const source of shown.sources) {
      const ids = importedStyleLayerIds(source);
      for (const styleLayerId of Object.values(ids)) applyVisibility(this.map, styleLayerId, visible);
      applyPaint(this.map, ids.fill, 'fill-color', color);
      applyPaint(this.map, ids.outline, 'line-color', highlighted);
      applyPaint(this.map, ids.line, 'line-color', highlighted);
      applyPaint(this.map, ids.point, 'circle-color', color);
      applyPaint(this.map, ids.fill, 'fill-opacity', 0.3 * opacity);
      applyPaint(this.map, ids.outline, 'line-opacity', opacity);
      applyPaint(this.map, ids.line, 'line-opacity', opacity);
      applyPaint(this.map, ids.point, 'circle-opacity', opacity);
      applyPaint(this.map, ids.point, 'circle-stroke-opacity', opacity);
    }
  }
}
