/**
 * Restoring a backup is a merge, never a silent overwrite: what the database lacks is added,
 * what it holds identically is skipped, and every record that differs is a conflict the user
 * decides (keep mine / take the backup's). An imported layer is one item (its details and all
 * its feature chunks); a shipped corridor seeded again after the database was cleared matches
 * the backup's whatever its seeding time; review history is append-only, so entries the
 * database lacks are added and nothing in it is ever replaced.
 */
import type { ForestMapDatabase, Revisioned, StoredCorridor, StoredImportedLayer, StoredReviewHistoryEntry } from '../persistence/database';
import { openChangeChannel, type ChangeNotice } from '../persistence/revisioned-store';
import { FEATURES_INFIX, chunkIndexOf, layerOfRecord as layerOf } from '../imported-layer-repository';
import { sameValue, type BackupContents, type BackupStoreName } from './backup-format';

export type ConflictStore = 'plots' | 'reviews' | 'settings' | 'importedLayers' | 'corridors';
export type RestoreChoice = 'mine' | 'backup';

export interface RestoreConflict {
  /** `${store}/${id}`, unique. */
  readonly key: string;
  readonly store: ConflictStore;
  readonly id: string;
  /** What the user knows it by: a plot's, layer's or corridor's name, a zone id, a setting's id. */
  readonly label: string;
  readonly mineUpdatedAt: string;
  readonly backupUpdatedAt: string;
  /** The stored revision when the plan was made (a write in between makes the choice stale). */
  readonly mineRevision: number;
}

export type ItemCounts = Record<BackupStoreName, number>;

interface RecordItem {
  readonly store: ConflictStore;
  readonly id: string;
  /** For imported layers: the details record first, then its feature chunks. */
  readonly records: readonly Revisioned[];
}

export interface RestorePlan {
  readonly toAdd: ItemCounts;
  readonly identical: ItemCounts;
  readonly conflicts: readonly RestoreConflict[];
  readonly additions: readonly RecordItem[];
  readonly historyToAdd: readonly StoredReviewHistoryEntry[];
  readonly replacements: ReadonlyMap<string, RecordItem>;
}

export interface RestoreOutcome {
  readonly added: ItemCounts;
  readonly replaced: number;
  readonly kept: number;
  /** Items changed (in this or another tab) between the comparison and the write: left as they are. */
  readonly changedMeanwhile: readonly string[];
}

const emptyCounts = (): ItemCounts => ({ plots: 0, reviews: 0, reviewHistory: 0, settings: 0, importedLayers: 0, corridors: 0 });
const withoutRevision = (record: Revisioned) => {
  const { revision: _revision, updatedAt: _updatedAt, ...rest } = record as Revisioned & Partial<StoredCorridor>;
  if (rest.origin !== 'sample') return rest;
  // A shipped corridor's createdAt is when this database seeded it, not something the user made.
  const { createdAt: _createdAt, ...seeded } = rest;
  return seeded;
};
const historyKey = (entry: StoredReviewHistoryEntry) => JSON.stringify([entry.zoneId, entry.at, entry.revision, entry.reviewer, entry.changes]);

function labelOf(store: ConflictStore, record: Revisioned): string {
  if (store === 'plots' || store === 'importedLayers' || store === 'corridors') return (record as { name?: string }).name ?? record.id;
  return record.id;
}

/** Imported-layer records grouped per layer, details first and chunks in order. */
function layerGroups(records: readonly StoredImportedLayer[]): Map<string, StoredImportedLayer[]> {
  const groups = new Map<string, StoredImportedLayer[]>();
  for (const record of records) {
    const layer = layerOf(record.id);
    groups.set(layer, [...(groups.get(layer) ?? []), record]);
  }
  for (const group of groups.values()) group.sort((a, b) => (a.id === layerOf(a.id) ? -1 : b.id === layerOf(b.id) ? 1 : chunkIndexOf(a.id) - chunkIndexOf(b.id)));
  return groups;
}

function sameRecords(mine: readonly Revisioned[], backup: readonly Revisioned[]): boolean {
  return mine.length === backup.length && mine.every((record, index) => sameValue(withoutRevision(record), withoutRevision(backup[index]!)));
}

/** Compares a backup with the database. Reads only; nothing is written. */
export async function planRestore(database: ForestMapDatabase, backup: BackupContents): Promise<RestorePlan> {
  const toAdd = emptyCounts();
  const identical = emptyCounts();
  const conflicts: RestoreConflict[] = [];
  const additions: RecordItem[] = [];
  const replacements = new Map<string, RecordItem>();

  const consider = (store: ConflictStore, id: string, mine: readonly Revisioned[], theirs: readonly Revisioned[]) => {
    const item: RecordItem = { store, id, records: theirs };
    if (mine.length === 0) {
      toAdd[store] += 1;
      additions.push(item);
    } else if (sameRecords(mine, theirs)) identical[store] += 1;
    else {
      const key = `${store}/${id}`;
      conflicts.push({ key, store, id, label: labelOf(store, theirs[0]!), mineUpdatedAt: mine[0]!.updatedAt, backupUpdatedAt: theirs[0]!.updatedAt, mineRevision: mine[0]!.revision });
      replacements.set(key, item);
    }
  };

  for (const store of ['plots', 'reviews', 'settings', 'corridors'] as const) {
    for (const record of backup.records[store]) {
      const mine = await database.get(store, record.id);
      consider(store, record.id, mine ? [mine] : [], [record]);
    }
  }
  const localKeys = await database.getAllKeys('importedLayers');
  for (const [layer, records] of layerGroups(backup.records.importedLayers)) {
    const mineKeys = localKeys.filter((key) => layerOf(key) === layer);
    const mine: StoredImportedLayer[] = [];
    if (mineKeys.includes(layer)) for (const key of mineKeys) mine.push((await database.get('importedLayers', key))!);
    consider('importedLayers', layer, layerGroups(mine).get(layer) ?? [], records);
  }

  const known = new Set((await database.getAll('reviewHistory')).map(historyKey));
  const historyToAdd: StoredReviewHistoryEntry[] = [];
  for (const entry of backup.records.reviewHistory) {
    const key = historyKey(entry);
    if (known.has(key)) identical.reviewHistory += 1;
    else {
      known.add(key);
      historyToAdd.push(entry);
    }
  }
  toAdd.reviewHistory = historyToAdd.length;
  return { toAdd, identical, conflicts, additions, historyToAdd, replacements };
}

