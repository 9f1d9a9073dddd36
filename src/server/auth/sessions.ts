/**
 * Sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored, so a database
 * dump holds no usable session. Sliding expiry.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/adapter';
import type { Role, SessionUser } from '../domain/roles';

export const SESSION_COOKIE = 'workspace_session';
export const SESSION_DAYS = 14;
const DAY_MS = 86_400_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Queryable, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(`insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(days => $3))`, [
    tokenHash(token),
    userId,
    SESSION_DAYS,
  ]);
  return token;
}

interface SessionRow {
  id: number;
  name: string;
  role: Role;
  township_code: string | null;
  expires_at: Date | string;
}

/** The signed-in user of a token, or undefined (unknown, expired, or the account disabled). */
export async function sessionUser(db: Queryable, token: string): Promise<SessionUser | undefined> {
  const hash = tokenHash(token);
  const rows = await db.query<SessionRow>(
    `select u.id, u.name, u.role, u.township_code, s.expires_at from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now() and not u.disabled`,
    [hash],
  );
  const row = rows[0];
  if (!row) return undefined;
  // Extend at most once a day per session rather than on every request.
  if (new Date(row.expires_at).getTime() - Date.now() < (SESSION_DAYS - 1) * DAY_MS) {
    await db.query(`update sessions set expires_at = now() + make_interval(days => $2) where token_hash = $1`, [hash, SESSION_DAYS]);
  }
  return { id: row.id, name: row.name, role: row.role, townshipCode: row.township_code };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash(token)]);
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('delete from sessions where user_id = $1', [userId]);
}
