/**
 * Fire-zone reviews: statuses, required actions, and the history of changes (who, when, what).
 * Pure functions; persistence is review-store.ts.
 */
import type { StoredReviewHistoryEntry, StoredZoneReview } from '../persistence/database';
import type { LocalizedText } from '../../i18n/locale';
import { fieldChanges } from '../../sync/review-workflow';

export const REVIEW_STATUSES = ['未审核', '已审核', '需整改', '已整改'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, LocalizedText> = {
  未审核: { zh: '未审核', en: 'Not reviewed' },
  已审核: { zh: '已审核', en: 'Reviewed' },
  需整改: { zh: '需整改', en: 'Needs fixing' },
  已整改: { zh: '已整改', en: 'Fixed' },
};

export const REQUIRED_ACTIONS: readonly { readonly id: string; readonly label: LocalizedText }[] = [
  { id: '防火隔离带', label: { zh: '开设防火隔离带', en: 'Cut a firebreak' } },
  { id: '取水点', label: { zh: '建设取水点', en: 'Build a water point' } },
  { id: '巡护', label: { zh: '加强巡护', en: 'Step up patrols' } },
  { id: '清理可燃物', label: { zh: '清理林下可燃物', en: 'Clear understorey fuel' } },
  { id: '视频监控', label: { zh: '增设视频监控', en: 'Add camera monitoring' } },
  { id: '宣传', label: { zh: '防火宣传', en: 'Fire-prevention publicity' } },
];

/** What the review form edits. */
export interface ReviewDraft {
  readonly status: ReviewStatus;
  readonly reviewer: string;
  readonly reviewDate: string;
  readonly notes: string;
  readonly actions: readonly string[];
  /** A 需整改 order's deadline (YYYY-MM-DD), '' when none. */
  readonly deadline?: string;
}

export const EMPTY_REVIEW: ReviewDraft = { status: '未审核', reviewer: '', reviewDate: '', notes: '', actions: [], deadline: '' };

export function draftOf(review: StoredZoneReview | undefined): ReviewDraft {
  if (!review) return EMPTY_REVIEW;
  const status = (REVIEW_STATUSES as readonly string[]).includes(review.status) ? (review.status as ReviewStatus) : '未审核';
  return { status, reviewer: review.reviewer, reviewDate: review.reviewDate, notes: review.notes, actions: [...review.actions], deadline: review.deadline ?? '' };
}

/** A 需整改 draft without required actions or a deadline: not yet an order. */
export function isIncompleteOrder(draft: Pick<ReviewDraft, 'status' | 'actions' | 'deadline'>): boolean {
  return draft.status === '需整改' && (draft.actions.length === 0 || !draft.deadline);
}

/** Reviews are attributed: a draft is saved only once it names its reviewer. */
export function hasReviewer(draft: { readonly reviewer: string }): boolean {
  return draft.reviewer.trim() !== '';
}

/** Today's date in the user's time zone, as a date input holds it (YYYY-MM-DD). */
export function localDateText(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const FIELDS = ['status', 'reviewer', 'reviewDate', 'notes', 'actions', 'deadline'] as const satisfies readonly (keyof ReviewDraft)[];

/** The fields that differ between two versions of a review: [field, before, after]. */
export function reviewChanges(before: ReviewDraft, after: ReviewDraft): [string, string, string][] {
  return fieldChanges(before, after, FIELDS);
}

/** Newest first; entries of the same instant by revision, newest first. */
export function orderHistory(entries: readonly StoredReviewHistoryEntry[]): StoredReviewHistoryEntry[] {
  return [...entries].sort((a, b) => (a.at === b.at ? b.revision - a.revision : a.at < b.at ? 1 : -1));
}
