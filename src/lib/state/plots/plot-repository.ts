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
import type { Draft, Repository } from '../persistence/repository';
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

export class PlotRepository implements Repository<StoredPlot> {
  readonly name = 'plots';

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
    return this.put({ id, ...attributes, geometry, createdAt: this.now().toISOString(), deleted: false }, 0);
  }

  /**
   * Applies changes to the plot as the caller last saw it.
   * @throws ConflictError when another tab wrote it since `current` was read.
   */
  async update(current: StoredPlot, changes: PlotChanges): Promise<StoredPlot> {
    const { revision: _revision, updatedAt: _updatedAt, ...rest } = current;
    // Only a new geometry is checked: a stored one already was.
    const geometry = changes.geometry ? storedGeometry(changes.geometry) : current.geometry;
    return this.store.put({ ...rest, ...changes, geometry }, current.revision);
  }

  /**
   * Writes a whole plot record (the sync layer and restores; edits use create/update).
   * @throws ConflictError when the stored revision is not `expectedRevision`.
   * @throws PlotGeometryError when the geometry has no usable polygon.
   */
  put(record: Draft<StoredPlot>, expectedRevision: number): Promise<StoredPlot> {
    return this.store.put({ ...record, geometry: storedGeometry(record.geometry) }, expectedRevision);
  }

  /** Removes a plot for good (the user's deletions are soft: softDelete). */
  remove(id: string, expectedRevision?: number): Promise<void> {
    return this.store.remove(id, expectedRevision);
  }

  /** Soft delete (undo with restore). */
  softDelete(current: StoredPlot): Promise<StoredPlot> {
    return this.update(current, { deleted: true });
  }

  restore(current: StoredPlot): Promise<StoredPlot> {
    return this.update(current, { deleted: false });
  }

  /** Calls `listener` when another tab writes a plot. Returns an unsubscribe function. */
  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    return this.store.subscribe(listener);
  }

  close(): void {
    this.store.close();
    this.database.close();
  }
}
