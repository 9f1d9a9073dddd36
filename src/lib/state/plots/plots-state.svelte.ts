/**
 * The planner's plots as the UI sees them (Svelte runes): the stored plots (through PlotSession),
 * the selection, filter and sort, the drawing tool in use with live metrics of the shape being
 * drawn or edited, the conflict check results (from the worker) and the notices shown to the
 * user. Components render it; the map tools feed drawing events into it.
 */
import { untrack } from 'svelte';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { lineMetrics, plotMetrics, type LineMetrics, type PlotMetrics } from '../../geo/plot-metrics';
import { isSimplePolygon, normalisePlotGeometry } from '../../geo/plot-geometry';
import type { PlotConflicts } from '../../geo/plot-conflicts';
import { t, localized, untranslated, type MessageKey } from '../../i18n';
import type { ImportSource } from '../../io/import-in-pieces';
import type { StoredPlot } from '../persistence/database';
import { PlotConflictClient, PlotConflictError, type ConflictLayerStandIn } from '../../../workers/plot-conflicts-client';
import { startImport } from '../../../workers/import-client';
import { PlotRepository } from './plot-repository';
import { PlotSession, type PlotNotice } from './plot-session';
import { UnsavedPlots, type UnsavedPlot } from './unsaved-plots';
import { DEFAULT_PLOT_TYPE } from './plot-types';
import { filterPlots, sortPlots, type MeasuredPlot, type PlotSortKey } from './plot-list';
import type { Locale, LocalizedText } from '../../i18n/locale';

export { PLOT_SORT_KEYS, type MeasuredPlot, type PlotSortKey } from './plot-list';
export type { UnsavedPlot } from './unsaved-plots';

export type PlotTool = 'polygon' | 'rectangle' | 'freehand' | 'measure';

export interface UiNotice {
  readonly id: number;
  readonly kind: 'error' | 'warning' | 'info' | 'success';
  readonly text: LocalizedText;
  /** Offers "undo" for a deletion. */
  readonly undoDeleteOf?: string;
  /** Offers "retry" for a plot whose edits could not be written. */
  readonly retrySaveOf?: string;
  /** Lines listed under the text (e.g. the features an import refused). */
  readonly details?: readonly LocalizedText[];
  /** Only shown while this plot is selected (news about other plots is not interesting). */
  readonly plotId?: string;
}

const NOTICE_SECONDS = { error: 0, warning: 12, info: 6, success: 6 } as const;
const CONFLICT_DELAY_MILLISECONDS = 300;

/** Session notices that matter only while the plot is looked at. */
const NOTICE_OF_CODE: Record<PlotNotice['code'], { key: MessageKey; kind: UiNotice['kind']; onlySelected: boolean }> = {
  'save-conflict': { key: 'plot.notice.saveConflict', kind: 'warning', onlySelected: false },
  'changed-elsewhere': { key: 'plot.notice.changedElsewhere', kind: 'info', onlySelected: true },
  'changed-elsewhere-discarded': { key: 'plot.notice.changedElsewhereDiscarded', kind: 'warning', onlySelected: false },
  'deleted-elsewhere': { key: 'plot.notice.deletedElsewhere', kind: 'info', onlySelected: true },
  'save-failed': { key: 'plot.notice.saveFailed', kind: 'error', onlySelected: false },
  'saved-after-failure': { key: 'plot.notice.savedAfterFailure', kind: 'success', onlySelected: false },
  'reload-failed': { key: 'plot.notice.reloadFailed', kind: 'error', onlySelected: false },
};

