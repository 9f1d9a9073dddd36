import type { SessionUser } from '../domain/roles';

/** Hono context variables set by the middleware. */
export interface AppEnv {
  Variables: { user: SessionUser };
}
