/**
 * Slope of the plots on the elevation models opened in the imagery panel: computed in the imagery
 * worker per plot (again only when its geometry or the DEMs change), and the steepness threshold
 * the user sets (default 25°, kept in localStorage). Without a DEM there is nothing here.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { isSteepPlot, shareSteeperThan, type PlotSlope } from '../../geo/raster/plot-slope';
import type { SettingsStorage } from '../basemap/basemap-settings.svelte';
import type { ImageryLayer } from './imagery-types';

const STORAGE_KEY = 'youyang-forest-map.slope-threshold.v1';
export const DEFAULT_SLOPE_THRESHOLD = 25;

/** What the panel shows for a plot: the outcome on the first DEM that has heights under it. */
export type PlotSlopeEntry = { readonly status: 'computing' } | { readonly status: 'done'; readonly slope: PlotSlope; readonly demName: string } | { readonly status: 'failed'; readonly detail: string };

export type PlotSlopeSource = (demId: string, geometry: Polygon | MultiPolygon) => Promise<PlotSlope>;

interface PlotInput {
  readonly id: string;
  readonly geometry: Polygon | MultiPolygon;
}

function parseThreshold(text: string | null | undefined): number {
  const value = Number(text);
  return text && Number.isFinite(value) && value > 0 && value < 90 ? value : DEFAULT_SLOPE_THRESHOLD;
}

export class TerrainState {
  threshold = $state(DEFAULT_SLOPE_THRESHOLD);
  saveFailed = $state.raw<string | null>(null);
  /** Per plot id. */
  slopes = $state.raw<ReadonlyMap<string, PlotSlopeEntry>>(new Map());
  /** True while at least one visible DEM is open. */
  active = $state(false);

  /** Results per geometry object (plots replace theirs on edit), for the DEMs they were computed on. */
  private cache = new WeakMap<object, { demKey: string; entry: PlotSlopeEntry }>();
  private generation = 0;

  constructor(
    private readonly slopeOn: PlotSlopeSource,
    private readonly storage: SettingsStorage | undefined = globalThis.localStorage,
  ) {
    try {
      this.threshold = parseThreshold(this.storage?.getItem(STORAGE_KEY));
    } catch {
      this.threshold = DEFAULT_SLOPE_THRESHOLD;
    }
  }

  setThreshold(value: number): void {
    if (!Number.isFinite(value) || value <= 0 || value >= 90) return;
    this.threshold = value;
    try {
      this.storage?.setItem(STORAGE_KEY, String(value));
      this.saveFailed = null;
    } catch (error) {
      this.saveFailed = error instanceof Error ? error.message : String(error);
    }
  }

  /** Share (0–1) of the plot at or above the threshold, when its slope is known. */
  steepShare(id: string): number | undefined {
    const entry = this.slopes.get(id);
    return entry?.status === 'done' && entry.slope.kind === 'slope' ? shareSteeperThan(entry.slope, this.threshold) : undefined;
  }

  /** More than half of the plot at or above the threshold. */
  isSteep(id: string): boolean {
    const entry = this.slopes.get(id);
    return entry?.status === 'done' && isSteepPlot(entry.slope, this.threshold);
  }

  /** Brings the slopes up to date with these plots and the open DEMs (visible ones, in list order). */
  follow(plots: readonly PlotInput[], layers: readonly ImageryLayer[]): void {
    const dems = layers.filter((layer) => layer.dem && layer.visible);
    this.active = dems.length > 0;
    const generation = ++this.generation;
    if (dems.length === 0) {
      this.slopes = new Map();
      return;
    }
    const demKey = dems.map((layer) => layer.id).join('|');
    const next = new Map<string, PlotSlopeEntry>();
    const pending: PlotInput[] = [];
    for (const plot of plots) {
      const cached = this.cache.get(plot.geometry);
      if (cached && cached.demKey === demKey) next.set(plot.id, cached.entry);
      else {
        next.set(plot.id, { status: 'computing' });
        pending.push(plot);
      }
    }
    this.slopes = next;
    if (pending.length > 0) void this.compute(pending, dems, demKey, generation);
  }

  private async compute(plots: readonly PlotInput[], dems: readonly ImageryLayer[], demKey: string, generation: number): Promise<void> {
    for (const plot of plots) {
      let entry: PlotSlopeEntry;
      try {
        entry = await this.firstCovering(plot.geometry, dems);
      } catch (error) {
        entry = { status: 'failed', detail: error instanceof Error ? error.message : String(error) };
      }
      if (entry.status === 'done') this.cache.set(plot.geometry, { demKey, entry });
      // A newer follow() has taken over: its own run reports these plots.
      if (generation !== this.generation) return;
      this.slopes = new Map(this.slopes).set(plot.id, entry);
    }
  }

  private async firstCovering(geometry: Polygon | MultiPolygon, dems: readonly ImageryLayer[]): Promise<PlotSlopeEntry> {
    let last: PlotSlopeEntry | undefined;
    for (const dem of dems) {
      const slope = await this.slopeOn(dem.id, geometry);
      last = { status: 'done', slope, demName: dem.fileName };
      if (slope.kind !== 'not-covered') return last;
    }
    return last!;
  }
}
