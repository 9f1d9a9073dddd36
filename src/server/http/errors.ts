/**
 * Errors a route throws on purpose carry their status and a message for the user; anything else
 * becomes a generic 500 with an id, its details logged here only (never stack traces or SQL to a
 * client).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, extra?: Record<string, unknown>) => new HttpError(400, message, extra);
export const unauthorized = () => new HttpError(401, 'Sign in first / 请先登录');
export const forbidden = (message = 'Not allowed for your role / 您的角色无权执行此操作') => new HttpError(403, message);
export const notFound = (what = 'Not found / 未找到') => new HttpError(404, what);
/** A write based on an old revision: the body carries the record as it is now. */
export const conflict = (current: unknown) =>
  new HttpError(409, 'Changed by someone else since you loaded it / 该记录已被他人修改', { current });

export type Logger = (message: string, details?: unknown) => void;

export function handleError(error: unknown, c: Context, log: Logger): Response {
  if (error instanceof HttpError) return c.json({ error: error.message, ...error.extra }, error.status);
  // Hono's own HTTPException (e.g. from bodyLimit) carries a Response or a status.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return c.json({ error: status === 413 ? 'Request body too large / 请求内容过大' : 'Bad request / 请求无效' }, status as ContentfulStatusCode);
  }
  const id = randomUUID();
  log(`[error ${id}] ${c.req.method} ${new URL(c.req.url).pathname}`, error);
  return c.json({ error: 'Internal error / 服务器内部错误', id }, 500);
}
