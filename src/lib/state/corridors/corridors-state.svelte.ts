/**
 * The corridor tool's state: the draft (river, width per bank, reaches), its live analysis in the
 * corridor worker (debounced; progress shown), and the saved corridors (IndexedDB, 'corridors'
 * store), which together are the catalog's corridors layer for the map, statistics, the plot
 * conflict check and exports. The two shipped corridors are the first saved ones.
 *
 * @example
 * const corridors = new CorridorsState();
 * await corridors.open({ sampleCorridors, rivers });
 * corridors.setRiver('catalog:乌江'); corridors.widthText = '200'; corridors.schedule();
 * await corridors.save();
 */
import type { FeatureCollection, Position } from 'geojson';
import { corridorSpecIssues, type CorridorIssue, type CorridorSpec } from '../../geo/corridor-spec';
import { localized, type LocalizedText, type MessageKey } from '../../i18n';
import { CorridorClient, type CorridorAnalysis, type CorridorProgress } from '../../../workers/corridor-client';
import type { CorridorPlotInput } from './corridor-analysis';
import type { StoredCorridor } from '../persistence/database';
import { ConflictError } from '../persistence/repository';
import { openCorridorRepository, type CorridorRepository } from './corridor-repository';
import { corridorLayer, layerLine, riverLine, sampleCorridorDrafts } from './corridor-layer';
import { riverKey, type CorridorRiver } from './corridor-record';

/** Width changes are analysed this long after the last keystroke. */
const ANALYSIS_DELAY_MS = 350;

/** A reach as typed (km and m as text, so a bad entry can be named back to the user). */
export interface ReachDraft {
  readonly fromKm: string;
  readonly toKm: string;
  readonly width: string;
}

/** A river the tool offers. */
export interface RiverChoice {
  readonly key: string;
  readonly river: CorridorRiver;
  readonly label: LocalizedText;
}

/** Where the tool reads rivers, plots and imported line layers (the app's state objects). */
export interface CorridorSources {
  readonly rivers: () => FeatureCollection | null | undefined;
  /** Imported line layers: id, name and features. */
  readonly importedLines: () => readonly { readonly id: string; readonly name: string; readonly collection: FeatureCollection | undefined }[];
  readonly plots: () => readonly CorridorPlotInput[];
}

export function issueText(issue: CorridorIssue): LocalizedText {
  return localized(`corridor.issue.${issue.code}` as MessageKey, issue.params);
}

const parseNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

export interface CorridorsStateOptions {
  readonly openRepository?: () => Promise<CorridorRepository>;
  readonly client?: CorridorClient;
  readonly now?: () => Date;
  readonly delayMs?: number;
}

export class CorridorsState {
  status = $state<'loading' | 'ready' | 'unavailable'>('loading');
  /** Every stored corridor (deleted ones included, for undo). */
  all = $state.raw<readonly StoredCorridor[]>([]);
  /** The draft: river key, width per bank and reaches as typed. */
  riverChoice = $state('');
  widthText = $state('1000');
  reaches = $state.raw<readonly ReachDraft[]>([]);
  name = $state('');
  /** The saved corridor being edited, or null for a new one. */
  editingId = $state<string | null>(null);
  /** Problems with the draft (bad width …), in words. */
  issues = $state.raw<readonly LocalizedText[]>([]);
  analysisStatus = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  progress = $state.raw<CorridorProgress | null>(null);
  analysis = $state.raw<Extract<CorridorAnalysis, { ok: true }> | null>(null);
  /** The line and spec the current analysis was made from. */
  private analysed: { line: Position[][]; spec: CorridorSpec; river: CorridorRiver } | null = null;
  error = $state.raw<LocalizedText | null>(null);
  notice = $state.raw<{ text: LocalizedText; undoId?: string } | null>(null);
  /** The tool is open (its draft is drawn on the map). */
  active = $state(false);

  /** Live corridors, in the order saved. */
  get live(): StoredCorridor[] {
    return this.all.filter((corridor) => !corridor.deleted);
  }

