/**
 * The user's imported layers: their features (in WGS84, kept out of reactivity), style, role
 * and field mapping, saved in IndexedDB so they survive a reload until removed.
 *
 * ## API for the statistics panel and the plot conflict check
 *
 * ```ts
 * import { effectiveLayer } from '../lib/state/imported-layers.svelte';
 *
 * const zones = effectiveLayer('townships') ?? sampleTownships;          // FeatureCollection | null
 * const stands = effectiveLayer('subcompartments') ?? sampleSubcompartments;
 * ```
 *
 * `effectiveLayer(role)` returns the imported layer the user gave that role (a catalog layer id:
 * 'townships', 'subcompartments', 'fireZones', …), with its mapped fields renamed to the catalog's
 * field names (townships: NAME, CODE; sub-compartments: XIANG, DI_LEI, YU_BI_DU, MIAN_JI in 亩 …;
 * the file's other fields kept after them) and numeric ids equal to the feature index — or null
 * when no imported layer has that role. It reads reactive state, so inside `$derived`/`$effect`
 * the caller re-runs when a role, a mapping or the layer list changes. At most one imported layer
 * holds a role at a time. `importedLayers.layerForRole(role)` gives that layer's entry (name,
 * field mapping, CRS …).
 */
import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../layers/catalog';
import type { ImportedLayer } from '../io/types';
import type { EncodedFeatureChunk } from '../io/feature-chunks';
import type { StoredImportedLayer } from './persistence/database';
import { ConflictError, type RecordChange } from './persistence/repository';
import type { RevisionedStore } from './persistence/revisioned-store';
import { ImportedLayerRepository } from './imported-layer-repository';
import { describeImportedFeature, type FeatureDescription } from './feature-description';
import { applyRole, assignmentSignature } from './import-roles';
import {
  REFERENCE_ROLE,
  detailsOf,
  nextImportColour,
  type ImportedLayerEntry,
  type ImportedLayerKey,
  type ImportedLayerStyle,
  type RoleAssignment,
  type StoredImportDetails,
} from './import-record';
import { localized, type Locale, type LocalizedText } from '../i18n';

/** Style changes (an opacity slider being dragged) are saved this long after the last one. */
const SAVE_DELAY_MS = 300;

export interface ImportedLayersOptions {
  /** Opens the repository; default: the app's database. */
  readonly openRepository?: () => Promise<ImportedLayerRepository>;
  /** Opens a plain store of the app's database to build the repository on (tests: a named database). */
  readonly openStore?: () => Promise<RevisionedStore<'importedLayers'>>;
  readonly now?: () => Date;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A removed layer that can still be brought back (its records stay stored, marked deleted). */
export interface RemovedImportedLayer {
  readonly id: ImportedLayerKey;
  readonly name: string;
  readonly entry: ImportedLayerEntry;
}

export class ImportedLayers {
  /** Imported layers in drawing order (bottom to top). */
  layers = $state.raw<readonly ImportedLayerEntry[]>([]);
  /** Removed layers whose removal can be undone, newest last (also after a reload, until forgotten). */
  removed = $state.raw<readonly RemovedImportedLayer[]>([]);
  /** True while saved layers are being read back after a reload. */
  restoring = $state(false);
  /** Saving or reading problems, to show to the user (the layers stay on the map for this session). */
  storageErrors = $state.raw<readonly LocalizedText[]>([]);
  /** Changes exactly when a role or field mapping changes (what the statistics depend on). */
  rolesSignature = $derived(
    this.layers
      .filter((entry) => entry.assignment.role !== 'reference')
      .map((entry) => `${entry.id}:${assignmentSignature(entry.assignment)}`)
      .join('|'),
  );

  private readonly collections = new Map<ImportedLayerKey, FeatureCollection>();
  /** Features of layers removed in this session, so undo needs no reading back. */
  private readonly removedCollections = new Map<ImportedLayerKey, FeatureCollection>();
  private readonly roleCache = new Map<ImportedLayerKey, { signature: string; collection: FeatureCollection }>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Per layer: the chain of its writes, so they reach the database in order. */
  private readonly writes = new Map<ImportedLayerKey, Promise<void>>();
  private readonly saveTimers = new Map<ImportedLayerKey, ReturnType<typeof setTimeout>>();
  private repositoryPromise: Promise<ImportedLayerRepository> | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastImportedAt = 0;
  private readonly openRepository: () => Promise<ImportedLayerRepository>;
  private readonly now: () => Date;

