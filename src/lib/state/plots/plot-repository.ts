/**
 * Plots in IndexedDB: every change is written at once through the revisioned 'plots' store, so
 * a plot survives a reload, a closed tab and a crash. Deleting only marks the record (soft
 * delete), so it can be undone — also after a reload. A write based on an older revision than
 * the stored one (another tab saved in between) is refused with ConflictError; nothing is lost.
 *
 * Plain TypeScript (no Svelte): the plot state wraps it, tests use it with fake-indexeddb.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { normalisePlotGeometry } from '../../geo/plot-geometry';
import { openForestMapDatabase, type ForestMapDatabase, type StoredPlot } from '../persistence/database';
import { RevisionedStore, type ChangeNotice } from '../persistence/revisioned-store';

/** The attributes a planner edits. */
export interface PlotAttributes {
  readonly name: string;
  readonly plotType: string;
  readonly targetYear: number;
  readonly notes: string;
}

export type PlotChanges = Partial<PlotAttributes> & { readonly geometry?: Polygon | MultiPolygon; readonly deleted?: boolean };

/** A plot's geometry could not be stored (nothing polygonal in it). */
export class PlotGeometryError extends Error {
  constructor() {
    super('the plot has no polygon with at least three distinct vertices');
    this.name = 'PlotGeometryError';
  }
}

function storedGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const normalised = normalisePlotGeometry(geometry);
  if (!normalised) throw new PlotGeometryError();
  return normalised;
}

export class PlotRepository {
  constructor(
    private readonly database: ForestMapDatabase,
    private readonly store: RevisionedStore<'plots'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Opens the app's database (or a named one in tests).
   * @param origin identifies this tab in change notices.
   */
  static async open(options: { databaseName?: string; origin?: string; now?: () => Date } = {}): Promise<PlotRepository> {
    const database = await openForestMapDatabase(options.databaseName);
    const now = options.now ?? (() => new Date());
    return new PlotRepository(database, new RevisionedStore(database, 'plots', options.origin, now), now);
  }

  /** Every stored plot, deleted ones included, oldest first. */
  async list(): Promise<StoredPlot[]> {
    const plots = await this.store.list();
    return plots.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  get(id: string): Promise<StoredPlot | undefined> {
    return this.store.get(id);
  }

  /**
   * Stores a new plot.
   * @throws PlotGeometryError when the geometry has no usable polygon.
   */
  async create(attributes: PlotAttributes, geometry: Polygon | MultiPolygon, id: string = crypto.randomUUID()): Promise<StoredPlot> {
    const draft = { id, ...attributes, geometry: storedGeometry(geometry), createdAt: this.now().toISOString(), deleted: false };
    return this.store.put(draft, 0);
  }

  /**
   * Applies changes to the plot as the caller last saw it.
   * @throws ConflictError when another tab wrote it since `current` was read.
   */
  async update(current: StoredPlot, changes: PlotChanges): Promise<StoredPlot> {
    const { revision: _revision, updatedAt: _updatedAt, ...rest } = current;
    const geometry = changes.geometry ? storedGeometry(changes.geometry) : current.geometry;
    return this.store.put({ ...rest, ...changes, geometry }, current.revision);
  }

  /** Soft delete (undo with restore). */
  softDelete(current: StoredPlot): Promise<StoredPlot> {
    return this.update(current, { deleted: true });
  }

  restore(current: StoredPlot): Promise<StoredPlot> {
    return this.update(current, { deleted: false });
  }

  /** Calls `listener` when another tab writes a plot. Returns an unsubscribe function. */
  onExternalChange(listener: (notice: ChangeNotice) => void): () => void {
    return this.store.onExternalChange(listener);
  }

  close(): void {
    this.store.close();
    this.database.close();
  }
}
