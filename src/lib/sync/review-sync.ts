/** Fire-zone reviews in the workspace: the local 'reviews' repository ↔ /api/reviews (keyed by zone id). */
import type { StoredZoneReview } from '../state/persistence/database';
import type { Repository } from '../state/persistence/repository';
import type { RemoteReview, RemoteReviewFields } from './api-client';
import { writeFromServer } from './plot-sync';
import type { SyncKind } from './sync-kind';

export type ReviewPayload = RemoteReviewFields;

/** A deadline belongs to an open order (the server keeps the last one after it is closed; it means nothing then). */
function orderDeadline(status: string, deadline: string | null | undefined): string | null {
  return status === '需整改' && deadline ? deadline : null;
}

/** The fields the server takes, from a local review or a server one alike. */
function payloadOf(review: Pick<StoredZoneReview, 'status' | 'reviewer' | 'reviewDate' | 'notes' | 'actions' | 'deadline'>): ReviewPayload {
  return {
    status: review.status,
    reviewer: review.reviewer,
    reviewDate: review.reviewDate,
    notes: review.notes,
    actions: [...review.actions],
    deadline: orderDeadline(review.status, review.deadline),
  };
}

/**
 * Reviews' remote twin. `store` is the local review repository opened with a sync origin (see
 * plotSync); its writes append to the zone's local history as any save does.
 */
export function reviewSync(store: Repository<StoredZoneReview>): SyncKind<RemoteReview> {
  return {
    type: 'reviews',
    storeName: 'reviews',
    idOf: (remote) => remote.zoneId,
    list: (api) => api.listReviews(),
    async fetchOne(api, id) {
      return api.getReview(id);
    },
    async readLocal(id) {
      const review = await store.get(id);
      return review ? payloadOf(review) : undefined;
    },
    localIds: async () => (await store.list()).map((review) => review.id),
    async applyRemote(remote) {
      if (remote.revision === 0) return;
      const { status, reviewDate, notes, actions } = remote;
      // Every local history entry names its author: a step without a reviewer (a station's report) is the updater's.
      // The deadline comes along, so that the officer's next edit of an open order is not refused for lacking it.
      await writeFromServer(store, {
        id: remote.zoneId,
        status,
        reviewer: remote.reviewer || remote.updatedBy,
        reviewDate,
        notes,
        actions: [...actions],
        deadline: orderDeadline(status, remote.deadline) ?? '',
      });
    },
    push: (api, id, payload, baseRevision) => api.putReview(id, baseRevision, payload as ReviewPayload),
    payloadOf: (remote) => payloadOf(remote),
    sameContent: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  };
}
