/**
 * The rectification workflow on the server: the statuses, and the review's fields as the history
 * compares them. The rules of each step are shared with the browser's review form
 * (src/lib/sync/review-workflow.ts), so the form never queues what the server refuses.
 */
export { officerStep, type OfficerChange, type ReviewStep } from '../../lib/sync/review-workflow';

export const REVIEW_STATUSES = ['未审核', '已审核', '需整改', '已整改'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewFields {
  readonly status: string;
  readonly reviewer: string;
  readonly reviewDate: string;
  readonly notes: string;
  readonly actions: readonly string[];
  readonly deadline: string | null;
  readonly returnReason: string;
}

const FIELDS: readonly (keyof ReviewFields)[] = ['status', 'reviewer', 'reviewDate', 'notes', 'actions', 'deadline', 'returnReason'];

function fieldText(review: ReviewFields, field: keyof ReviewFields): string {
  const value = review[field];
  return Array.isArray(value) ? [...value].sort().join('、') : String(value ?? '');
}

/** [field, before, after] for each field that differs, as the app's review history shows them. */
export function reviewChanges(before: ReviewFields, after: ReviewFields): [string, string, string][] {
  const changes: [string, string, string][] = [];
  for (const field of FIELDS) {
    const previous = fieldText(before, field);
    const next = fieldText(after, field);
    if (previous !== next) changes.push([field, previous, next]);
  }
  return changes;
}
