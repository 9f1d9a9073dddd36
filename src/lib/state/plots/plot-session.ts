/**
 * One tab's view of the stored plots and the rules for keeping it honest:
 * - attribute edits are shown at once and written shortly after (debounced), geometry and
 *   deletions at once, each based on the revision this tab last read;
 * - when another tab wrote first, the write is refused (ConflictError): the record is reloaded,
 *   this tab's unsaved edit is dropped and a notice says so — never a silent overwrite;
 * - when another tab writes a plot, it is reloaded here; if this tab had unsaved edits to it,
 *   a notice says they were dropped;
 * - a write that fails (storage full, database closed) keeps the edit pending and on screen, says
 *   why, and is written by the next flush (a retry, or the next edit); edits are kept per plot
 *   id, so a delayed save always writes the plot it was made for. No method rejects: every
 *   failure becomes a notice, so callers may fire and forget.
 *
 * Plain TypeScript: plots-state.svelte.ts mirrors it into runes; tests drive it directly.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { StoredPlot } from '../persistence/database';
import { ConflictError } from '../persistence/repository';
import type { PlotAttributes, PlotChanges, PlotRepository } from './plot-repository';
import { describeSaveError } from './plot-save-errors';
import type { LocalizedText } from '../../i18n/locale';

export type PlotNoticeCode =
  | 'save-conflict'
  | 'changed-elsewhere'
  | 'changed-elsewhere-discarded'
  | 'deleted-elsewhere'
  | 'save-failed'
  | 'saved-after-failure'
  | 'reload-failed';

export interface PlotNotice {
  readonly code: PlotNoticeCode;
  readonly plotId: string;
  /** The plot's name, for the message. */
  readonly name: string;
  /** Why, for 'save-failed' and 'reload-failed'. */
  readonly reason?: LocalizedText;
  /** For 'save-failed': what the failed write was for. */
  readonly action?: 'edit' | 'delete' | 'restore';
}

/** How a flush ended: written, nothing to write, failed (kept pending), or refused (another tab wrote first). */
export type SaveOutcome = 'saved' | 'nothing' | 'failed' | 'conflict';

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
  private readonly writing = new Map<string, Promise<SaveOutcome>>();
  /** Plots whose last write failed (their edits are still pending). */
  private readonly failed = new Set<string>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly repository: PlotRepository,
    private readonly listeners: PlotSessionListeners,
    private readonly saveDelayMilliseconds = 400,
  ) {}

  /** Reads every plot and starts following other tabs' writes. */
  async load(): Promise<void> {
    for (const plot of await this.repository.list()) this.stored.set(plot.id, plot);
    this.unsubscribe ??= this.repository.subscribe((notice) => void this.reloadFromElsewhere(notice.id));
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

  /** True while a plot's last write failed and its edits wait for a retry. */
  hasFailedSave(id: string): boolean {
    return this.failed.has(id);
  }

  /**
   * Stores a new plot. Rejects when the write fails (the caller keeps the plot: UnsavedPlots).
   * @param id given by the caller so that a retry of a write that did land finds it, not a copy.
   */
  async create(attributes: PlotAttributes, geometry: Polygon | MultiPolygon, id?: string): Promise<StoredPlot> {
    let plot: StoredPlot;
    try {
      plot = await this.repository.create(attributes, geometry, id);
    } catch (error) {
      const landed = error instanceof ConflictError && id !== undefined ? await this.repository.get(id) : undefined;
      if (!landed) throw error;
      plot = landed;
    }
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

  /**
   * Writes a plot's pending edits now (or every plot's). Never rejects: a failure is reported as a
   * notice, the edit stays pending, and the outcome says what happened (the worst, for all plots).
   */
  async flush(id?: string): Promise<SaveOutcome> {
    if (id === undefined) {
      const ids = [...new Set([...this.pending.keys(), ...this.writing.keys()])];
      const outcomes = await Promise.all(ids.map((each) => this.flush(each)));
      return (['failed', 'conflict', 'saved'] as const).find((outcome) => outcomes.includes(outcome)) ?? 'nothing';
    }
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const previous = this.writing.get(id) ?? Promise.resolve<SaveOutcome>('nothing');
    const next = previous.then(
      () => this.write(id),
      () => this.write(id),
    );
    this.writing.set(id, next);
    try {
      return await next;
    } finally {
      if (this.writing.get(id) === next) this.writing.delete(id);
    }
  }

  /** Replaces a plot's geometry and writes it at once (kept pending and reported if that fails). */
  async setGeometry(id: string, geometry: Polygon | MultiPolygon): Promise<SaveOutcome> {
    this.edit(id, { geometry });
    return this.flush(id);
  }

  /** Marks a plot deleted (written at once); restore() undoes it. A failed deletion is undone on screen. */
  remove(id: string): Promise<SaveOutcome> {
    return this.setDeleted(id, true);
  }

  restore(id: string): Promise<SaveOutcome> {
    return this.setDeleted(id, false);
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

  private async setDeleted(id: string, deleted: boolean): Promise<SaveOutcome> {
    this.edit(id, { deleted });
    const outcome = await this.flush(id);
    if (outcome === 'failed') {
      // Not stored: show the plot as it is stored, keep any other pending edit for the retry.
      const { deleted: _deleted, ...rest } = this.pending.get(id) ?? {};
      if (Object.keys(rest).length > 0) this.pending.set(id, rest);
      else {
        this.pending.delete(id);
        this.failed.delete(id);
      }
      this.emit();
    }
    return outcome;
  }

  private async write(id: string): Promise<SaveOutcome> {
    const changes = this.pending.get(id);
    const base = this.stored.get(id);
    if (!changes || !base) return 'nothing';
    this.pending.delete(id);
    try {
      const saved = await this.repository.update(base, changes);
      this.stored.set(id, saved);
      if (this.failed.delete(id)) this.listeners.onNotice({ code: 'saved-after-failure', plotId: id, name: saved.name });
      return 'saved';
    } catch (error) {
      if (error instanceof ConflictError) {
        this.failed.delete(id);
        await this.reload(id);
        this.listeners.onNotice({ code: 'save-conflict', plotId: id, name: this.stored.get(id)?.name ?? base.name });
        return 'conflict';
      }
      // Keep the edit on screen and pending (edits made meanwhile win), so a retry can write it.
      this.pending.set(id, { ...changes, ...this.pending.get(id) });
      this.failed.add(id);
      const action = changes.deleted === undefined ? 'edit' : changes.deleted ? 'delete' : 'restore';
      this.listeners.onNotice({ code: 'save-failed', plotId: id, name: base.name, reason: describeSaveError(error), action });
      return 'failed';
    } finally {
      this.emit();
    }
  }

  /** Reads a plot again; a failed read is reported (the old copy stays). */
  private async reload(id: string): Promise<void> {
    try {
      const fresh = await this.repository.get(id);
      if (fresh) this.stored.set(id, fresh);
      else this.stored.delete(id);
    } catch (error) {
      this.listeners.onNotice({ code: 'reload-failed', plotId: id, name: this.stored.get(id)?.name ?? '', reason: describeSaveError(error) });
    }
  }

  private async reloadFromElsewhere(id: string): Promise<void> {
    try {
      await this.followExternalWrite(id);
    } catch (error) {
      this.listeners.onNotice({ code: 'reload-failed', plotId: id, name: this.stored.get(id)?.name ?? '', reason: describeSaveError(error) });
    }
  }

  private async followExternalWrite(id: string): Promise<void> {
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
    this.failed.delete(id);
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
