/**
 * The app's IndexedDB: everything a user makes (plots, fire-zone reviews and their history,
 * imported layers, settings) is written here as it changes, so it survives a reload, a closed
 * tab and a crash. Records carry a revision: a write based on an older revision is refused
 * (see revisioned-store.ts), so a second tab never silently overwrites the first's work.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type OpenDBCallbacks, type StoreNames } from 'idb';
import type { Polygon, MultiPolygon } from 'geojson';
import type { EncodedFeatureChunk } from '../import-codec';
import type { StoredImportDetails } from '../import-record';
import type { StoredCorridorDetails } from '../corridors/corridor-record';
import { reportConnectionEvent } from './connection-events';
import type { Revisioned } from './repository';

export const DATABASE_NAME = 'youyang-forest-map';
/** The schema version; each step up is one entry of MIGRATIONS. */
export const DATABASE_VERSION = 3;

export type { Revisioned } from './repository';

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
  /** A rectification order's deadline (YYYY-MM-DD); absent in reviews saved before it existed. */
  readonly deadline?: string | null;
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
 * whole 200,000-polygon layer at once; see src/lib/state/import-codec.ts and imported-layer-repository.ts).
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
  /** On a details record: removed by the user, kept until the undo notice is dismissed. */
  readonly deleted?: boolean;
}

/** A saved river corridor (the corridor tool): how it was made and the polygon it made. */
export interface StoredCorridor extends Revisioned, StoredCorridorDetails {
  /** Soft delete, so a deletion can be undone. */
  readonly deleted: boolean;
}

export interface StoredSetting extends Revisioned {
  readonly value: unknown;
}

/** One applied schema step, recorded by the step itself. */
export interface SchemaStep {
  readonly version: number;
  readonly appliedAt: string;
}

/** Facts about the database itself (since version 2). */
export type StoredMeta =
  | { readonly id: 'schema-history'; readonly steps: readonly SchemaStep[] }
  | { readonly id: 'last-backup'; readonly at: string; readonly fileName: string };

export interface ForestMapSchema extends DBSchema {
  plots: { key: string; value: StoredPlot };
  reviews: { key: string; value: StoredZoneReview };
  reviewHistory: { key: number; value: StoredReviewHistoryEntry; indexes: { byZone: string } };
  importedLayers: { key: string; value: StoredImportedLayer };
  settings: { key: string; value: StoredSetting };
  meta: { key: string; value: StoredMeta };
  corridors: { key: string; value: StoredCorridor };
}

export type ForestMapDatabase = IDBPDatabase<ForestMapSchema>;
export type RevisionedStoreName = 'plots' | 'reviews' | 'importedLayers' | 'settings' | 'corridors';
type UpgradeTransaction = IDBPTransaction<ForestMapSchema, StoreNames<ForestMapSchema>[], 'versionchange'>;

/**
 * Schema steps: MIGRATIONS[n] takes a database at version n to n + 1. A step never changes an
 * earlier one (users have databases at every version); add a step and raise DATABASE_VERSION.
 */
export const MIGRATIONS: readonly ((database: ForestMapDatabase, transaction: UpgradeTransaction) => void)[] = [
  // 0 → 1: the stores of the first release.
  (database) => {
    database.createObjectStore('plots', { keyPath: 'id' });
    database.createObjectStore('reviews', { keyPath: 'id' });
    const history = database.createObjectStore('reviewHistory', { keyPath: 'sequence', autoIncrement: true });
    history.createIndex('byZone', 'zoneId');
    database.createObjectStore('importedLayers', { keyPath: 'id' });
    database.createObjectStore('settings', { keyPath: 'id' });
  },
  // 1 → 2: a store about the database itself: its schema history (what a support request or a
  // backup needs to know) and when the last backup was made.
  (database) => {
    database.createObjectStore('meta', { keyPath: 'id' });
  },
  // 2 → 3: saved river corridors (the corridor tool).
  (database) => {
    database.createObjectStore('corridors', { keyPath: 'id' });
  },
];

/** Appends the steps just applied to the schema history (in the upgrade's own transaction). */
async function recordSchemaSteps(transaction: UpgradeTransaction, from: number, to: number, at: string): Promise<void> {
  const meta = transaction.objectStore('meta');
  const existing = await meta.get('schema-history');
  const earlier = existing?.id === 'schema-history' ? existing.steps : [];
  const steps: SchemaStep[] = [];
  for (let version = from + 1; version <= to; version++) steps.push({ version, appliedAt: at });
  await meta.put({ id: 'schema-history', steps: [...earlier, ...steps] });
}

export interface OpenOptions {
  readonly now?: () => Date;
}

/**
 * Opens (creating or upgrading it step by step) the database. Every part of the app opens it
 * here, so every connection closes itself when another tab needs a newer schema (instead of
 * blocking that tab forever) and tells the user to reload; an upgrade kept waiting by a tab
 * that does not close is reported too (see connection-events.ts).
 */
export function openForestMapDatabase(name = DATABASE_NAME, options: OpenOptions = {}): Promise<ForestMapDatabase> {
  const version = DATABASE_VERSION;
  const now = options.now ?? (() => new Date());
  return openAppDatabase<ForestMapSchema>(name, version, (database, oldVersion, newVersion, transaction) => {
    const target = newVersion ?? version;
    for (let step = oldVersion; step < target; step++) {
      const migrate = MIGRATIONS[step];
      if (!migrate) throw new Error(`no schema step from version ${step} to ${step + 1}`);
      migrate(database, transaction);
    }
    void recordSchemaSteps(transaction, oldVersion, target, now().toISOString());
  });
}

/**
 * Opens one of the app's IndexedDB databases (the records above, the sync's outbox) with the
 * same etiquette: close at once when another tab needs a newer schema, report a blocked upgrade.
 */
export function openAppDatabase<Schema extends DBSchema>(name: string, version: number, upgrade: OpenDBCallbacks<Schema>['upgrade']): Promise<IDBPDatabase<Schema>> {
  let wasBlocked = false;
  const opening = openDB<Schema>(name, version, {
    ...(upgrade ? { upgrade } : {}),
    blocked(currentVersion, blockedVersion) {
      wasBlocked = true;
      reportConnectionEvent({ kind: 'blocked', currentVersion, wantedVersion: blockedVersion });
    },
    blocking(currentVersion, blockedVersion, event) {
      // Close at once so the other tab's upgrade proceeds; this tab must reload for the new schema.
      (event.target as IDBDatabase).close();
      reportConnectionEvent({ kind: 'closed-for-upgrade', currentVersion, wantedVersion: blockedVersion });
    },
    terminated() {
      reportConnectionEvent({ kind: 'terminated' });
    },
  });
  return opening.then((database) => {
    if (wasBlocked) reportConnectionEvent({ kind: 'unblocked' });
    return database;
  });
}
