/**
 * The rectification workflow's rules, pure and shared by the server (which enforces them,
 * src/server/domain/review-workflow.ts) and the review form in workspace mode (which holds a
 * change the server would refuse instead of queuing it): which status change a fire officer may
 * make and what the history calls the step.
 *
 *   fire officer: any → 未审核 / 已审核 / 需整改 (an order: actions and a deadline required);
 *                 已整改 → 已审核 (accepted) or → 需整改 (returned: a reason required); never → 已整改.
 *   station:      需整改 → 已整改 (reported, with notes and photos), only on its own township's zones.
 */

/** A review's fields as the client sends them and the server stores them. */
export interface ReviewFields {
  readonly status: string;
  readonly reviewer: string;
  readonly reviewDate: string;
  readonly notes: string;
  readonly actions: readonly string[];
  readonly deadline: string | null;
}

function fieldText(value: unknown): string {
  return Array.isArray(value) ? [...(value as unknown[])].sort().join('、') : String(value ?? '');
}

/**
 * [field, before, after] for each of `fields` that differs, as the review history shows them (a
 * list sorted and joined with 、, so reordering actions is no change). The server's history and
 * the form's "anything to save?" both compare this way.
 */
export function fieldChanges<F extends string>(before: Readonly<Partial<Record<F, unknown>>>, after: Readonly<Partial<Record<F, unknown>>>, fields: readonly F[]): [string, string, string][] {
  const changes: [string, string, string][] = [];
  for (const field of fields) {
    const previous = fieldText(before[field]);
    const next = fieldText(after[field]);
    if (previous !== next) changes.push([field, previous, next]);
  }
  return changes;
}

export type ReviewStep = 'edit' | 'reviewed' | 'ordered' | 'reported' | 'accepted' | 'returned';

export interface OfficerChange {
  readonly status: string;
  readonly actions: readonly string[];
  readonly deadline: string | null;
  readonly reason: string;
}

/** Why a change is refused, for the form's own message. */
export type OfficerRefusal = 'station-only' | 'order-incomplete' | 'reason-needed' | 'accept-or-return';

/** The step an officer's change makes, or the reason (zh / en) it is refused. */
export function officerStep(from: string, change: OfficerChange): { step: ReviewStep } | { refused: string; rule: OfficerRefusal; status: 400 | 403 } {
  const to = change.status;
  if (to === '已整改' && from !== '已整改') {
    return { refused: 'Only the township station reports rectification / 只有乡镇林业站可以报告已整改', rule: 'station-only', status: 403 };
  }
  if (to === '需整改' && (change.actions.length === 0 || !change.deadline)) {
    return { refused: 'A rectification order needs required actions and a deadline / 整改通知需要整改措施和期限', rule: 'order-incomplete', status: 400 };
  }
  if (from === '已整改') {
    if (to === '已审核') return { step: 'accepted' };
    if (to === '需整改') {
      if (!change.reason) return { refused: 'Sending a report back needs a reason / 退回整改需要填写原因', rule: 'reason-needed', status: 400 };
      return { step: 'returned' };
    }
    if (to === '已整改') return { step: 'edit' };
    return { refused: 'A reported rectification is accepted or sent back / 已整改的记录只能验收或退回', rule: 'accept-or-return', status: 400 };
  }
  if (to === from) return { step: 'edit' };
  if (to === '需整改') return { step: 'ordered' };
  if (to === '已审核') return { step: 'reviewed' };
  return { step: 'edit' };
}