  constructor(options: ImportedLayersOptions = {}) {
    const { openStore } = options;
    this.openRepository =
      options.openRepository ?? (openStore ? async () => new ImportedLayerRepository(await openStore()) : () => ImportedLayerRepository.open());
    this.now = options.now ?? (() => new Date());
  }

  /** The entry of a layer, or undefined. */
  entry(id: ImportedLayerKey): ImportedLayerEntry | undefined {
    return this.layers.find((layer) => layer.id === id);
  }

  /** The layer's features in WGS84 as imported (not reactive: large). */
  collection(id: ImportedLayerKey): FeatureCollection | undefined {
    return this.collections.get(id);
  }

  /** The imported layer that stands in for a catalog layer, or null. */
  layerForRole(role: LayerId): ImportedLayerEntry | null {
    return this.layers.find((layer) => layer.assignment.role === role) ?? null;
  }

  /**
   * The collection that replaces the sample layer `role`, with the field mapping applied, or null
   * when no imported layer has that role. See the module comment.
   */
  effectiveLayer(role: LayerId): FeatureCollection | null {
    const entry = this.layerForRole(role);
    return entry ? this.roleCollection(entry) : null;
  }

  /** Attributes of a feature of an imported layer, for the feature panel. */
  describe(id: ImportedLayerKey, featureId: number, _locale: Locale): FeatureDescription | null {
    const entry = this.entry(id);
    const feature = this.collections.get(id)?.features[featureId];
    return entry && feature ? describeImportedFeature(id, entry.name, featureId, feature) : null;
  }

  /**
   * Adds an imported layer (styled with the next free colour, shown) and saves it in the
   * background. A role given here is taken from any other layer holding it.
   */
  add(layer: ImportedLayer, options: { assignment?: RoleAssignment; name?: string } = {}): ImportedLayerEntry {
    const id: ImportedLayerKey = `imported-${crypto.randomUUID()}`;
    const assignment = options.assignment ?? REFERENCE_ROLE;
    const style: ImportedLayerStyle = { color: nextImportColour(this.layers.map((entry) => entry.style.color)), opacity: 1, visible: true };
    // Strictly increasing, so layers added together come back in the same order after a reload.
    const importedAt = Math.max(this.now().getTime(), this.lastImportedAt + 1);
    this.lastImportedAt = importedAt;
    const entry: ImportedLayerEntry = {
      id,
      name: options.name ?? layer.name,
      sourceFiles: layer.files,
      revision: 0,
      ...detailsOf(layer, style, assignment, new Date(importedAt)),
    };
    this.releaseRole(assignment, id);
    this.collections.set(id, layer.collection);
    this.layers = [...this.layers, entry];
    this.enqueueWrite(id, () => this.saveNew(entry, layer.collection, layer.chunks));
    return entry;
  }

  /**
   * Removes a layer from the map and the statistics. Its records stay stored, marked deleted, so
   * undoRemove brings it back (features, role, style) until forgetRemoved deletes them.
   */
  remove(id: ImportedLayerKey): void {
    const entry = this.entry(id);
    if (!entry) return;
    const collection = this.collections.get(id);
    if (collection) this.removedCollections.set(id, collection);
    this.removed = [...this.removed.filter((item) => item.id !== id), { id, name: entry.name, entry }];
    this.layers = this.layers.filter((layer) => layer.id !== id);
    this.collections.delete(id);
    this.roleCache.delete(id);
    clearTimeout(this.saveTimers.get(id));
    this.saveTimers.delete(id);
    // Marks the stored details deleted (after the layer's first save, if that is still running).
    this.enqueueWrite(id, () => this.saveDetails(id));
  }

  /** Brings a removed layer back with its features, role (taken back from any other layer) and style. */
  async undoRemove(id: ImportedLayerKey): Promise<void> {
    const removed = this.removed.find((item) => item.id === id);
    if (!removed || this.entry(id)) return;
    let collection = this.removedCollections.get(id);
    if (!collection) {
      try {
        const repository = await this.repository();
        const record = await repository.get(id);
        if (!record?.details) throw new Error('its stored records are gone');
        collection = await repository.readFeatures(record);
      } catch (error) {
        this.reportStorageError(localized('import.storage.restoreFailed', { name: removed.name, detail: errorText(error) }));
        return;
      }
    }
    const latest = this.removed.find((item) => item.id === id)?.entry;
    if (this.entry(id) || !latest) return;
    this.removed = this.removed.filter((item) => item.id !== id);
    this.removedCollections.delete(id);
    this.releaseRole(latest.assignment, id);
    this.collections.set(id, collection);
    this.layers = [...this.layers, latest].sort((a, b) => a.importedAt.localeCompare(b.importedAt));
    // Stored (marked deleted) by the removal: clear the mark.
    this.enqueueWrite(id, () => this.saveDetails(id));
  }