/**
 * Writes the plan: additions (as they are in the backup, revision and times included), the
 * backup's version of each conflict the user chose it for (as a new revision, so other tabs'
 * edits based on the old one are refused), and the missing history entries. An item that
 * changed since planRestore is left alone and listed.
 */
export async function applyRestore(
  database: ForestMapDatabase,
  plan: RestorePlan,
  choose: (conflict: RestoreConflict) => RestoreChoice,
  options: { now?: () => Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<RestoreOutcome> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  const added = emptyCounts();
  const changedMeanwhile: string[] = [];
  const notices: Omit<ChangeNotice, 'origin'>[] = [];
  const chosen = plan.conflicts.filter((conflict) => choose(conflict) === 'backup');
  const kept = plan.conflicts.length - chosen.length;
  const total = plan.additions.length + chosen.length + plan.historyToAdd.length;
  let done = 0;
  const progress = () => options.onProgress?.(done, total);

  // Small stores in one transaction: all or nothing.
  const small = database.transaction(['plots', 'reviews', 'settings', 'corridors', 'reviewHistory'], 'readwrite');
  for (const item of plan.additions) {
    if (item.store === 'importedLayers') continue;
    const store = small.objectStore(item.store);
    const record = item.records[0]!;
    const current = await store.get(item.id);
    if (current && !sameValue(withoutRevision(current), withoutRevision(record))) changedMeanwhile.push(`${item.store}/${item.id}`);
    else if (!current) {
      await store.put(record as never);
      added[item.store] += 1;
      notices.push({ storeName: item.store, id: item.id, revision: record.revision });
    }
    done += 1;
  }
  for (const conflict of chosen) {
    if (conflict.store === 'importedLayers') continue;
    const store = small.objectStore(conflict.store);
    const current = await store.get(conflict.id);
    if (current?.revision !== conflict.mineRevision) changedMeanwhile.push(conflict.key);
    else {
      const revision = conflict.mineRevision + 1;
      await store.put({ ...plan.replacements.get(conflict.key)!.records[0]!, revision, updatedAt: now } as never);
      notices.push({ storeName: conflict.store, id: conflict.id, revision });
    }
    done += 1;
  }
  const history = small.objectStore('reviewHistory');
  for (const { sequence: _sequence, ...entry } of plan.historyToAdd) {
    await history.add(entry);
    added.reviewHistory += 1;
    done += 1;
  }
  await small.done;
  progress();

  // Imported layers one transaction each: a layer's details and features arrive together.
  const layerWrites = [
    ...plan.additions.filter((item) => item.store === 'importedLayers').map((item) => ({ item, conflict: null })),
    ...chosen.filter((conflict) => conflict.store === 'importedLayers').map((conflict) => ({ item: plan.replacements.get(conflict.key)!, conflict })),
  ];
  for (const { item, conflict } of layerWrites) {
    const transaction = database.transaction('importedLayers', 'readwrite');
    const store = transaction.objectStore('importedLayers');
    const current = await store.get(item.id);
    if (conflict ? current?.revision !== conflict.mineRevision : current !== undefined) {
      changedMeanwhile.push(`importedLayers/${item.id}`);
      transaction.abort();
      await transaction.done.catch(() => undefined);
    } else {
      if (conflict) for (const key of await store.getAllKeys(IDBKeyRange.bound(`${item.id}${FEATURES_INFIX}`, `${item.id}${FEATURES_INFIX}\uffff`))) await store.delete(key);
      const [details, ...chunks] = item.records as StoredImportedLayer[];
      for (const chunk of chunks) await store.put(chunk);
      const revision = conflict ? conflict.mineRevision + 1 : details!.revision;
      await store.put(conflict ? { ...details!, revision, updatedAt: now } : details!);
      await transaction.done;
      if (!conflict) added.importedLayers += 1;
      notices.push({ storeName: 'importedLayers', id: item.id, revision });
    }
    done += 1;
    progress();
  }
  announce(notices);
  return { added, replaced: chosen.length - changedMeanwhile.filter((key) => chosen.some((conflict) => conflict.key === key)).length, kept, changedMeanwhile };
}

/** Tells open views (this tab's and others') what changed, as any write does. */
function announce(notices: readonly Omit<ChangeNotice, 'origin'>[]): void {
  const channel = notices.length > 0 ? openChangeChannel() : null;
  if (!channel) return;
  const origin = `restore-${crypto.randomUUID()}`;
  for (const notice of notices) channel.postMessage({ ...notice, origin } satisfies ChangeNotice);
  channel.close();
}
