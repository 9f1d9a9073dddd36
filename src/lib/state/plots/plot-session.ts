/**
 * One tab's view of the stored plots and the rules for keeping it honest:
 * - attribute edits are shown at once and written shortly after (debounced), geometry and
 *   deletions at once, each based on the revision this tab last read;
 * - when another tab wrote first, the write is refused (ConflictError): the record is reloaded,
 *   this tab's unsaved edit is dropped and a notice says so — never a silent overwrite;
 * - when another tab writes a plot, it is reloaded here; if this tab had unsaved edits to it,
 *   a notice says they were dropped.
 *
 * Plain TypeScript: plots-state.svelte.ts mirrors it into runes; tests drive it directly.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { StoredPlot } from '../persistence/database';
import { ConflictError } from '../persistence/revisioned-store';
import type { PlotAttributes, PlotChanges, PlotRepository } from './plot-repository';

export type PlotNoticeCode =
  | 'save-conflict'
  | 'changed-elsewhere'
  | 'changed-elsewhere-discarded'
  | 'deleted-elsewhere'
  | 'save-failed';

export interface PlotNotice {
  readonly code: PlotNoticeCode;
  readonly plotId: string;
  /** The plot's name, for the message. */
  readonly name: string;
  /** Error text for 'save-failed'. */
  readonly detail?: string;
}

export interface PlotSessionListeners {
  /** The plots changed (all of them, deleted ones included, pending edits applied). */
  onChange(plots: readonly StoredPlot[]): void;
  onNotice(notice: PlotNotice): void;
}

export class PlotSession {
  /** Records as last read from or written to the database. */
  private readonly stored = new Map<string, StoredPlot>();
  /** Edits shown but not yet written. */
  private readonly pending = new Map<string, PlotChanges>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The write in flight per plot (writes to one plot never overlap). */
  private readonly writing = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly repository: PlotRepository,
    private readonly listeners: PlotSessionListeners,
    private readonly saveDelayMilliseconds = 400,
  ) {}

  /** Reads every plot and starts following other tabs' writes. */
  async load(): Promise<void> {
    for (const plot of await this.repository.list()) this.stored.set(plot.id, plot);
    this.unsubscribe ??= this.repository.onExternalChange((notice) => void this.reloadFromElsewhere(notice.id));
    this.emit();
  }

  /** All plots (deleted ones included) with pending edits applied, oldest first. */
  plots(): StoredPlot[] {
    return [...this.stored.values()].map((plot) => this.withPending(plot));
  }

  get(id: string): StoredPlot | undefined {
    const plot = this.stored.get(id);
    return plot ? this.withPending(plot) : undefined;
  }

  hasPendingEdits(id: string): boolean {
    return this.pending.has(id);
  }

  /** Stores a new plot. */
  async create(attributes: PlotAttributes, geometry: Polygon | MultiPolygon): Promise<StoredPlot> {
    const plot = await this.repository.create(attributes, geometry);
    this.stored.set(plot.id, plot);
    this.emit();
    return plot;
  }

  /** Shows an edit at once and writes it after a short pause (typing does not write per key). */
  edit(id: string, changes: PlotChanges): void {
    if (!this.stored.has(id)) return;
    this.pending.set(id, { ...this.pending.get(id), ...changes });
    clearTimeout(this.timers.get(id));
    this.timers.set(id, setTimeout(() => void this.flush(id), this.saveDelayMilliseconds));
    this.emit();
  }

  /** Writes a plot's pending edits now (or every plot's). Resolves when written or refused. */
  async flush(id?: string): Promise<void> {
    if (id === undefined) {
      await Promise.all([...new Set([...this.pending.keys(), ...this.writing.keys()])].map((each) => this.flush(each)));
      return;
    }
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const previous = this.writing.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.write(id));
    this.writing.set(id, next);
    await next;
    if (this.writing.get(id) === next) this.writing.delete(id);
  }

  /** Replaces a plot's geometry and writes it at once. */
  async setGeometry(id: string, geometry: Polygon | MultiPolygon): Promise<void> {
    this.edit(id, { geometry });
    await this.flush(id);
  }

  /** Marks a plot deleted (written at once); restore() undoes it. */
  async remove(id: string): Promise<void> {
    this.edit(id, { deleted: true });
    await this.flush(id);
  }

  async restore(id: string): Promise<void> {
    this.edit(id, { deleted: false });
    await this.flush(id);
  }

  /** Writes what is pending and stops following other tabs. */
  async dispose(): Promise<void> {
    await this.flush();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private withPending(plot: StoredPlot): StoredPlot {
    const changes = this.pending.get(plot.id);
    return changes ? ({ ...plot, ...changes } as StoredPlot) : plot;
  }

  private async write(id: string): Promise<void> {
    const changes = this.pending.get(id);
    const base = this.stored.get(id);
    if (!changes || !base) return;
    this.pending.delete(id);
    try {
      const saved = await this.repository.update(base, changes);
      this.stored.set(id, saved);
    } catch (error) {
      if (error instanceof ConflictError) {
        await this.reload(id);
        this.listeners.onNotice({ code: 'save-conflict', plotId: id, name: this.stored.get(id)?.name ?? base.name });
      } else {
        // Keep the edit on screen and pending, so a later flush can still write it.
        this.pending.set(id, { ...changes, ...this.pending.get(id) });
        const detail = error instanceof Error ? error.message : String(error);
        this.listeners.onNotice({ code: 'save-failed', plotId: id, name: base.name, detail });
      }
    }
    this.emit();
  }

  private async reload(id: string): Promise<void> {
    const fresh = await this.repository.get(id);
    if (fresh) this.stored.set(id, fresh);
    else this.stored.delete(id);
  }

  private async reloadFromElsewhere(id: string): Promise<void> {
    // A write of ours in flight may be the one refused; let it finish (and report) first.
    await this.writing.get(id);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const before = this.stored.get(id);
    const fresh = await this.repository.get(id);
    // Already seen (e.g. reloaded after a refused write): edits made since are based on it.
    if (fresh && before && fresh.revision === before.revision) {
      if (this.pending.has(id)) void this.flush(id);
      return;
    }
    const discarded = this.pending.has(id);
    this.pending.delete(id);
    if (fresh) this.stored.set(id, fresh);
    else this.stored.delete(id);
    const name = fresh?.name ?? before?.name ?? '';
    if (discarded) this.listeners.onNotice({ code: 'changed-elsewhere-discarded', plotId: id, name });
    else if (fresh?.deleted && before && !before.deleted) this.listeners.onNotice({ code: 'deleted-elsewhere', plotId: id, name });
    else this.listeners.onNotice({ code: 'changed-elsewhere', plotId: id, name });
    this.emit();
  }

  private emit(): void {
    this.listeners.onChange(this.plots());
  }
}