  // Getters over `all` (reactive wherever they are read) rather than $derived, so plain-TS unit
  // tests see them change; the layer is kept per `all` so its identity changes only with it
  // (the conflict check keys the features it sent to its worker by object).
  private layerCache: { readonly source: readonly StoredCorridor[]; readonly layer: FeatureCollection } | null = null;

  /** The corridors layer (statistics, conflict check, map, exports). */
  get layer(): FeatureCollection {
    const all = this.all;
    if (this.layerCache?.source !== all) this.layerCache = { source: all, layer: corridorLayer(all) };
    return this.layerCache.layer;
  }

  /** Changes whenever the layer does (what statistics and the conflict check depend on). */
  get signature(): string {
    return this.live.map((corridor) => `${corridor.id}:${corridor.revision}`).join('|');
  }

  private repository: CorridorRepository | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly client: CorridorClient;
  private readonly openRepository: () => Promise<CorridorRepository>;
  private readonly now: () => Date;
  private readonly delayMs: number;
  private sources: CorridorSources | null = null;

  constructor(dataBaseUrl: string, options: CorridorsStateOptions = {}) {
    this.client = options.client ?? new CorridorClient(dataBaseUrl);
    this.openRepository = options.openRepository ?? (() => openCorridorRepository());
    this.now = options.now ?? (() => new Date());
    this.delayMs = options.delayMs ?? ANALYSIS_DELAY_MS;
  }

  /**
   * Reads the saved corridors; the first time, saves the shipped ones (corridors.fgb) as the
   * first two, so they can be edited, renamed and deleted like any other.
   */
  async open(sampleCorridors: FeatureCollection | undefined, sources: CorridorSources): Promise<void> {
    this.sources = sources;
    try {
      const repository = await this.openRepository();
      this.repository = repository;
      let stored = await repository.list();
      if (sampleCorridors) {
        const at = this.now().toISOString();
        for (const draft of sampleCorridorDrafts(sampleCorridors, sources.rivers() ?? null, at)) {
          if (stored.some((corridor) => corridor.id === draft.id)) continue;
          try {
            await repository.put(draft, 0);
          } catch (error) {
            // Another tab seeded it at the same moment: theirs is the same record.
            if (!(error instanceof ConflictError)) throw error;
          }
        }
        stored = await repository.list();
      }
      this.all = order(stored);
      this.unsubscribe = repository.subscribe(() => void this.reload());
      this.status = 'ready';
    } catch (error) {
      this.error = localized('corridor.saveFailed', { detail: error instanceof Error ? error.message : String(error) });
      this.status = 'unavailable';
    }
  }

  private async reload(): Promise<void> {
    if (this.repository) this.all = order(await this.repository.list());
  }

  /** The rivers the tool offers: the catalog's rivers, then imported line layers. */
  riverChoices(): RiverChoice[] {
    const rivers = this.sources?.rivers()?.features ?? [];
    const catalog = rivers.flatMap((feature): RiverChoice[] => {
      const name = feature.properties?.NAME;
      if (typeof name !== 'string') return [];
      const nameEn = typeof feature.properties?.NAME_EN === 'string' ? feature.properties.NAME_EN : name;
      const river: CorridorRiver = { kind: 'catalog', name };
      return [{ key: riverKey(river), river, label: { zh: name, en: nameEn } }];
    });
    const imported = (this.sources?.importedLines() ?? []).map((layer): RiverChoice => {
      const river: CorridorRiver = { kind: 'imported', layerId: layer.id, layerName: layer.name };
      return { key: riverKey(river), river, label: localized('corridor.importedRiver', { name: layer.name }) };
    });
    return [...catalog, ...imported];
  }

  private lineOf(river: CorridorRiver): Position[][] | null {
    if (river.kind === 'catalog') return riverLine(this.sources?.rivers() ?? null, river.name);
    const layer = this.sources?.importedLines().find((candidate) => candidate.id === river.layerId);
    return layer?.collection ? layerLine(layer.collection) : null;
  }

