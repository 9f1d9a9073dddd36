/**
 * New plots (drawn or imported) until IndexedDB has them: each is kept here, shown on the map,
 * while its write is under way and after a failed write, with the reason, until a retry writes it
 * or the user discards it. Every plot gets its id before the first attempt, so a retry after a
 * write that did land (but was reported as failed) finds it instead of storing it twice.
 *
 * Plain TypeScript: plots-state.svelte.ts mirrors the list into runes; tests drive it directly.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { StoredPlot } from '../persistence/database';
import type { PlotAttributes } from './plot-repository';
import { describeSaveError } from './plot-save-errors';
import type { LocalizedText } from '../../i18n/locale';

export interface UnsavedPlot {
  /** Also the id the plot is stored under. */
  readonly key: string;
  readonly attributes: PlotAttributes;
  readonly geometry: Polygon | MultiPolygon;
  readonly origin: 'drawing' | 'import';
  readonly status: 'saving' | 'failed';
  /** Why the last write failed. */
  readonly reason: LocalizedText | null;
}

/** Writes a new plot under the given id (PlotSession.create). */
export type CreatePlot = (attributes: PlotAttributes, geometry: Polygon | MultiPolygon, id: string) => Promise<StoredPlot>;

export class UnsavedPlots {
  private list: UnsavedPlot[] = [];

  constructor(
    private readonly create: CreatePlot,
    private readonly onChange: (list: readonly UnsavedPlot[]) => void,
  ) {}

  get items(): readonly UnsavedPlot[] {
    return this.list;
  }

  /**
   * Keeps a new plot and writes it.
   * @returns the stored plot, or null when the write failed (the plot stays listed with the reason).
   */
  add(attributes: PlotAttributes, geometry: Polygon | MultiPolygon, origin: UnsavedPlot['origin']): Promise<StoredPlot | null> {
    const key = crypto.randomUUID();
    this.list = [...this.list, { key, attributes, geometry, origin, status: 'saving', reason: null }];
    this.onChange(this.list);
    return this.save(key);
  }

  /** Writes a kept plot again; null when it failed again (or is unknown, or already being written). */
  retry(key: string): Promise<StoredPlot | null> {
    const entry = this.list.find((each) => each.key === key);
    if (!entry || entry.status === 'saving') return Promise.resolve(null);
    return this.save(key);
  }

  /** Gives a kept plot up (the user chose to). */
  discard(key: string): void {
    this.list = this.list.filter((entry) => entry.key !== key || entry.status === 'saving');
    this.onChange(this.list);
  }

  private async save(key: string): Promise<StoredPlot | null> {
    this.update(key, { status: 'saving', reason: null });
    const entry = this.list.find((each) => each.key === key)!;
    try {
      const plot = await this.create(entry.attributes, entry.geometry, key);
      this.list = this.list.filter((each) => each.key !== key);
      this.onChange(this.list);
      return plot;
    } catch (error) {
      this.update(key, { status: 'failed', reason: describeSaveError(error) });
      return null;
    }
  }

  private update(key: string, changes: Pick<UnsavedPlot, 'status' | 'reason'>): void {
    this.list = this.list.map((entry) => (entry.key === key ? { ...entry, ...changes } : entry));
    this.onChange(this.list);
  }
}
