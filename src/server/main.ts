/**
 * `npm run start:workspace`: the workspace server. Environment:
 *   PORT (5173), HOST (127.0.0.1), DATABASE_URL (a PostgreSQL server; default embedded PGlite in
 *   WORKSPACE_DATA_DIR, ./workspace-data), STATIC_DIR (dist), TRUST_PROXY=1 behind a reverse proxy,
 *   WORKSPACE_ADMIN_NAME + WORKSPACE_ADMIN_PASSWORD_FILE: create the first admin when there are no users.
 */
import { existsSync, readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { DEFAULT_TILE_ORIGINS } from './http/security';
import { EventHub } from './domain/events';
import { createUser } from './domain/users';
import { openWorkspace } from './open-workspace';

async function bootstrapAdmin(workspace: Awaited<ReturnType<typeof openWorkspace>>): Promise<void> {
  const name = process.env.WORKSPACE_ADMIN_NAME?.trim();
  const passwordFile = process.env.WORKSPACE_ADMIN_PASSWORD_FILE?.trim();
  if (!name || !passwordFile) return;
  const count = await workspace.db.query<{ n: number }>('select count(*)::int as n from users');
  if (count[0]!.n > 0) return;
  const password = readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  await createUser(workspace.db, 'bootstrap', { name, role: 'admin', townshipCode: null, password });
  console.log(`[workspace] created the first admin "${name}"`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const workspace = await openWorkspace('server');
  await bootstrapAdmin(workspace);
  const zones = await workspace.db.query<{ n: number }>('select count(*)::int as n from zones');
  if (zones[0]!.n === 0) console.warn('[workspace] no fire zones loaded (public/data/fire-zones.fgb missing: run npm run data:ensure); reviews will be refused');
  const events = new EventHub();
  await events.start(workspace.db);
  const staticDir = process.env.STATIC_DIR ?? 'dist';
  if (!existsSync(staticDir)) console.warn(`[workspace] ${staticDir}/ not found: serving the API only (run npm run build)`);
  const app = createApp({
    db: workspace.db,
    events,
    ...(existsSync(staticDir) ? { staticDir } : {}),
    trustProxy: process.env.TRUST_PROXY === '1',
    // TILE_ORIGINS adds basemap servers (e.g. an intranet Tianditu mirror) to the page's CSP.
    tileOrigins: [...DEFAULT_TILE_ORIGINS, ...(process.env.TILE_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean)],
  });
  const port = Number(process.env.PORT ?? 5173);
  const hostname = process.env.HOST ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port, hostname }, () => {
    const migrations = workspace.applied.length > 0 ? `, applied ${workspace.applied.join(', ')}` : '';
    console.log(`[workspace] http://${hostname}:${port}/ (${workspace.db.kind}${migrations}) ready in ${Date.now() - started} ms`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[workspace] ${signal}: stopping`);
    // Event streams never end by themselves: closing the hub ends them, then the server drains.
    await events.close();
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workspace.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('[workspace] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
