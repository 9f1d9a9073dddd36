/** Accounts: admins only. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Database } from '../db/adapter';
import { ROLES } from '../domain/roles';
import { createUser, listUsers, townshipCode, updateUser, userName } from '../domain/users';
import { allow } from '../auth/middleware';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords';
import type { AppEnv } from '../http/env';
import { badRequest } from '../http/errors';
import { revision } from '../http/schemas';
import { jsonBody } from '../http/validate';

const password = v.pipe(v.string(), v.maxLength(MAX_PASSWORD_LENGTH));
const createSchema = v.strictObject({ name: userName, role: v.picklist(ROLES), townshipCode: v.optional(v.nullable(townshipCode), null), password });
const updateSchema = v.strictObject({
  revision,
  role: v.optional(v.picklist(ROLES)),
  townshipCode: v.optional(v.nullable(townshipCode)),
  disabled: v.optional(v.boolean()),
  password: v.optional(password),
});

export function userRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  app.use('*', allow('admin'));

  app.get('/', async (c) => c.json(await listUsers(db)));

  app.post('/', async (c) => {
    const body = await jsonBody(c, createSchema);
    return c.json(await createUser(db, c.get('user'), body), 201);
  });

  app.put('/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) throw badRequest('Invalid user id / 用户编号无效');
    const body = await jsonBody(c, updateSchema);
    return c.json(await updateUser(db, c.get('user'), { id }, body));
  });

  return app;
}
