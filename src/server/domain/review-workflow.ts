/**
 * The rectification workflow's rules, pure: which status change each role may make and what the
 * history calls the step. Statuses as in src/lib/state/fire/review-model.ts.
 *
 *   fire officer: any → 未审核 / 已审核 / 需整改 (an order: actions and a deadline required);
 *                 已整改 → 已审核 (accepted) or → 需整改 (returned: a reason required); never → 已整改.
 *   station:      需整改 → 已整改 (reported, with notes and photos), only on its own township's zones.
 */
export const REVIEW_STATUSES = ['未审核', '已审核', '需整改', '已整改'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ReviewStep = 'edit' | 'reviewed' | 'ordered' | 'reported' | 'accepted' | 'returned';

export interface OfficerChange {
  readonly status: ReviewStatus;
  readonly actions: readonly string[];
  readonly deadline: string | null;
  readonly reason: string;
}

/** The step an officer's change makes, or the reason (zh / en) it is refused. */
export function officerStep(from: ReviewStatus, change: OfficerChange): { step: ReviewStep } | { refused: string; status: 400 | 403 } {
  const to = change.status;
  if (to === '已整改' && from !== '已整改') {
    return { refused: 'Only the township station reports rectification / 只有乡镇林业站可以报告已整改', status: 403 };
  }
  if (to === '需整改' && (change.actions.length === 0 || !change.deadline)) {
    return { refused: 'A rectification order needs required actions and a deadline / 整改通知需要整改措施和期限', status: 400 };
  }
  if (from === '已整改') {
    if (to === '已审核') return { step: 'accepted' };
    if (to === '需整改') {
      if (!change.reason) return { refused: 'Sending a report back needs a reason / 退回整改需要填写原因', status: 400 };
      return { step: 'returned' };
    }
    if (to === '已整改') return { step: 'edit' };
    return { refused: 'A reported rectification is accepted or sent back / 已整改的记录只能验收或退回', status: 400 };
  }
  if (to === from) return { step: 'edit' };
  if (to === '需整改') return { step: 'ordered' };
  if (to === '已审核') return { step: 'reviewed' };
  return { step: 'edit' };
}

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
