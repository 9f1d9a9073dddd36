/**
 * The app's IndexedDB: everything a user makes (plots, fire-zone reviews and their history,
 * imported layers, settings) is written here as it changes, so it survives a reload, a closed
 * tab and a crash. Records carry a revision: a write based on an older revision is refused
 * (see revisioned-store.ts), so a second tab never silently overwrites the first's work.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Polygon, MultiPolygon } from 'geojson';
import type { EncodedFeatureChunk } from '../import-codec';
import type { StoredImportDetails } from '../import-record';

export const DATABASE_NAME = 'youyang-forest-map';
export const DATABASE_VERSION = 1;

/** Fields every revisioned record has. */
export interface Revisioned {
  readonly id: string;
  /** Incremented by every write; 1 for a new record. */
  readonly revision: number;
  /** ISO 8601 time of the last write. */
  readonly updatedAt: string;
}

export interface StoredPlot extends Revisioned {
  readonly name: string;
  readonly plotType: string;
  readonly targetYear: number;
  readonly notes: string;
  readonly geometry: Polygon | MultiPolygon;
  readonly createdAt: string;
  /** Soft delete, so a deletion can be undone (also across a reload). */
  readonly deleted: boolean;
}

export interface StoredZoneReview extends Revisioned {
  /** The high-risk zone's id (ZONE_ID). */
  readonly status: string;
  readonly reviewer: string;
  readonly reviewDate: string;
  readonly notes: string;
  readonly actions: readonly string[];
}

export interface StoredReviewHistoryEntry {
  readonly sequence?: number;
  readonly zoneId: string;
  readonly at: string;
  readonly reviewer: string;
  readonly revision: number;
  /** Field-by-field description of what changed: [field, before, after]. */
  readonly changes: readonly (readonly [string, string, string])[];
}

/**
 * An imported layer is several records: its details (summary, style, role; small, rewritten when
 * the user restyles it) under the layer id, and its features in compact chunks of 5,000 under
 * `<layer id>:features:<n>` (written once, one record per chunk so that no read or write clones a
 * whole 200,000-polygon layer at once; see src/lib/state/import-codec.ts and imported-layers.svelte.ts).
 */
export interface StoredImportedLayer extends Revisioned {
  readonly name: string;
  /** 'reference', or the catalog layer id the layer stands in for. */
  readonly role: string;
  readonly sourceFiles: readonly string[];
  /** On the details record. */
  readonly details?: StoredImportDetails;
  /** On a features record. */
  readonly chunks?: readonly EncodedFeatureChunk[];
}

export interface StoredSetting extends Revisioned {
  readonly value: unknown;
}

export interface ForestMapSchema extends DBSchema {
  plots: { key: string; value: StoredPlot };
  reviews: { key: string; value: StoredZoneReview };
  reviewHistory: { key: number; value: StoredReviewHistoryEntry; indexes: { byZone: string } };
  importedLayers: { key: string; value: StoredImportedLayer };
  settings: { key: string; value: StoredSetting };
}

export type ForestMapDatabase = IDBPDatabase<ForestMapSchema>;
export type RevisionedStoreName = 'plots' | 'reviews' | 'importedLayers' | 'settings';

/** Opens (and on first use creates) the database. */
export function openForestMapDatabase(name = DATABASE_NAME): Promise<ForestMapDatabase> {
  return openDB<ForestMapSchema>(name, DATABASE_VERSION, {
    upgrade(database) {
      database.createObjectStore('plots', { keyPath: 'id' });
      database.createObjectStore('reviews', { keyPath: 'id' });
      const history = database.createObjectStore('reviewHistory', { keyPath: 'sequence', autoIncrement: true });
      history.createIndex('byZone', 'zoneId');
      database.createObjectStore('importedLayers', { keyPath: 'id' });
      database.createObjectStore('settings', { keyPath: 'id' });
    },
  });
}
