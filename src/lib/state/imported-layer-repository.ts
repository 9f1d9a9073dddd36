/**
 * Imported layers in IndexedDB, as a Repository of their details records (name, role, style,
 * field mapping; small, rewritten when the user restyles a layer), plus the layer's features in
 * compact chunks of 5,000 under `<layer id>:features:<n>` (written once, one record per chunk, so
 * no read clones a whole 200,000-polygon layer at once; see import-codec.ts).
 *
 * A details record is written only after all of its chunks, so chunks without details belong to
 * a save that was interrupted (or is still running in another tab): cleanOrphans removes them
 * once they are old. Removing a layer removes its details and every chunk.
 *
 * Plain TypeScript: ImportedLayers (imported-layers.svelte.ts) owns it; tests use fake-indexeddb.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { openForestMapDatabase, type ForestMapDatabase, type StoredImportedLayer } from './persistence/database';
import type { Draft, Repository } from './persistence/repository';
import { RevisionedStore, type ChangeNotice } from './persistence/revisioned-store';
import { CODEC_CHUNK, decodeFeatures, encodeFeatures, type EncodedFeatureChunk } from './import-codec';
import { yieldToPage } from '../yield-to-page';

/** Features are stored one chunk per record, `<layer id>:features:<n>`. */
export const FEATURES_INFIX = ':features:';

export function chunkId(layerId: string, index: number): string {
  return `${layerId}${FEATURES_INFIX}${index}`;
}

export function isChunkId(recordId: string): boolean {
  return recordId.includes(FEATURES_INFIX);
}

/** The layer a record belongs to (its own id for a details record). */
export function layerOfRecord(recordId: string): string {
  const at = recordId.indexOf(FEATURES_INFIX);
  return at < 0 ? recordId : recordId.slice(0, at);
}

/** The position of a chunk record in its layer. */
export function chunkIndexOf(recordId: string): number {
  return Number(recordId.slice(recordId.indexOf(FEATURES_INFIX) + FEATURES_INFIX.length));
}

/**
 * Chunks handed to IndexedDB in one page task: cloning one of 5,000 polygons took ~22 ms on the
 * page (a 200,000-polygon import, SwiftShader machine), so four keep each task under ~100 ms.
 */
const CHUNKS_PER_TASK = 4;

/** Features saved without details this long ago belong to an interrupted save (not another tab's running one). */
export const ORPHAN_AGE_MS = 10 * 60 * 1000;

export class ImportedLayerRepository implements Repository<StoredImportedLayer> {
  readonly name = 'importedLayers';

  constructor(
    private readonly store: RevisionedStore<'importedLayers'>,
    /** Closed with the repository when it opened the database itself. */
    private readonly database: ForestMapDatabase | null = null,
  ) {}

  /** Opens the app's database (or a named one in tests). */
  static async open(options: { databaseName?: string; origin?: string; now?: () => Date } = {}): Promise<ImportedLayerRepository> {
    const database = await openForestMapDatabase(options.databaseName);
    return new ImportedLayerRepository(new RevisionedStore(database, 'importedLayers', options.origin, options.now), database);
  }

  /** Every layer's details record (removed ones, marked deleted, included); feature chunks are not listed. */
  async list(): Promise<StoredImportedLayer[]> {
    const layers: StoredImportedLayer[] = [];
    for (const id of await this.layerIds()) {
      const record = await this.store.get(id);
      if (record?.details) layers.push(record);
    }
    return layers;
  }

  /** A layer's details record. */
  async get(id: string): Promise<StoredImportedLayer | undefined> {
    return isChunkId(id) ? undefined : this.store.get(id);
  }

  /**
   * Writes a layer's details (after its features: writeFeatures).
   * @throws ConflictError when the stored revision is not `expectedRevision`.
   */
  put(record: Draft<StoredImportedLayer>, expectedRevision: number): Promise<StoredImportedLayer> {
    return this.store.put(record, expectedRevision);
  }

  /**
   * Removes a layer for good: its details, then every feature chunk.
   * @throws ConflictError when `expectedRevision` is given and the details' revision differs.
   */
  async remove(id: string, expectedRevision?: number): Promise<void> {
    await this.store.remove(id, expectedRevision);
    for (const key of await this.store.keys()) if (key !== id && layerOfRecord(key) === id) await this.store.remove(key);
  }

  /** Calls `listener` when another tab writes or removes a layer's details (not its chunks). */
  subscribe(listener: (change: ChangeNotice) => void): () => void {
    return this.store.subscribe((notice) => {
      if (!isChunkId(notice.id)) listener(notice);
    });
  }

  close(): void {
    this.store.close();
    this.database?.close();
  }

  /**
   * Writes a layer's features chunk by chunk, encoding each between frames — or, given `encoded`
   * (the import worker's chunks of exactly these features), those as they are. Stops (returns false)
   * as soon as `wanted()` turns false (the layer was forgotten meanwhile; remove deletes what was written).
   */
  async writeFeatures(
    layerId: string,
    collection: FeatureCollection,
    meta: { name: string },
    wanted: () => boolean,
    encoded?: readonly EncodedFeatureChunk[],
  ): Promise<boolean> {
    const { features } = collection;
    const total = encoded?.reduce((sum, chunk) => sum + chunk.count, 0);
    if (encoded && encoded.length > 0 && total === features.length) {
      // Already encoded: one transaction for all of them (a commit per chunk waited each time for a
      // page turn, behind the map's frames, and doubled the time to "saved" of a large import).
      if (!wanted()) return false;
      const records = encoded.map((chunk, index) => ({ id: chunkId(layerId, index), name: meta.name, role: 'features' as const, sourceFiles: [], chunks: [chunk] }));
      await this.store.putAllNew(records, CHUNKS_PER_TASK);
      return true;
    }
    for (let start = 0, index = 0; start < features.length || index === 0; start += CODEC_CHUNK, index++) {
      if (index > 0) await yieldToPage();
      if (!wanted()) return false;
      const chunk = encodeFeatures(features, start, Math.min(features.length, start + CODEC_CHUNK));
      await this.store.put({ id: chunkId(layerId, index), name: meta.name, role: 'features', sourceFiles: [], chunks: [chunk] }, 0);
    }
    return true;
  }

  /** Reads a layer's features back, chunk by chunk. @throws Error naming the missing features. */
  async readFeatures(record: StoredImportedLayer): Promise<FeatureCollection> {
    const featureCount = record.details?.featureCount ?? 0;
    const features: Feature[] = [];
    for (let index = 0; features.length < featureCount; index++) {
      const stored = await this.store.get(chunkId(record.id, index));
      if (!stored?.chunks) throw new Error(`features ${features.length + 1}–${featureCount} are missing`);
      for (const chunk of stored.chunks) decodeFeatures(chunk, features);
      await yieldToPage();
    }
    return { type: 'FeatureCollection', features };
  }

  /** Removes feature chunks whose details were never written (the tab closed mid-save), once older than ORPHAN_AGE_MS. */
  async cleanOrphans(now: Date): Promise<void> {
    const keys = await this.store.keys();
    const layerIds = new Set(keys.filter((key) => !isChunkId(key)));
    const staleBefore = now.getTime() - ORPHAN_AGE_MS;
    for (const key of keys) {
      if (!isChunkId(key) || layerIds.has(layerOfRecord(key))) continue;
      const orphan = await this.store.get(key);
      if (orphan && Date.parse(orphan.updatedAt) < staleBefore) await this.store.remove(key);
    }
  }

  private async layerIds(): Promise<string[]> {
    return (await this.store.keys()).filter((key) => !isChunkId(key));
  }
}
