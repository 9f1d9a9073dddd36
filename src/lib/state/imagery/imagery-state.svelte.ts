/**
 * The orthophotos on the map: opened in the imagery worker, listed with visibility, opacity and
 * order, and remembered (a copy in OPFS, asked first for large files). Elevation models (DEMs)
 * live in the same list, marked `dem`: the map draws them as hillshade. Every write to storage is
 * awaited and a failure is shown; a failure to store never loses the layer for this session.
 */
import { localized } from '../../i18n';
import { formatFileSize } from './file-size';
import { opfsImageryStore, type ImageryFileStore } from './imagery-file-store';
import type { ImageryLayer, ImageryOpenResult } from './imagery-types';
import type { ImageryWorkerApi } from '../../../workers/imagery.worker';
import { connectWorker, type Remote } from '../../../workers/rpc';
import type { LocalizedText } from '../../i18n/locale';
import type { MultiPolygon, Polygon } from 'geojson';
import type { PlotSlope } from '../../geo/raster/terrain';

/** Files up to this size are remembered without asking. */
export const REMEMBER_WITHOUT_ASKING_BYTES = 512 * 1024 * 1024;

export interface PendingImagery {
  readonly file: File;
  readonly crs?: string;
  /** Set when the file's CRS is unknown: the user must choose one. */
  readonly needsCrs: boolean;
  /** Set when the file is large: the user decides whether a copy is stored. */
  readonly askToStore: boolean;
  /** The user marked the file as an elevation model. */
  readonly asDem?: boolean;
}

export class ImageryState {
  layers = $state.raw<ImageryLayer[]>([]);
  busy = $state.raw<LocalizedText | null>(null);
  problem = $state.raw<LocalizedText | null>(null);
  pending = $state.raw<PendingImagery | null>(null);
  /** Orthophotos and picture archives (drawn as raster layers). */
  readonly orthophotos: ImageryLayer[] = $derived(this.layers.filter((layer) => !layer.dem));
  /** Elevation models (drawn as hillshade, used for slope). */
  readonly dems: ImageryLayer[] = $derived(this.layers.filter((layer) => layer.dem));
  private worker: Worker | undefined;
  private api: Remote<ImageryWorkerApi> | undefined;

  constructor(private readonly store: ImageryFileStore = opfsImageryStore()) {}

  /** True once the remembered layers are reopened (or failed to be). */
  restored = $state.raw(false);
  /** The reopening in progress: a file opened meanwhile waits for it, or the list it saves would drop the remembered layers. */
  private restoring: Promise<void> = Promise.resolve();

  /** Reopens the remembered orthophotos; a storage failure is shown, never thrown. */
  restore(): Promise<void> {
    this.restoring = this.reopenRemembered()
      .catch((error: unknown) => {
        // The worker failed to reopen a file: said, and files opened later are not held up by it.
        this.problem = localized('imagery.indexFailed', { detail: describe(error) });
      })
      .finally(() => (this.restored = true));
    return this.restoring;
  }

  private async reopenRemembered(): Promise<void> {
    let remembered: ImageryLayer[];
    try {
      remembered = await this.store.readIndex();
    } catch (error) {
      this.problem = localized('imagery.indexFailed', { detail: describe(error) });
      return;
    }
    const reopened: ImageryLayer[] = [];
    for (const layer of remembered) {
      const file = await this.store.readFile(layer.id);
      const crs = layer.crsSource === 'chosen' ? layer.crs : undefined;
      const result = file ? await this.remote().open(layer.id, file, layer.fileName, crs, layer.dem !== undefined) : undefined;
      if (result?.ok) reopened.push({ ...layer, ...result.description });
      else this.problem = localized('imagery.missing', { name: layer.fileName });
    }
    this.layers = reopened;
  }

  /** Starts opening a file picked by the user (`asDem`: marked as an elevation model). */
  async open(file: File, crs?: string, asDem = false): Promise<void> {
    await this.restoring;
    this.problem = null;
    const large = file.size > REMEMBER_WITHOUT_ASKING_BYTES && this.store.available;
    await this.openNow(file, crs, large ? undefined : this.store.available, asDem);
  }

