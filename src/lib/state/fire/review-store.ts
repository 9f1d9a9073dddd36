/**
 * Reviews of the fire high-risk zones in IndexedDB: the current review per zone (revisioned, so
 * a second tab cannot silently overwrite it) and an append-only history of every change. A review
 * and its history entry are written in one transaction: both are kept, or neither.
 */
import type { ForestMapDatabase, StoredReviewHistoryEntry, StoredZoneReview } from '../persistence/database';
import { CHANGE_CHANNEL, ConflictError, RevisionedStore, type ChangeNotice } from '../persistence/revisioned-store';
import { orderHistory, reviewChanges, draftOf, hasReviewer, type ReviewDraft } from './review-model';

export class ReviewStore {
  readonly reviews: RevisionedStore<'reviews'>;
  /** Tells other tabs of a saved review, as RevisionedStore does for its own writes. */
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly database: ForestMapDatabase,
    origin?: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reviews = new RevisionedStore(database, 'reviews', origin, now);
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGE_CHANNEL);
  }

  list(): Promise<StoredZoneReview[]> {
    return this.reviews.list();
  }

  /**
   * Saves a zone's review and appends what changed to its history, in one transaction. Nothing is
   * written when nothing changed.
   * @throws ConflictError when another tab saved the zone in between (based on `basedOn`'s revision).
   * @throws Error when the draft names no reviewer: every history entry has its author.
   */
  async save(zoneId: string, draft: ReviewDraft, basedOn: StoredZoneReview | undefined): Promise<StoredZoneReview | undefined> {
    const changes = reviewChanges(draftOf(basedOn), draft);
    if (changes.length === 0) return basedOn;
    if (!hasReviewer(draft)) throw new Error(`reviews/${zoneId}: a review is saved only with its reviewer`);
    const basedOnRevision = basedOn?.revision ?? 0;
    const transaction = this.database.transaction(['reviews', 'reviewHistory'], 'readwrite');
    const done = transaction.done;
    // Observed at once, so an abort before the await below is never an unhandled rejection.
    done.catch(() => undefined);
    try {
      const reviews = transaction.objectStore('reviews');
      const currentRevision = (await reviews.get(zoneId))?.revision ?? 0;
      if (currentRevision !== basedOnRevision) throw new ConflictError('reviews', zoneId, basedOnRevision, currentRevision);
      const saved: StoredZoneReview = { id: zoneId, ...draft, actions: [...draft.actions], revision: currentRevision + 1, updatedAt: this.now().toISOString() };
      const entry: StoredReviewHistoryEntry = { zoneId, at: saved.updatedAt, reviewer: draft.reviewer, revision: saved.revision, changes };
      await reviews.put(saved);
      await transaction.objectStore('reviewHistory').add(entry);
      await done;
      this.channel?.postMessage({ storeName: 'reviews', id: zoneId, revision: saved.revision, origin: this.reviews.origin } satisfies ChangeNotice);
      return saved;
    } catch (error) {
      try {
        transaction.abort();
      } catch {
        // Already finished or aborted by the failed request: nothing was kept either way.
      }
      await done.catch(() => undefined);
      throw error;
    }
  }

  async history(zoneId: string): Promise<StoredReviewHistoryEntry[]> {
    return orderHistory(await this.database.getAllFromIndex('reviewHistory', 'byZone', zoneId));
  }

  close(): void {
    this.reviews.close();
    this.channel?.close();
  }
}
