/**
 * The rectification workflow on the server: the statuses, and the review's fields as the history
 * compares them. The rules of each step are shared with the browser's review form
 * (src/lib/sync/review-workflow.ts), so the form never queues what the server refuses.
 */
import { fieldChanges, type ReviewFields as SentReviewFields } from '../../lib/sync/review-workflow';

export { officerStep, type OfficerChange, type ReviewStep } from '../../lib/sync/review-workflow';

export const REVIEW_STATUSES = ['未审核', '已审核', '需整改', '已整改'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The fields the history compares: what the client sends plus the reason a report was sent back. */
export interface ReviewFields extends SentReviewFields {
  readonly returnReason: string;
}

const FIELDS = ['status', 'reviewer', 'reviewDate', 'notes', 'actions', 'deadline', 'returnReason'] as const satisfies readonly (keyof ReviewFields)[];

/** [field, before, after] for each field that differs, as the app's review history shows them. */
export function reviewChanges(before: ReviewFields, after: ReviewFields): [string, string, string][] {
  return fieldChanges(before, after, FIELDS);
}
