/** Small schema pieces shared by the routes. */
import * as v from 'valibot';
import { badRequest } from './errors';

/** Client-made ids (uuid or similar) so that an offline outbox can retry a create safely. */
export const recordId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,80}$/, 'ids are 1–80 letters, digits or _ . : -'));
export const revision = v.pipe(v.number(), v.integer(), v.minValue(1));
/** 0 for a record that does not exist yet (reviews and settings are keyed by a known name). */
export const baseRevision = v.pipe(v.number(), v.integer(), v.minValue(0));
export const text = (max: number, min = 0) => v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max));
export const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD'));

/** Path parameters go through the same check as body ids. */
export function pathId(value: string | undefined): string {
  const result = v.safeParse(recordId, value);
  if (!result.success) throw badRequest('Invalid id in the address / 地址中的编号无效');
  return result.output;
}

/** `?revision=N` on DELETE. */
export function queryRevision(value: string | undefined): number {
  const parsed = Number(value);
  if (!value || !Number.isInteger(parsed) || parsed < 1) throw badRequest('?revision=N is required / 需要 revision 参数');
  return parsed;
}
