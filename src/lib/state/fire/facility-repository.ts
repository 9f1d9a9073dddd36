/**
 * The fire office's edited facilities (cameras, watchtowers: moved, added, removed, radius set),
 * stored as one revisioned record holding the whole list — the list is what the coverage figure
 * is computed from, so it is written as a whole, each write based on the revision the previous
 * one wrote (a second tab's write in between is refused: ConflictError). The record lives in the
 * 'settings' store under FACILITIES_SETTING (where it always has: no schema change).
 */
import { savedFacilities, type Facility } from '../../geo/coverage/facility';
import { openForestMapDatabase, type ForestMapDatabase, type StoredSetting } from '../persistence/database';
import type { Draft, Repository } from '../persistence/repository';
import { RevisionedStore, type ChangeNotice } from '../persistence/revisioned-store';

export const FACILITIES_SETTING = 'fire-facilities';

/** The stored facility list: null when nothing was saved yet, or `unreadable` when the saved value is not a facility list. */
export interface StoredFacilityList {
  readonly facilities: Facility[] | null;
  readonly unreadable: boolean;
  /** The revision a next save is based on (0 when nothing is stored). */
  readonly revision: number;
}

export class FacilityRepository implements Repository<StoredSetting> {
  readonly name = 'facilities';

  constructor(
    private readonly store: RevisionedStore<'settings'>,
    /** Closed with the repository when it opened the database itself. */
    private readonly database: ForestMapDatabase | null = null,
  ) {}

  /** Opens the app's database (or a named one in tests). */
  static async open(options: { databaseName?: string; origin?: string; now?: () => Date } = {}): Promise<FacilityRepository> {
    const database = await openForestMapDatabase(options.databaseName);
    return new FacilityRepository(new RevisionedStore(database, 'settings', options.origin, options.now), database);
  }

  /** The saved facility list, checked. */
  async load(): Promise<StoredFacilityList> {
    const saved = await this.get(FACILITIES_SETTING);
    const facilities = saved ? savedFacilities(saved.value) : null;
    return { facilities, unreadable: saved !== undefined && facilities === null, revision: saved?.revision ?? 0 };
  }

  /**
   * Writes the whole list, based on `expectedRevision`; returns the new revision.
   * @throws ConflictError when another tab wrote the list in between.
   */
  async save(facilities: readonly Facility[], expectedRevision: number): Promise<number> {
    return (await this.put({ id: FACILITIES_SETTING, value: facilities }, expectedRevision)).revision;
  }

  async list(): Promise<StoredSetting[]> {
    const saved = await this.get(FACILITIES_SETTING);
    return saved ? [saved] : [];
  }

  /** The facility record (the only id this repository holds is FACILITIES_SETTING). */
  async get(id: string): Promise<StoredSetting | undefined> {
    return id === FACILITIES_SETTING ? this.store.get(id) : undefined;
  }

  put(record: Draft<StoredSetting>, expectedRevision: number): Promise<StoredSetting> {
    if (record.id !== FACILITIES_SETTING) throw new Error(`facilities: unknown record ${record.id}`);
    return this.store.put(record, expectedRevision);
  }

  remove(id: string, expectedRevision?: number): Promise<void> {
    if (id !== FACILITIES_SETTING) return Promise.resolve();
    return this.store.remove(id, expectedRevision);
  }

  subscribe(listener: (change: ChangeNotice) => void): () => void {
    return this.store.subscribe((notice) => {
      if (notice.id === FACILITIES_SETTING) listener(notice);
    });
  }

  close(): void {
    this.store.close();
    this.database?.close();
  }
}