const FAILED_ACTION_KEY = { edit: 'plot.notice.saveFailed', delete: 'plot.notice.deleteFailed', restore: 'plot.notice.restoreFailed' } as const;

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class PlotsState {
  status = $state<'loading' | 'ready' | 'unavailable'>('loading');
  unavailableReason = $state('');
  /** Every stored plot, deleted ones included, pending edits applied. */
  all = $state.raw<readonly StoredPlot[]>([]);
  selectedId = $state<string | null>(null);
  filterText = $state('');
  filterType = $state('');
  sortKey = $state<PlotSortKey>('updated');

  tool = $state<PlotTool | null>(null);
  editingId = $state<string | null>(null);
  snapping = $state(true);
  draft = $state.raw<Polygon | LineString | null>(null);
  history = $state.raw({ canUndo: false, canRedo: false });
  /** Set when a click or drag was refused (self-intersection); cleared after a few seconds. */
  refusal = $state<number | null>(null);

  conflicts = $state.raw<ReadonlyMap<string, PlotConflicts>>(new Map());
  conflictStatus = $state<'idle' | 'checking' | 'ready' | 'error'>('idle');
  conflictError = $state.raw<LocalizedText | null>(null);
  conflictNotes = $state.raw<LocalizedText[]>([]);

  notices = $state.raw<UiNotice[]>([]);
  /** New plots (drawn or imported) not yet in the database: kept on the map with the reason until saved. */
  unsaved = $state.raw<readonly UnsavedPlot[]>([]);
  importing = $state(false);
  /** Plot whose boundary-point table is open. */
  tableFor = $state<string | null>(null);
  /** The map zooms to this plot (a new object for every request). */
  zoomRequest = $state.raw<{ readonly id: string } | null>(null);

  /** Plots not deleted, with their metrics. */
  readonly measured: MeasuredPlot[] = $derived(this.all.filter((plot) => !plot.deleted).map((plot) => ({ plot, metrics: measure(plot) })));
  readonly deleted: StoredPlot[] = $derived(this.all.filter((plot) => plot.deleted));
  readonly selected: MeasuredPlot | null = $derived(this.measured.find((entry) => entry.plot.id === this.selectedId) ?? null);
  /** Filtered and sorted for the list. */
  readonly visible: MeasuredPlot[] = $derived(sortPlots(filterPlots(this.measured, this.filterText, this.filterType), this.sortKey));
  /** Of the shape so far (pointer included; repeated points, as terra-draw keeps them while drawing, once). */
  readonly draftPlotMetrics: PlotMetrics | null = $derived.by(() => {
    const shape = this.draft?.type === 'Polygon' ? normalisePlotGeometry(this.draft) : null;
    return shape ? plotMetrics(shape) : null;
  });
  readonly draftLineMetrics: LineMetrics | null = $derived(this.draft?.type === 'LineString' ? lineMetrics(distinctPositions(this.draft.coordinates)) : null);

  private session: PlotSession | null = null;
  private unsavedPlots: UnsavedPlots | null = null;
  private checker: PlotConflictClient | null = null;
  private conflictTimer: ReturnType<typeof setTimeout> | undefined;
  private conflictRequest = 0;
  private nextNoticeId = 1;
  private refusalTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly stopFollowingLayers: () => void;

  /**
   * @param standIns the imported layers playing catalog layers' roles, read at each conflict
   *   check (see conflict-stand-ins.ts).
   * @param standInsSignature changes whenever the stand-ins do (a role or a field mapping): read
   *   reactively, so the plots are checked again by themselves.
   */
  constructor(
    private readonly standIns: () => readonly ConflictLayerStandIn[] = () => [],
    standInsSignature: () => string = () => '',
  ) {
    this.stopFollowingLayers = $effect.root(() => {
      $effect(() => {
        standInsSignature();
        untrack(() => this.layersChanged());
      });
    });
  }

  /**
   * Opens the database and loads the plots; starts the conflict checker.
   * @param dataBaseUrl folder of the catalog's FlatGeobuf files (for the conflict check).
   */
  async open(dataBaseUrl: string, repository?: PlotRepository): Promise<void> {
    try {
      const store = repository ?? (await PlotRepository.open());
      const session = new PlotSession(store, {
        onChange: (plots) => this.onPlotsChanged(plots),
        onNotice: (notice) => this.onSessionNotice(notice),
      });
      this.session = session;
      this.unsavedPlots = new UnsavedPlots(
        (attributes, geometry, id) => session.create(attributes, geometry, id),
        (list) => (this.unsaved = list),
      );
      this.checker = new PlotConflictClient(dataBaseUrl);
      await this.session.load();
      this.status = 'ready';
    } catch (error) {
      this.unavailableReason = error instanceof Error ? error.message : String(error);
      this.status = 'unavailable';
    }
  }

  /** Writes pending edits (page hidden or closing); failures are shown by the session. */
  async flush(): Promise<void> {
    await this.session?.flush();
  }

  dispose(): void {
    // Never rejects: the session reports failed writes itself.
    void this.session?.dispose();
    this.checker?.dispose();
    clearTimeout(this.conflictTimer);
    this.stopFollowingLayers();
  }

  plot(id: string): StoredPlot | undefined {
    return this.all.find((plot) => plot.id === id);
  }

  select(id: string | null): void {
    this.selectedId = id;
  }

  zoomTo(id: string): void {
    this.zoomRequest = { id };
  }

  // ——— drawing ———

  startTool(tool: PlotTool): void {
    if (this.editingId) this.editingId = null;
    this.tool = tool;
    this.draft = null;
  }

  stopTool(): void {
    this.tool = null;
    this.editingId = null;
    this.draft = null;
  }

  /** Starts vertex editing of a plot; false (with a notice) when its shape cannot be edited. */
  startEditing(id: string): boolean {
    const plot = this.plot(id);
    if (!plot) return false;
    if (!isSimplePolygon(plot.geometry)) {
      this.notify('warning', localized('plot.noVertexEdit'));
      return false;
    }
    this.tool = null;
    this.selectedId = id;
    this.editingId = id;
    this.draft = plot.geometry;
    return true;
  }

  /** The map tools report the shape being drawn or edited. */
  setDraft(geometry: Polygon | LineString | null): void {
    this.draft = geometry;
    if (this.editingId && geometry?.type === 'Polygon') this.scheduleConflictCheck();
  }

  refuse(): void {
    this.refusal = Date.now();
    clearTimeout(this.refusalTimer);
    this.refusalTimer = setTimeout(() => (this.refusal = null), 5000);
  }

  /**
   * A plot was drawn: store it with default attributes and select it. The drawing is kept (on the
   * map, in `unsaved`) until the write succeeded; a failure shows the reason and offers a retry.
   * Never rejects.
   */
  async createFromDrawing(geometry: Polygon, locale: Locale): Promise<void> {
    if (!this.unsavedPlots) return;
    this.tool = null;
    this.draft = null;
    if (!normalisePlotGeometry(geometry)) {
      this.notify('error', localized('plot.notice.invalidGeometry'));
      return;
    }
    const number = this.all.length + this.unsaved.length + 1;
    const attributes = { name: t(locale, 'plot.newName', { number }), plotType: DEFAULT_PLOT_TYPE, targetYear: new Date().getFullYear() + 1, notes: '' };
    const plot = await this.unsavedPlots.add(attributes, geometry, 'drawing');
    if (plot) this.onCreated(plot);
  }

  /** Writes a kept new plot again. Never rejects (a new failure is shown on the plot). */
  async retryUnsaved(key: string): Promise<void> {
    const plot = await this.unsavedPlots?.retry(key);
    if (plot) this.onCreated(plot);
  }

  /** Writes every kept new plot again. */
  async retryAllUnsaved(): Promise<void> {
    for (const entry of this.unsaved.filter((each) => each.status === 'failed')) await this.retryUnsaved(entry.key);
  }

  discardUnsaved(key: string): void {
    this.unsavedPlots?.discard(key);
  }

  /** Vertex editing finished: store the new outline (kept and shown with a retry if that fails). */
  async finishEditing(geometry: Polygon | null): Promise<void> {
    const id = this.editingId;
    this.editingId = null;
    this.draft = null;
    if (!id || !geometry || !this.session) return;
    await this.session.setGeometry(id, geometry);
  }

  cancelEditing(): void {
    this.editingId = null;
    this.draft = null;
    this.scheduleConflictCheck();
  }

  // ——— attributes, delete, restore ———

  edit(id: string, changes: { name?: string; plotType?: string; targetYear?: number; notes?: string }): void {
    this.session?.edit(id, changes);
  }

  /** Writes a plot's pending edits now (the session shows a failure). Never rejects. */
  async saveNow(id: string): Promise<void> {
    await this.session?.flush(id);
  }

  /** The retry of a failed save; its notice goes once nothing is left to write. */
  async retrySave(id: string): Promise<void> {
    const outcome = await this.session?.flush(id);
    if (outcome !== 'failed') this.notices = this.notices.filter((notice) => notice.retrySaveOf !== id);
  }

  /** Never rejects: a failed deletion is shown and the plot stays. */
  async remove(id: string): Promise<void> {
    const plot = this.plot(id);
    if (!plot || !this.session) return;
    if (this.editingId === id) this.stopTool();
    if ((await this.session.remove(id)) !== 'saved') return;
    if (this.selectedId === id) this.selectedId = null;
    this.notify('info', localized('plot.notice.deleted', { name: plot.name }), { undoDeleteOf: id });
  }

  /** Never rejects: a failed restore is shown and the plot stays deleted. */
  async restore(id: string): Promise<void> {
    const plot = this.plot(id);
    if (!plot || !this.session) return;
    if ((await this.session.restore(id)) !== 'saved') return;
    this.selectedId = id;
    this.notices = this.notices.filter((notice) => notice.undoDeleteOf !== id);
    this.notify('success', localized('plot.notice.restored', { name: plot.name }));
  }

  // ——— import ———

  /**
   * Imports plots from files through the shared importers; existing plots are never touched.
   * Each file gets a report: plots imported, features refused (number, name, reason), plots whose
   * write failed (kept for a retry like a drawing). Never rejects.
   */
  async importFiles(files: ArrayLike<ImportSource>): Promise<void> {
    const unsavedPlots = this.unsavedPlots;
    if (!unsavedPlots || files.length === 0) return;
    this.importing = true;
    try {
      // Invalid geometry is refused with its reason (plot-acceptance.ts), not repaired.
      const result = await startImport(files, { invalid: 'keep' }).result;
      // The plot checks for imported features (validation, repair) load with the first import.
      const [{ plotsFromImport }, { importReport }] = await Promise.all([import('./plot-import'), import('./plot-import-report')]);
      const { layers, errors, warnings } = plotsFromImport(result, new Date().getFullYear() + 1);
      for (const error of errors) this.notify('error', error);
      for (const warning of warnings) this.notify('warning', warning);
      let last: StoredPlot | null = null;
      for (const layer of layers) {
        let stored = 0;
        let unsaved = 0;
        for (const plot of layer.plots) {
          const saved = await unsavedPlots.add(plot.attributes, plot.geometry, 'import');
          if (saved) {
            stored++;
            last = saved;
          } else unsaved++;
        }
        const report = importReport(layer, stored, unsaved);
        this.notify(report.kind, report.text, { details: report.details });
      }
      if (last) this.selectedId = last.id;
      if (layers.length === 0 && errors.length === 0) this.notify('warning', localized('plot.notice.importNothing'));
    } catch (error) {
      this.notify('error', localized('plot.notice.importFailed', { detail: errorText(error) }));
    } finally {
      this.importing = false;
    }
  }

  // ——— notices ———

  notify(kind: UiNotice['kind'], text: LocalizedText, extra: Pick<UiNotice, 'undoDeleteOf' | 'plotId' | 'retrySaveOf' | 'details'> = {}): void {
    const notice: UiNotice = { id: this.nextNoticeId++, kind, text, ...extra };
    this.notices = [...this.notices.filter((existing) => existing.text.en !== text.en), notice].slice(-5);
    const seconds = NOTICE_SECONDS[kind];
    if (seconds > 0) setTimeout(() => this.dismiss(notice.id), seconds * 1000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
  }

  /** Notices worth showing now (news about a plot only while it is selected). */
  get shownNotices(): UiNotice[] {
    return this.notices.filter((notice) => notice.plotId === undefined || notice.plotId === this.selectedId);
  }

  // ——— conflicts ———

  /** Township names of a plot from the last conflict check. */
  townshipsOf(id: string): string[] {
    return this.conflicts.get(id)?.townships.map((township) => township.name) ?? [];
  }

  private onPlotsChanged(plots: readonly StoredPlot[]): void {
    const geometryChanged =
      plots.length !== this.all.length ||
      plots.some((plot, index) => plot.geometry !== this.all[index]?.geometry || plot.deleted !== this.all[index]?.deleted);
    this.all = plots;
    if (this.editingId && !plots.some((plot) => plot.id === this.editingId && !plot.deleted)) this.stopTool();
    if (geometryChanged) this.scheduleConflictCheck();
  }

  private onCreated(plot: StoredPlot): void {
    this.selectedId = plot.id;
    this.notify('success', localized('plot.notice.created', { name: plot.name }));
  }

  private onSessionNotice(notice: PlotNotice): void {
    const rule = NOTICE_OF_CODE[notice.code];
    const key = notice.code === 'save-failed' ? FAILED_ACTION_KEY[notice.action ?? 'edit'] : rule.key;
    const text = localized(key, { name: notice.name, detail: notice.reason ?? '' });
    // An edit of the outline under way is based on the old version: end it.
    if (this.editingId === notice.plotId && (notice.code === 'save-conflict' || notice.code.includes('elsewhere'))) this.stopTool();
    if (notice.code === 'saved-after-failure' || notice.code === 'save-conflict' || notice.code === 'changed-elsewhere-discarded') {
      this.notices = this.notices.filter((shown) => shown.retrySaveOf !== notice.plotId);
    }
    if (notice.code === 'save-failed') {
      // One failure notice per plot (the latest reason), with its retry.
      this.notices = this.notices.filter((shown) => shown.retrySaveOf !== notice.plotId);
      this.notify(rule.kind, text, { retrySaveOf: notice.plotId });
      return;
    }
    this.notify(rule.kind, text, rule.onlySelected ? { plotId: notice.plotId } : {});
  }

  /** An imported layer took or left a role (or its field mapping changed): check again. */
  layersChanged(): void {
    this.scheduleConflictCheck();
  }

  private scheduleConflictCheck(): void {
    clearTimeout(this.conflictTimer);
    // checkConflicts never rejects: its failures become conflictStatus 'error'.
    this.conflictTimer = setTimeout(() => void this.checkConflicts(), CONFLICT_DELAY_MILLISECONDS);
  }

  private async checkConflicts(): Promise<void> {
    if (!this.checker) return;
    const request = ++this.conflictRequest;
    const plots = this.measured.map(({ plot }) => ({
      id: plot.id,
      geometry: plot.id === this.editingId && this.draft?.type === 'Polygon' ? this.draft : plot.geometry,
    }));
    if (plots.length === 0) {
      this.conflicts = new Map();
      this.conflictStatus = 'ready';
      return;
    }
    this.conflictStatus = 'checking';
    try {
      const answer = await this.checker.check(plots, undefined, this.standIns());
      if (request !== this.conflictRequest) return;
      this.conflicts = new Map(answer.results.map((result) => [result.plotId, result]));
      this.conflictNotes = answer.notes;
      this.conflictError = null;
      this.conflictStatus = 'ready';
    } catch (error) {
      if (request !== this.conflictRequest) return;
      this.conflictError = error instanceof PlotConflictError ? error.messages : untranslated(String(error));
      this.conflictStatus = 'error';
    }
  }
}

function distinctPositions(positions: readonly Position[]): Position[] {
  return positions.filter((position, index) => index === 0 || position[0] !== positions[index - 1]![0] || position[1] !== positions[index - 1]![1]);
}

// Metrics are cached per geometry object: plots are immutable records, so an edit brings a new one.
const metricsCache = new WeakMap<Polygon | MultiPolygon, PlotMetrics>();
function measure(plot: StoredPlot): PlotMetrics {
  let metrics = metricsCache.get(plot.geometry);
  if (!metrics) {
    metrics = plotMetrics(plot.geometry);
    metricsCache.set(plot.geometry, metrics);
  }
  return metrics;
}
