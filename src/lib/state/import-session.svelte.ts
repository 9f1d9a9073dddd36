/**
 * The import workflow's state: files chosen or dropped are read in the import worker (progress,
 * cancel), then each resulting layer waits in the preview with the user's choices — encoding, CRS
 * and axis order, what to do with invalid geometries, role — until it is added to the map.
 * Changing encoding, CRS or the invalid-geometry policy reads that layer's files again with the
 * choice (the io layer does the work; this only keeps track).
 */
import type { ImportFailure } from '../io/errors';
import type { ImportedLayer, ImportProgress, ImportWarning, InvalidGeometryPolicy } from '../io/types';
import { suggestRole } from '../io/suggest-role';
import type { LayerId } from '../layers/catalog';
import { startImport, type ImportSource, type ImportTask, type StartImportOptions } from '../../workers/import-client';
import { REFERENCE_ROLE, type ImportedLayerEntry, type ImportedLayerKey, type RoleAssignment } from './import-record';
import type { ImportedLayers } from './imported-layers.svelte';

/** What the user chose for a layer's reading; null: as detected. */
export interface ReadChoice {
  readonly encoding: string | null;
  readonly crs: string | null;
  readonly swapAxes: boolean;
  readonly invalid: InvalidGeometryPolicy;
}

export interface PreviewLayer {
  /** Stable within the session (layers are re-read, keys stay). */
  readonly key: number;
  readonly layer: ImportedLayer;
  /** The input files it came from (read again when a choice changes). */
  readonly sources: readonly ImportSource[];
  readonly choice: ReadChoice;
  /** Encoding whose preview rows are shown (switches at once; the re-read follows). */
  readonly previewEncoding: string | null;
  readonly include: boolean;
  readonly assignment: RoleAssignment;
  /** The role suggested from its fields and size, offered as a hint. */
  readonly suggestedRole: LayerId | null;
  /** True while its files are read again. */
  readonly busy: boolean;
  /** Failure of the last re-read (the layer keeps its previous reading). */
  readonly error: ImportFailure | null;
}

export type SessionStage = 'idle' | 'reading' | 'preview';

const DEFAULT_CHOICE: ReadChoice = { encoding: null, crs: null, swapAxes: false, invalid: 'keep' };

/** Input files that produced a layer: by name, or the archive an entry ('x.zip/a.shp') came from. */
export function sourcesOfLayer(layer: Pick<ImportedLayer, 'files'>, inputs: readonly ImportSource[]): ImportSource[] {
  const found = inputs.filter((input) => layer.files.some((name) => name === input.name || name.startsWith(`${input.name}/`)));
  return found.length > 0 ? found : [...inputs];
}

type Starter = (files: ArrayLike<ImportSource>, options?: StartImportOptions) => ImportTask;

export class ImportSession {
  stage = $state<SessionStage>('idle');
  /** Progress of the running read (initial or a re-read). */
  progress = $state.raw<ImportProgress | null>(null);
  /** Names of the files being read, for the progress card. */
  reading = $state.raw<readonly string[]>([]);
  layers = $state.raw<readonly PreviewLayer[]>([]);
  /** Files that could not be read, with the reason (zh/en). */
  errors = $state.raw<readonly ImportFailure[]>([]);
  warnings = $state.raw<readonly ImportWarning[]>([]);
  /** The imported layer whose attribute table is open. */
  tableLayer = $state<ImportedLayerKey | null>(null);
  /** Imported layers still going to the map (large ones take a few seconds). */
  drawing = $state.raw<ReadonlySet<ImportedLayerKey>>(new Set());

  private task: ImportTask | null = null;
  private nextKey = 1;

  constructor(private readonly start: Starter = startImport) {}

