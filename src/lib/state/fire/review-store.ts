/**
 * Reviews of the fire high-risk zones: the current review per zone (a Repository of revisioned
 * records, so a second tab cannot silently overwrite it) and an append-only history of every
 * change. A review and its history entry are written in one transaction: both are kept, or neither.
 */
import { openForestMapDatabase, type ForestMapDatabase, type StoredReviewHistoryEntry, type StoredZoneReview } from '../persistence/database';
import { ConflictError, type Draft, type Repository } from '../persistence/repository';
import { RevisionedStore, type ChangeNotice } from '../persistence/revisioned-store';
import { orderHistory, reviewChanges, draftOf, hasReviewer, type ReviewDraft } from './review-model';

export class ReviewRepository implements Repository<StoredZoneReview> {
  readonly name = 'reviews';
  /** The plain revisioned store of the reviews (reads; writes go through put, with their history). */
  readonly reviews: RevisionedStore<'reviews'>;

  constructor(
    private readonly database: ForestMapDatabase,
    origin?: string,
    private readonly now: () => Date = () => new Date(),
    /** Closed with the repository when it opened the database itself. */
    private readonly ownsDatabase = false,
  ) {
    this.reviews = new RevisionedStore(database, 'reviews', origin, now);
  }

  /** Opens the app's database (or a named one in tests). */
  static async open(options: { databaseName?: string; origin?: string; now?: () => Date } = {}): Promise<ReviewRepository> {
    return new ReviewRepository(await openForestMapDatabase(options.databaseName), options.origin, options.now, true);
  }

  list(): Promise<StoredZoneReview[]> {
    return this.reviews.list();
  }

  get(id: string): Promise<StoredZoneReview | undefined> {
    return this.reviews.get(id);
  }

  /**
   * Saves a zone's review from the form's draft (see put). Nothing is written when nothing changed.
   * @throws ConflictError when another tab saved the zone in between (based on `basedOn`'s revision).
   * @throws Error when the draft names no reviewer: every history entry has its author.
   */
  async save(zoneId: string, draft: ReviewDraft, basedOn: StoredZoneReview | undefined): Promise<StoredZoneReview | undefined> {
    if (reviewChanges(draftOf(basedOn), draft).length === 0) return basedOn;
    return this.put({ id: zoneId, ...draft, actions: [...draft.actions] }, basedOn?.revision ?? 0);
  }

  /**
   * Writes a review and appends what changed (field by field, against the stored review) to its
   * history, in one transaction.
   * @throws ConflictError when the stored revision is not `expectedRevision`.
   * @throws Error when the review names no reviewer.
   */
  async put(record: Draft<StoredZoneReview>, expectedRevision: number): Promise<StoredZoneReview> {
    const zoneId = record.id;
    if (!hasReviewer(record)) throw new Error(`reviews/${zoneId}: a review is saved only with its reviewer`);
    const transaction = this.database.transaction(['reviews', 'reviewHistory'], 'readwrite');
    const done = transaction.done;
    // Observed at once, so an abort before the await below is never an unhandled rejection.
    done.catch(() => undefined);
    try {
      const reviews = transaction.objectStore('reviews');
      const current = await reviews.get(zoneId);
      const currentRevision = current?.revision ?? 0;
      if (currentRevision !== expectedRevision) throw new ConflictError('reviews', zoneId, expectedRevision, currentRevision);
      const saved: StoredZoneReview = { ...record, actions: [...record.actions], revision: currentRevision + 1, updatedAt: this.now().toISOString() };
      const changes = reviewChanges(draftOf(current), draftOf(saved));
      await reviews.put(saved);
      if (changes.length > 0) {
        const entry: StoredReviewHistoryEntry = { zoneId, at: saved.updatedAt, reviewer: saved.reviewer, revision: saved.revision, changes };
        await transaction.objectStore('reviewHistory').add(entry);
      }
      await done;
      this.reviews.notify(zoneId, saved.revision);
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

  /** Removes a zone's review for good; its history stays (it is append-only). */
  remove(id: string, expectedRevision?: number): Promise<void> {
    return this.reviews.remove(id, expectedRevision);
  }

  /** The zone's history, newest first. */
  async history(zoneId: string): Promise<StoredReviewHistoryEntry[]> {
    return orderHistory(await this.database.getAllFromIndex('reviewHistory', 'byZone', zoneId));
  }

  subscribe(listener: (change: ChangeNotice) => void): () => void {
    return this.reviews.subscribe(listener);
  }

  close(): void {
    this.reviews.close();
    if (this.ownsDatabase) this.database.close();
  }
}

/** The earlier name of ReviewRepository. */
export const ReviewStore = ReviewRepository;