  /** Deletes a removed layer's records for good (the undo notice was dismissed). */
  forgetRemoved(id: ImportedLayerKey): void {
    if (!this.removed.some((item) => item.id === id)) return;
    this.removed = this.removed.filter((item) => item.id !== id);
    this.removedCollections.delete(id);
    this.enqueueWrite(id, async () => (await this.repository()).remove(id));
  }

  setStyle(id: ImportedLayerKey, patch: Partial<ImportedLayerStyle>): void {
    this.update(id, (entry) => ({ ...entry, style: { ...entry.style, ...patch } }));
    this.scheduleSave(id);
  }

  rename(id: ImportedLayerKey, name: string): void {
    this.update(id, (entry) => ({ ...entry, name }));
    this.scheduleSave(id);
  }

  /** Gives a layer a role (taking it from any other layer that held it) and saves it. */
  assignRole(id: ImportedLayerKey, assignment: RoleAssignment): void {
    this.releaseRole(assignment, id);
    this.update(id, (entry) => ({ ...entry, assignment }));
    this.scheduleSave(id, 0);
  }

  /** Reads the saved layers back (after a reload). Broken records are reported and dropped. */
  async restore(): Promise<void> {
    this.restoring = true;
    try {
      const repository = await this.repository();
      await repository.cleanOrphans(this.now());
      const records: StoredImportedLayer[] = [];
      const removed: RemovedImportedLayer[] = [];
      for (const record of await repository.list()) {
        if (record.deleted) removed.push({ id: record.id as ImportedLayerKey, name: record.name, entry: entryOf(record) });
        else records.push(record);
      }
      const known = new Set(this.removed.map((item) => item.id));
      this.removed = [...this.removed, ...removed.filter((item) => !known.has(item.id)).sort((a, b) => a.entry.importedAt.localeCompare(b.entry.importedAt))];
      records.sort((a, b) => a.details!.importedAt.localeCompare(b.details!.importedAt));
      for (const record of records) if (!this.entry(record.id as ImportedLayerKey) && !known.has(record.id as ImportedLayerKey)) await this.loadRecord(repository, record);
      this.unsubscribe ??= repository.subscribe((change) => void this.onExternalChange(change));
    } catch (error) {
      this.reportStorageError(localized('import.storage.readFailed', { detail: errorText(error) }));
    } finally {
      this.restoring = false;
    }
  }

  /** Resolves when every write started so far has finished (tests, before a reload). */
  async whenSaved(): Promise<void> {
    for (const [id, timer] of this.saveTimers) {
      clearTimeout(timer);
      this.saveTimers.delete(id);
      this.enqueueWrite(id, () => this.saveDetails(id));
    }
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private roleCollection(entry: ImportedLayerEntry): FeatureCollection | null {
    const collection = this.collections.get(entry.id);
    if (!collection) return null;
    const signature = assignmentSignature(entry.assignment);
    const cached = this.roleCache.get(entry.id);
    if (cached?.signature === signature) return cached.collection;
    const mapped = applyRole(collection, entry.assignment);
    this.roleCache.set(entry.id, { signature, collection: mapped });
    return mapped;
  }

  private releaseRole(assignment: RoleAssignment, keeper: ImportedLayerKey): void {
    if (assignment.role === 'reference') return;
    for (const other of this.layers) {
      if (other.id === keeper || other.assignment.role !== assignment.role) continue;
      this.update(other.id, (entry) => ({ ...entry, assignment: REFERENCE_ROLE }));
      this.scheduleSave(other.id, 0);
    }
  }

  private update(id: ImportedLayerKey, change: (entry: ImportedLayerEntry) => ImportedLayerEntry): void {
    this.layers = this.layers.map((entry) => (entry.id === id ? change(entry) : entry));
  }

  private repository(): Promise<ImportedLayerRepository> {
    this.repositoryPromise ??= this.openRepository();
    return this.repositoryPromise;
  }

  private enqueueWrite(id: ImportedLayerKey, write: () => Promise<void>): void {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const next = previous.then(write).catch((error: unknown) => {
      const name = this.entry(id)?.name ?? id;
      this.reportStorageError(localized('import.storage.saveFailed', { name, detail: errorText(error) }));
    });
    this.writes.set(id, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.writes.get(id) === next) this.writes.delete(id);
    });
  }