  /** Reads files (chosen or dropped); their layers join the preview. */
  async open(files: readonly ImportSource[]): Promise<void> {
    if (files.length === 0 || this.task) return;
    const wasPreviewing = this.stage === 'preview';
    this.stage = 'reading';
    this.reading = files.map((file) => file.name);
    this.progress = null;
    const result = await this.run(files, DEFAULT_CHOICE);
    if (!result) {
      this.stage = wasPreviewing ? 'preview' : 'idle';
      return;
    }
    const added = result.layers.map((layer) => this.previewOf(layer, sourcesOfLayer(layer, files), DEFAULT_CHOICE));
    this.layers = [...this.layers, ...added];
    this.errors = [...this.errors, ...result.errors.filter((error) => error.code !== 'cancelled')];
    this.warnings = [...this.warnings, ...result.warnings];
    this.stage = this.layers.length > 0 || this.errors.length > 0 ? 'preview' : 'idle';
  }

  /** Stops the running read; the preview keeps what it had. */
  cancel(): void {
    this.task?.cancel();
  }

  /** Shows the preview rows of another encoding at once and reads the layer again with it. */
  chooseEncoding(key: number, encoding: string): Promise<void> {
    this.patch(key, { previewEncoding: encoding });
    return this.reread(key, { encoding });
  }

  /** Reads a layer again with a changed CRS, axis order or invalid-geometry policy. */
  async reread(key: number, change: Partial<ReadChoice>): Promise<void> {
    const preview = this.layers.find((entry) => entry.key === key);
    if (!preview || this.task) return;
    const choice = { ...preview.choice, ...change };
    this.patch(key, { choice, busy: true, error: null });
    this.reading = preview.sources.map((source) => source.name);
    this.progress = null;
    const result = await this.run(preview.sources, choice);
    const current = this.layers.find((entry) => entry.key === key);
    if (!current) return;
    const again = result?.layers.find((layer) => layer.name === preview.layer.name) ?? (result?.layers.length === 1 ? result.layers[0] : undefined);
    if (!result || !again) {
      const error = result?.errors[0] ?? null;
      this.patch(key, { busy: false, error: error?.code === 'cancelled' ? null : error, choice: preview.choice, previewEncoding: preview.previewEncoding });
      return;
    }
    this.patch(key, { layer: again, choice, busy: false, error: null, previewEncoding: again.encoding?.encoding ?? null });
  }

  setInclude(key: number, include: boolean): void {
    this.patch(key, { include });
  }

  setAssignment(key: number, assignment: RoleAssignment): void {
    this.patch(key, { assignment });
  }

  /** Adds the included layers to the map (in `target`) and closes the preview. */
  accept(target: ImportedLayers): ImportedLayerEntry[] {
    const entries = this.layers.filter((entry) => entry.include && !entry.busy).map((entry) => target.add(entry.layer, { assignment: entry.assignment }));
    this.close();
    return entries;
  }

  /** Closes the preview without adding anything. */
  close(): void {
    this.task?.cancel();
    this.layers = [];
    this.errors = [];
    this.warnings = [];
    this.stage = 'idle';
  }

  private previewOf(layer: ImportedLayer, sources: readonly ImportSource[], choice: ReadChoice): PreviewLayer {
    return {
      key: this.nextKey++,
      layer,
      sources,
      choice,
      previewEncoding: layer.encoding?.encoding ?? null,
      include: layer.featureCount > 0,
      assignment: REFERENCE_ROLE,
      suggestedRole: suggestRole(layer),
      busy: false,
      error: null,
    };
  }

  private patch(key: number, change: Partial<PreviewLayer>): void {
    this.layers = this.layers.map((entry) => (entry.key === key ? { ...entry, ...change } : entry));
  }

  /** One read in the worker; null when cancelled. */
  private async run(files: readonly ImportSource[], choice: ReadChoice) {
    const task = this.start(files, {
      invalid: choice.invalid,
      ...(choice.encoding ? { encoding: choice.encoding } : {}),
      ...(choice.crs ? { crs: choice.crs, swapAxes: choice.swapAxes } : {}),
      onProgress: (progress) => (this.progress = progress),
    });
    this.task = task;
    try {
      const result = await task.result;
      const cancelled = result.layers.length === 0 && result.errors.length > 0 && result.errors.every((error) => error.code === 'cancelled');
      return cancelled ? null : result;
    } finally {
      this.task = null;
      this.progress = null;
      this.reading = [];
    }
  }
}

/** The app's import workflow (one per page). */
export const importSession = new ImportSession();
