/**
 * Accounts, shared by the admin API and the `npm run user` command. Audit rows never contain the
 * password or its hash.
 */
import * as v from 'valibot';
import type { Database, Queryable } from '../db/adapter';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { deleteUserSessions } from '../auth/sessions';
import { badRequest, conflict, notFound } from '../http/errors';
import { iso, recordChange } from './changes';
import { ROLES, type Role, type SessionUser } from './roles';

export const userName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64), v.regex(/^[^\s<>"'&]+$/u, 'names have no spaces or < > " \' &'));
export const townshipCode = v.pipe(v.string(), v.regex(/^\d{9,12}$/, 'a township code is 9–12 digits, e.g. 500242001'));

interface UserRow {
  id: number;
  name: string;
  role: Role;
  township_code: string | null;
  disabled: boolean;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
  revision: number;
}

export function userJson(row: UserRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    townshipCode: row.township_code,
    disabled: row.disabled,
    lockedUntil: row.locked_until ? iso(row.locked_until) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    revision: row.revision,
  };
}
export type UserJson = ReturnType<typeof userJson>;

const COLUMNS = 'id, name, role, township_code, disabled, locked_until, created_at, updated_at, revision';

export async function listUsers(db: Queryable): Promise<UserJson[]> {
  return (await db.query<UserRow>(`select ${COLUMNS} from users order by id`)).map(userJson);
}

async function checkTownship(db: Queryable, role: Role, code: string | null): Promise<void> {
  if (role === 'station' && !code) throw badRequest('A station account needs a township code / 林业站账户需要乡镇代码');
  if (role !== 'station' && code) throw badRequest('Only station accounts have a township / 只有林业站账户绑定乡镇');
  if (code) {
    // Until the reference data is loaded any code is accepted; afterwards it must exist.
    const known = await db.query<{ n: number }>('select count(*)::int as n from townships');
    if (known[0]!.n > 0 && (await db.query('select 1 from townships where code = $1', [code])).length === 0) {
      throw badRequest(`Unknown township code ${code} / 未知乡镇代码`);
    }
  }
}

export interface NewUser {
  readonly name: string;
  readonly role: Role;
  readonly townshipCode: string | null;
  readonly password: string;
}

export async function createUser(db: Database, actor: SessionUser | string, input: NewUser): Promise<UserJson> {
  if (!(ROLES as readonly string[]).includes(input.role)) throw badRequest(`Unknown role / 未知角色: ${input.role}`);
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(problem);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await checkTownship(tx, input.role, input.townshipCode);
    const existing = await tx.query<UserRow>(`select ${COLUMNS} from users where name = $1`, [input.name]);
    if (existing[0]) throw conflict(userJson(existing[0]));
    const rows = await tx.query<UserRow>(
      `insert into users (name, role, township_code, password_hash) values ($1, $2, $3, $4) returning ${COLUMNS}`,
      [input.name, input.role, input.townshipCode, passwordHash],
    );
    const after = userJson(rows[0]!);
    await recordChange(tx, actor, { action: 'create', type: 'users', id: String(after.id), before: null, after, revision: after.revision });
    return after;
  });
}

export interface UserUpdate {
  readonly revision?: number;
  readonly role?: Role;
  readonly townshipCode?: string | null;
  readonly disabled?: boolean;
  readonly password?: string;
}

/** Changes an account by id or name; a new password or disabling ends its sessions. */
export async function updateUser(db: Database, actor: SessionUser | string, who: { id: number } | { name: string }, update: UserUpdate): Promise<UserJson> {
  if (update.password !== undefined) {
    const problem = passwordProblem(update.password);
    if (problem) throw badRequest(problem);
  }
  const passwordHash = update.password === undefined ? null : await hashPassword(update.password);
  return db.transaction(async (tx) => {
    const rows = 'id' in who
      ? await tx.query<UserRow>(`select ${COLUMNS} from users where id = $1 for update`, [who.id])
      : await tx.query<UserRow>(`select ${COLUMNS} from users where name = $1 for update`, [who.name]);
    if (!rows[0]) throw notFound('No such user / 没有该用户');
    const before = userJson(rows[0]);
    if (update.revision !== undefined && update.revision !== before.revision) throw conflict(before);
    const role = update.role ?? before.role;
    const township = update.townshipCode !== undefined ? update.townshipCode : role === 'station' ? before.townshipCode : null;
    await checkTownship(tx, role, township);
    const written = await tx.query<UserRow>(
      `update users set role = $2, township_code = $3, disabled = $4, password_hash = coalesce($5, password_hash),
       failed_logins = case when $5::text is null then failed_logins else 0 end,
       locked_until = case when $5::text is null then locked_until else null end,
       updated_at = now(), revision = revision + 1 where id = $1 returning ${COLUMNS}`,
      [before.id, role, township, update.disabled ?? before.disabled, passwordHash],
    );
    const after = userJson(written[0]!);
    if (passwordHash !== null || after.disabled || after.role !== before.role) await deleteUserSessions(tx, after.id);
    const action = passwordHash !== null && after.role === before.role && after.disabled === before.disabled ? 'reset-password' : after.disabled && !before.disabled ? 'disable' : 'update';
    await recordChange(tx, actor, { action, type: 'users', id: String(after.id), before, after, revision: after.revision });
    return after;
  });
}
