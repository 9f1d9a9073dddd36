/**
 * Reviews of the fire high-risk zones in IndexedDB: the current review per zone (revisioned, so
 * a second tab cannot silently overwrite it) and an append-only history of every change.
 */
import type { ForestMapDatabase, StoredReviewHistoryEntry, StoredZoneReview } from '../persistence/database';
import { RevisionedStore } from '../persistence/revisioned-store';
import { orderHistory, reviewChanges, draftOf, type ReviewDraft } from './review-model';

export class ReviewStore {
  readonly reviews: RevisionedStore<'reviews'>;

  constructor(
    private readonly database: ForestMapDatabase,
    origin?: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reviews = new RevisionedStore(database, 'reviews', origin, now);
  }

  list(): Promise<StoredZoneReview[]> {
    return this.reviews.list();
  }

  /**
   * Saves a zone's review and appends what changed to its history. Nothing is written when
   * nothing changed. @throws ConflictError when another tab saved the zone in between.
   */
  async save(zoneId: string, draft: ReviewDraft, basedOn: StoredZoneReview | undefined): Promise<StoredZoneReview | undefined> {
    const changes = reviewChanges(draftOf(basedOn), draft);
    if (changes.length === 0) return basedOn;
    const saved = await this.reviews.put({ id: zoneId, ...draft, actions: [...draft.actions] }, basedOn?.revision ?? 0);
    const entry: StoredReviewHistoryEntry = { zoneId, at: saved.updatedAt, reviewer: draft.reviewer, revision: saved.revision, changes };
    await this.database.add('reviewHistory', entry);
    return saved;
  }

  async history(zoneId: string): Promise<StoredReviewHistoryEntry[]> {
    return orderHistory(await this.database.getAllFromIndex('reviewHistory', 'byZone', zoneId));
  }

  close(): void {
    this.reviews.close();
  }
}
