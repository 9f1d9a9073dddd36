/** Route guards: a signed-in user (401 otherwise) and, for writes, one of the allowed roles (403). */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Database } from '../db/adapter';
import { forbidden, unauthorized } from '../http/errors';
import type { AppEnv } from '../http/env';
import type { Role } from '../domain/roles';
import { SESSION_COOKIE, sessionUser } from './sessions';

export const requireUser =
  (db: Database): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await sessionUser(db, token) : undefined;
    if (!user) throw unauthorized();
    c.set('user', user);
    await next();
  };

export const allow =
  (...roles: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!roles.includes(c.get('user').role)) throw forbidden();
    await next();
  };