  private scheduleSave(id: ImportedLayerKey, delay = SAVE_DELAY_MS): void {
    clearTimeout(this.saveTimers.get(id));
    this.saveTimers.set(
      id,
      setTimeout(() => {
        this.saveTimers.delete(id);
        this.enqueueWrite(id, () => this.saveDetails(id));
      }, delay),
    );
  }

  /** Writes the features chunk by chunk (the worker's chunks as they are, or encoding each between frames), then the details. */
  private async saveNew(entry: ImportedLayerEntry, collection: FeatureCollection, chunks?: readonly EncodedFeatureChunk[]): Promise<void> {
    const repository = await this.repository();
    // Removed meanwhile: the save goes on (the details are stored marked deleted, so the removal can be
    // undone after a reload); forgotten meanwhile: stop, forgetRemoved deletes what was written.
    if (await repository.writeFeatures(entry.id, collection, { name: entry.name }, () => this.stored(entry.id) !== null, chunks)) await this.saveDetails(entry.id);
  }

  /** Writes the current details of a layer; a newer version from another tab is built upon. */
  private async saveDetails(id: ImportedLayerKey): Promise<void> {
    const current = this.stored(id);
    if (!current) return;
    const { entry, deleted } = current;
    const repository = await this.repository();
    const draft = deleted ? { ...recordOf(entry), deleted } : recordOf(entry);
    let saved: StoredImportedLayer;
    try {
      saved = await repository.put(draft, entry.revision);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Another tab restyled it meanwhile: this tab's latest change is the user's newest action.
      saved = await repository.put(draft, error.currentRevision);
    }
    this.update(id, (layer) => ({ ...layer, revision: saved.revision }));
    this.removed = this.removed.map((item) => (item.id === id ? { ...item, entry: { ...item.entry, revision: saved.revision } } : item));
  }

  /** The layer as it is to be stored: shown, or removed (undoable); null once forgotten. */
  private stored(id: ImportedLayerKey): { entry: ImportedLayerEntry; deleted: boolean } | null {
    const shown = this.entry(id);
    if (shown) return { entry: shown, deleted: false };
    const removed = this.removed.find((item) => item.id === id);
    return removed ? { entry: removed.entry, deleted: true } : null;
  }

  private async loadRecord(repository: ImportedLayerRepository, record: StoredImportedLayer): Promise<void> {
    const id = record.id as ImportedLayerKey;
    try {
      const collection = await repository.readFeatures(record);
      if (this.entry(id)) return;
      const entry = entryOf(record);
      this.lastImportedAt = Math.max(this.lastImportedAt, Date.parse(entry.importedAt));
      this.collections.set(id, collection);
      this.layers = [...this.layers, entry];
    } catch (error) {
      this.reportStorageError(localized('import.storage.damaged', { name: record.name, detail: errorText(error) }));
    }
  }

  /** Another tab added, changed or removed a layer: follow it. */
  private async onExternalChange(notice: RecordChange): Promise<void> {
    const id = notice.id as ImportedLayerKey;
    if (notice.revision < 0) {
      this.layers = this.layers.filter((layer) => layer.id !== id);
      this.collections.delete(id);
      this.roleCache.delete(id);
      return;
    }
    const repository = await this.repository();
    const record = await repository.get(id);
    if (!record?.details) return;
    if (record.deleted) {
      // Removed in another tab (which shows the undo notice there).
      this.layers = this.layers.filter((layer) => layer.id !== id);
      this.collections.delete(id);
      this.roleCache.delete(id);
      return;
    }
    if (!this.entry(id)) {
      await this.loadRecord(repository, record);
      return;
    }
    this.update(id, (entry) => ({ ...entry, ...record.details!, name: record.name, revision: record.revision }));
  }

  private reportStorageError(message: LocalizedText): void {
    this.storageErrors = [...this.storageErrors, message];
  }
}

function entryOf(record: StoredImportedLayer): ImportedLayerEntry {
  return { id: record.id as ImportedLayerKey, name: record.name, sourceFiles: record.sourceFiles, revision: record.revision, ...record.details! };
}

function recordOf(entry: ImportedLayerEntry): Omit<StoredImportedLayer, 'revision' | 'updatedAt'> {
  const { id, name, sourceFiles, revision: _revision, ...details } = entry;
  const stored: StoredImportDetails = details;
  return { id, name, role: entry.assignment.role, sourceFiles, details: stored };
}

/** The app's imported layers (one per page). */
export const importedLayers = new ImportedLayers();

/**
 * The imported collection that replaces the sample layer `role` (fields mapped to the catalog's
 * names), or null when the user gave no imported layer that role. See the module comment.
 */
export function effectiveLayer(role: LayerId): FeatureCollection | null {
  return importedLayers.effectiveLayer(role);
}
