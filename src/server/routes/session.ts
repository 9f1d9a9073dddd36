/**
 * Signing in and out. Wrong name or password → 401 (the same answer and about the same time for
 * both); too many attempts from one address → 429; an account with MAX_FAILED_LOGINS failures in
 * a row is locked for LOCKOUT_MINUTES.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Database } from '../db/adapter';
import type { Role } from '../domain/roles';
import { LOCKOUT_MINUTES, LoginLimiter, MAX_FAILED_LOGINS } from '../auth/login-limiter';
import { requireUser } from '../auth/middleware';
import { MAX_PASSWORD_LENGTH, timingDummyHash, verifyPassword } from '../auth/passwords';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS } from '../auth/sessions';
import type { AppEnv } from '../http/env';
import { HttpError } from '../http/errors';
import { jsonBody } from '../http/validate';

const loginSchema = v.strictObject({ name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)), password: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PASSWORD_LENGTH)) });

export interface SessionRouteOptions {
  /** Whether the browser reached us over https (directly or through the proxy). */
  readonly isSecure: (c: Context) => boolean;
  /** The client's address for throttling. */
  readonly clientAddress: (c: Context) => string;
  readonly limiter?: LoginLimiter;
}

interface LoginRow {
  id: number;
  name: string;
  role: Role;
  township_code: string | null;
  password_hash: string;
  disabled: boolean;
  locked: boolean;
}

const WRONG = () => new HttpError(401, 'Wrong name or password / 用户名或密码错误');

export function sessionRoutes(db: Database, options: SessionRouteOptions) {
  const app = new Hono<AppEnv>();
  const limiter = options.limiter ?? new LoginLimiter();

  app.post('/', async (c) => {
    if (!limiter.allow(options.clientAddress(c))) throw new HttpError(429, 'Too many sign-in attempts, try again later / 登录尝试过多，请稍后再试');
    const body = await jsonBody(c, loginSchema);
    const rows = await db.query<LoginRow>(
      `select id, name, role, township_code, password_hash, disabled, coalesce(locked_until > now(), false) as locked from users where name = $1`,
      [body.name],
    );
    const user = rows[0];
    if (!user || user.disabled) {
      await verifyPassword(await timingDummyHash(), body.password);
      throw WRONG();
    }
    if (user.locked) throw new HttpError(429, `Account locked after ${MAX_FAILED_LOGINS} failed sign-ins; try again in ${LOCKOUT_MINUTES} minutes / 登录失败次数过多，账户已锁定 ${LOCKOUT_MINUTES} 分钟`);
    if (!(await verifyPassword(user.password_hash, body.password))) {
      await db.query(
        `update users set failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end,
         locked_until = case when failed_logins + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end where id = $1`,
        [user.id, MAX_FAILED_LOGINS, LOCKOUT_MINUTES],
      );
      throw WRONG();
    }
    await db.query('update users set failed_logins = 0, locked_until = null where id = $1', [user.id]);
    const token = await createSession(db, user.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: options.isSecure(c),
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
    });
    return c.json({ user: { id: user.id, name: user.name, role: user.role, townshipCode: user.township_code } });
  });

  app.get('/', requireUser(db), (c) => c.json({ user: c.get('user') }));

  app.delete('/', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: options.isSecure(c), httpOnly: true, sameSite: 'Strict' });
    return c.json({ ok: true });
  });

  return app;
}