  /** The user's answer for a pending file: a CRS, and whether to keep a copy (asked again when large). */
  async answer(pending: PendingImagery, choice: { crs?: string; remember?: boolean }): Promise<void> {
    await this.restoring;
    this.pending = null;
    this.problem = null;
    const remember = choice.remember ?? (pending.file.size > REMEMBER_WITHOUT_ASKING_BYTES ? undefined : this.store.available);
    await this.openNow(pending.file, choice.crs ?? pending.crs, remember, pending.asDem ?? false);
  }

  cancelPending(): void {
    this.pending = null;
  }

  setVisible(id: string, visible: boolean): Promise<void> {
    return this.update(this.layers.map((layer) => (layer.id === id ? { ...layer, visible } : layer)));
  }

  setOpacity(id: string, opacity: number): Promise<void> {
    return this.update(this.layers.map((layer) => (layer.id === id ? { ...layer, opacity } : layer)));
  }

  /** Moves a layer up (−1, drawn above) or down (+1) in the list. */
  move(id: string, delta: -1 | 1): Promise<void> {
    const index = this.layers.findIndex((layer) => layer.id === id);
    const target = index + delta;
    if (index < 0 || target < 0 || target >= this.layers.length) return Promise.resolve();
    const reordered = [...this.layers];
    [reordered[index], reordered[target]] = [reordered[target]!, reordered[index]!];
    return this.update(reordered);
  }

  async remove(id: string): Promise<void> {
    await this.update(this.layers.filter((layer) => layer.id !== id));
    void this.remote().close(id);
    try {
      await this.store.deleteFile(id);
    } catch (error) {
      this.problem = localized('imagery.storeFailed', { detail: describe(error) });
    }
  }

  /** Pixels of one map tile, null where the image does not reach. */
  tile(id: string, z: number, x: number, y: number): Promise<ImageBitmap | null> {
    return this.remote().tile(id, z, x, y);
  }

  /** Slope statistics of a plot (WGS84 polygon) on the elevation model `id`, computed in the worker. */
  plotSlope(id: string, geometry: Polygon | MultiPolygon): Promise<PlotSlope> {
    return this.remote().plotSlope(id, geometry);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
  }

  /** remember: true/false decided, undefined = ask (large file) once the file is known to be readable. */
  private async openNow(file: File, crs: string | undefined, remember: boolean | undefined, asDem: boolean): Promise<void> {
    const id = crypto.randomUUID();
    this.busy = localized('imagery.opening', { name: file.name });
    let result: ImageryOpenResult;
    try {
      result = await this.remote().open(id, file, file.name, crs, asDem);
    } finally {
      this.busy = null;
    }
    if (!result.ok) {
      this.problem = localized(`imagery.problem.${result.problem}`, { name: file.name, detail: result.detail });
      if (result.problem === 'unknown-crs') this.pending = { file, crs, needsCrs: true, askToStore: remember === undefined, asDem };
      return;
    }
    if (remember === undefined) {
      void this.remote().close(id);
      this.pending = { file, crs, needsCrs: false, askToStore: true, asDem };
      return;
    }
    let remembered = false;
    if (remember) remembered = await this.storeCopy(id, file);
    const layer: ImageryLayer = { id, fileName: file.name, sizeBytes: file.size, visible: true, opacity: 1, remembered, ...result.description };
    await this.update([layer, ...this.layers]);
  }

  private async storeCopy(id: string, file: File): Promise<boolean> {
    const free = await this.store.freeBytes();
    if (free !== undefined && free < file.size * 1.1) {
      this.problem = localized('imagery.noSpace', { free: formatFileSize(free) });
      return false;
    }
    try {
      await this.store.saveFile(id, file);
      return true;
    } catch (error) {
      this.problem = localized('imagery.storeFailed', { detail: describe(error) });
      await this.store.deleteFile(id).catch(() => undefined);
      return false;
    }
  }

  /** Shows the new list at once and saves the index of remembered layers (awaited, failure shown). */
  private async update(layers: ImageryLayer[]): Promise<void> {
    this.layers = layers;
    try {
      await this.store.writeIndex(layers.filter((layer) => layer.remembered));
    } catch (error) {
      this.problem = localized('imagery.indexFailed', { detail: describe(error) });
    }
  }

  private remote(): Remote<ImageryWorkerApi> {
    if (!this.api) {
      this.worker = new Worker(new URL('../../../workers/imagery.worker.ts', import.meta.url), { type: 'module' });
      this.api = connectWorker<ImageryWorkerApi>(this.worker, 'imagery').api;
    }
    return this.api;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