  /** Chooses the river (a RiverChoice key) and recomputes. */
  setRiver(key: string): void {
    this.riverChoice = key;
    this.schedule();
  }

  setWidth(text: string): void {
    this.widthText = text;
    this.schedule();
  }

  addReach(): void {
    const last = this.reaches[this.reaches.length - 1];
    this.reaches = [...this.reaches, { fromKm: last ? last.toKm : '0', toKm: '', width: this.widthText }];
  }

  setReach(index: number, reach: ReachDraft): void {
    this.reaches = this.reaches.map((current, position) => (position === index ? reach : current));
    this.schedule();
  }

  removeReach(index: number): void {
    this.reaches = this.reaches.filter((_, position) => position !== index);
    this.schedule();
  }

  /** The draft as a spec (numbers may be NaN: the issues say so). */
  spec(): CorridorSpec {
    const reaches = this.reaches.map((reach) => ({ fromMetres: parseNumber(reach.fromKm) * 1000, toMetres: parseNumber(reach.toKm) * 1000, widthMetres: parseNumber(reach.width) }));
    return { widthMetres: parseNumber(this.widthText), ...(reaches.length > 0 ? { reaches } : {}) };
  }

  /** Recomputes after a short pause (typing a width changes it several times). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const spec = this.spec();
    const reachesTyped = this.reaches.map((reach, index) => ({ reach, index }));
    // Say at once what is wrong with a typed width; the analysis waits for a valid one.
    const issues = corridorSpecIssues(spec).map((issue) =>
      issue.code === 'width' ? { ...issue, params: { ...issue.params, value: this.widthText } } : issue.code === 'reachWidth' ? { ...issue, params: { ...issue.params, value: reachesTyped[Number(issue.params.reach) - 1]?.reach.width ?? '' } } : issue,
    );
    this.issues = issues.map(issueText);
    if (issues.length > 0 || !this.riverChoice) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.analyse();
    }, this.delayMs);
  }

  /** Runs the analysis now. */
  async analyse(): Promise<void> {
    const choice = this.riverChoices().find((candidate) => candidate.key === this.riverChoice);
    if (!choice) return;
    const line = this.lineOf(choice.river);
    const spec = this.spec();
    if (!line) {
      this.issues = [issueText({ code: 'noLine', params: {} })];
      return;
    }
    this.analysisStatus = 'running';
    this.error = null;
    try {
      const answer = await this.client.analyse({ line, spec, plots: this.sources?.plots() ?? [] }, (progress) => (this.progress = progress));
      // Null: a newer request is running and will report.
      if (!answer) return;
      this.progress = null;
      if (!answer.ok) {
        this.issues = answer.issues.map(issueText);
        this.analysisStatus = 'idle';
        return;
      }
      this.analysis = answer;
      this.analysed = { line, spec, river: choice.river };
      this.analysisStatus = 'done';
      if (!this.name.trim() || this.nameIsDefault) {
        this.name = defaultName(choice.label, spec.widthMetres);
        this.nameIsDefault = true;
      }
    } catch (error) {
      this.error = localized('corridor.failed', { detail: error instanceof Error ? error.message : String(error) });
      this.analysisStatus = 'error';
      this.progress = null;
    }
  }

  /** Whether the name is one the tool proposed (it follows the width until the user types one). */
  private nameIsDefault = false;

  setName(name: string): void {
    this.name = name;
    this.nameIsDefault = false;
  }

