/**
 * The workspace server as a Hono app: security middleware, the JSON API under /api/ and, when a
 * directory is given, the built app as static files. No listening here (see main.ts), so tests
 * drive it in-process with app.request().
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from './db/adapter';
import type { EventHub } from './domain/events';
import { LoginLimiter } from './auth/login-limiter';
import { requireUser } from './auth/middleware';
import type { AppEnv } from './http/env';
import { handleError, type Logger, notFound } from './http/errors';
import { originCheck, securityHeaders } from './http/security';
import { workspacePage } from './http/workspace-page';
import { auditRoutes } from './routes/audit';
import { eventRoutes } from './routes/events';
import { facilityRoutes } from './routes/facilities';
import { healthRoutes } from './routes/health';
import { layerRoutes } from './routes/layers';
import { plotRoutes } from './routes/plots';
import { photoRoutes, reviewRoutes } from './routes/reviews';
import { sessionRoutes } from './routes/session';
import { settingRoutes } from './routes/settings';
import { userRoutes } from './routes/users';
import { zoneRoutes } from './routes/zones';

export interface AppOptions {
  readonly db: Database;
  readonly events: EventHub;
  /** Directory of the built app (dist/); omitted → API only. */
  readonly staticDir?: string;
  /** Trust X-Forwarded-For from a reverse proxy for the client address (login throttling). */
  readonly trustProxy?: boolean;
  readonly log?: Logger;
  readonly loginLimiter?: LoginLimiter;
  /** Basemap tile servers the page may use (CSP); defaults to Tianditu and OpenStreetMap. */
  readonly tileOrigins?: readonly string[];
}

export const JSON_BODY_LIMIT = 4 * 1024 * 1024;
export const REPORT_BODY_LIMIT = 20 * 1024 * 1024;

function isSecure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { db } = options;
  const log: Logger = options.log ?? ((message, details) => console.error(message, details));
  const trustProxy = options.trustProxy ?? false;
  const clientAddress = (c: Context): string => {
    const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    if (forwarded) return forwarded;
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // in-process requests (tests) have no socket
    }
  };

  const app = new Hono<AppEnv>();
  app.onError((error, c) => handleError(error, c, log));
  app.use('*', securityHeaders(options.tileOrigins));

  const api = new Hono<AppEnv>();
  api.use('*', originCheck());
  const tooLarge = (c: Context) => c.json({ error: 'Request body too large / 请求内容过大' }, 413);
  const jsonLimit = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge });
  const reportLimit = bodyLimit({ maxSize: REPORT_BODY_LIMIT, onError: tooLarge });
  api.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/layers')) return next(); // the layer route has its own, larger limit
    return (/^\/api\/reviews\/[^/]+\/report$/.test(path) ? reportLimit : jsonLimit)(c, next);
  });
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
  });

  api.route('/health', healthRoutes(db));
  api.route('/session', sessionRoutes(db, { isSecure, clientAddress, ...(options.loginLimiter ? { limiter: options.loginLimiter } : {}) }));

  const signedIn = requireUser(db);
  for (const prefix of ['/plots', '/reviews', '/photos', '/facilities', '/layers', '/settings', '/users', '/audit', '/events', '/zones', '/townships']) {
    api.use(prefix, signedIn);
    api.use(`${prefix}/*`, signedIn);
  }
  api.route('/plots', plotRoutes(db));
  api.route('/reviews', reviewRoutes(db));
  api.route('/photos', photoRoutes(db));
  api.route('/facilities', facilityRoutes(db));
  api.route('/layers', layerRoutes(db));
  api.route('/settings', settingRoutes(db));
  api.route('/users', userRoutes(db));
  api.route('/audit', auditRoutes(db));
  api.route('/events', eventRoutes(options.events));
  api.route('/', zoneRoutes(db));
  api.all('*', () => {
    throw notFound('No such API route / 没有该接口');
  });
  app.route('/api', api);

  if (options.staticDir) {
    const root = options.staticDir;
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    // The page itself carries the workspace marker (workspace-page.ts).
    const page = workspacePage(root);
    app.get('/', page);
    app.get('/index.html', page);
    app.use('*', serveStatic({ root }));
    // Any other page address is the single-page app.
    app.get('*', page);
  }
  return app;
}