  /** Saves the analysed draft as a new corridor, or over the one being edited. */
  async save(): Promise<boolean> {
    const name = this.name.trim();
    if (!name) {
      this.issues = [localized('corridor.nameRequired')];
      return false;
    }
    if (this.live.some((corridor) => corridor.name === name && corridor.id !== this.editingId)) {
      this.issues = [localized('corridor.nameTaken', { name })];
      return false;
    }
    const analysis = this.analysis;
    const analysed = this.analysed;
    if (!this.repository || !analysis?.geometry || !analysed) return false;
    const existing = this.editingId ? this.all.find((corridor) => corridor.id === this.editingId) : undefined;
    try {
      const saved = await this.repository.put(
        {
          id: existing?.id ?? `corridor-${crypto.randomUUID()}`,
          name,
          river: analysed.river,
          line: analysed.line,
          spec: analysed.spec,
          geometry: analysis.geometry,
          areaSquareMetres: analysis.areaSquareMetres,
          origin: existing?.origin ?? 'user',
          createdAt: existing?.createdAt ?? this.now().toISOString(),
          deleted: false,
        },
        existing?.revision ?? 0,
      );
      this.all = order([...this.all.filter((corridor) => corridor.id !== saved.id), saved]);
      this.editingId = saved.id;
      this.issues = [];
      return true;
    } catch (error) {
      this.error = error instanceof ConflictError ? localized('corridor.conflict', { name }) : localized('corridor.saveFailed', { detail: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  /** Loads a saved corridor into the draft for editing. */
  edit(id: string): void {
    const corridor = this.all.find((candidate) => candidate.id === id);
    if (!corridor) return;
    this.editingId = id;
    this.riverChoice = riverKey(corridor.river);
    this.widthText = String(corridor.spec.widthMetres);
    this.reaches = (corridor.spec.reaches ?? []).map((reach) => ({ fromKm: String(reach.fromMetres / 1000), toKm: String(reach.toMetres / 1000), width: String(reach.widthMetres) }));
    this.name = corridor.name;
    this.nameIsDefault = false;
    this.schedule();
  }

  /** Starts a new corridor (keeps the river and width as a starting point). */
  startNew(): void {
    this.editingId = null;
    this.name = '';
    this.nameIsDefault = true;
    this.schedule();
  }

  async rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim();
    const corridor = this.all.find((candidate) => candidate.id === id);
    if (!corridor || !this.repository) return false;
    if (!trimmed) {
      this.issues = [localized('corridor.nameRequired')];
      return false;
    }
    if (this.live.some((other) => other.name === trimmed && other.id !== id)) {
      this.issues = [localized('corridor.nameTaken', { name: trimmed })];
      return false;
    }
    return this.write(corridor, { name: trimmed });
  }

  async remove(id: string): Promise<void> {
    const corridor = this.all.find((candidate) => candidate.id === id);
    if (!corridor) return;
    if (await this.write(corridor, { deleted: true })) {
      this.notice = { text: localized('corridor.deletedNotice', { name: corridor.name }), undoId: id };
      if (this.editingId === id) this.editingId = null;
    }
  }

  async undoRemove(id: string): Promise<void> {
    const corridor = this.all.find((candidate) => candidate.id === id);
    if (corridor && (await this.write(corridor, { deleted: false }))) this.notice = null;
  }

  private async write(corridor: StoredCorridor, changes: Partial<Pick<StoredCorridor, 'name' | 'deleted'>>): Promise<boolean> {
    if (!this.repository) return false;
    try {
      const { revision: _revision, updatedAt: _updatedAt, ...draft } = corridor;
      const saved = await this.repository.put({ ...draft, ...changes }, corridor.revision);
      this.all = order(this.all.map((candidate) => (candidate.id === saved.id ? saved : candidate)));
      if (changes.name && this.editingId === corridor.id) this.name = changes.name;
      return true;
    } catch (error) {
      this.error = error instanceof ConflictError ? localized('corridor.conflict', { name: corridor.name }) : localized('corridor.saveFailed', { detail: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    this.client.dispose();
    this.repository?.close();
  }
}

function order(corridors: readonly StoredCorridor[]): StoredCorridor[] {
  // Shipped corridors first, then the user's by creation time; ties by id in code-point order
  // (localeCompare would sort 阿蓬江 before 乌江 by pinyin in a Chinese browser, not as in the file).
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...corridors].sort((a, b) => (a.origin === b.origin ? byText(a.createdAt, b.createdAt) || byText(a.id, b.id) : a.origin === 'sample' ? -1 : 1));
}

function defaultName(river: LocalizedText, width: number): string {
  return localized('corridor.defaultName', { river, width }).zh;
}
