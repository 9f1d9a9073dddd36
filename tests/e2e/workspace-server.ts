/**
 * A real workspace server for the e2e tests: the same pieces as src/server/main.ts (migrations,
 * the county's townships and fire zones from public/data, the Hono app serving the e2e build and
 * /api) in this process, on a free port, with embedded PGlite in a temporary directory and one
 * account per role. stop() ends the event streams, the server and the database and removes the
 * directory. One per test file: PGlite takes a few seconds to start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/server/app';
import { LoginLimiter } from '../../src/server/auth/login-limiter';
import { EventHub } from '../../src/server/domain/events';
import type { Role } from '../../src/server/domain/roles';
import { createUser } from '../../src/server/domain/users';
import { openWorkspace } from '../../src/server/open-workspace';

export const WORKSPACE_PASSWORD = 'e2e correct horse battery';

/** Account name per key; 'station' belongs to the township of the first fire zone, 'stationOther' to another. */
export const WORKSPACE_ACCOUNTS = ['admin', 'planner', 'fire_officer', 'station', 'stationOther', 'viewer'] as const;
export type WorkspaceAccount = (typeof WORKSPACE_ACCOUNTS)[number];

export interface WorkspaceUser {
  readonly name: string;
  readonly password: string;
  readonly role: Role;
  readonly townshipCode: string | null;
}

export interface FireZoneRef {
  readonly zoneId: string;
  readonly name: string;
  readonly townshipCode: string;
}

export interface WorkspaceServer {
  /** "http://127.0.0.1:PORT/" */
  readonly baseUrl: string;
  readonly users: Record<WorkspaceAccount, WorkspaceUser>;
  /** A fire zone in the station's township, and one in another township. */
  readonly stationZone: FireZoneRef;
  readonly otherZone: FireZoneRef;
  stop(): Promise<void>;
}

const ROLE_OF: Record<WorkspaceAccount, Role> = {
  admin: 'admin',
  planner: 'planner',
  fire_officer: 'fire_officer',
  station: 'station',
  stationOther: 'station',
  viewer: 'viewer',
};

/** Starts the server; `staticDir` is the e2e build (inject('buildDir')), omitted → API only. */
export async function startWorkspaceServer(options: { staticDir?: string } = {}): Promise<WorkspaceServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forest-map-workspace-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const workspace = await openWorkspace('e2e', { dataDir });
    cleanups.push(() => workspace.close());

    const zones = await workspace.db.query<{ zone_id: string; name: string; township_code: string }>(
      'select zone_id, name, township_code from zones order by zone_id',
    );
    const first = zones[0];
    const other = zones.find((zone) => zone.township_code !== first?.township_code);
    if (!first || !other) throw new Error('workspace e2e server: public/data has no fire zones in two townships (run npm run data:ensure)');
    const zoneRef = (row: typeof first): FireZoneRef => ({ zoneId: row.zone_id, name: row.name, townshipCode: row.township_code });

    const users = {} as Record<WorkspaceAccount, WorkspaceUser>;
    for (const name of WORKSPACE_ACCOUNTS) {
      const role = ROLE_OF[name];
      const townshipCode = name === 'station' ? first.township_code : name === 'stationOther' ? other.township_code : null;
      await createUser(workspace.db, 'e2e-setup', { name, role, townshipCode, password: WORKSPACE_PASSWORD });
      users[name] = { name, password: WORKSPACE_PASSWORD, role, townshipCode };
    }

    const events = new EventHub();
    await events.start(workspace.db);
    let eventsClosed: Promise<void> | undefined;
    const closeEvents = () => (eventsClosed ??= events.close());
    cleanups.push(closeEvents);
    const app = createApp({
      db: workspace.db,
      events,
      ...(options.staticDir ? { staticDir: options.staticDir } : {}),
      // Tests sign in many times from one address.
      loginLimiter: new LoginLimiter(1_000),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    cleanups.push(async () => {
      // Event streams never end by themselves: closing the hub ends them, then the server drains (as main.ts).
      await closeEvents();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const { port } = server.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}/`, users, stationZone: zoneRef(first), otherZone: zoneRef(other), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in through the API and returns the session cookie ("name=value"). */
export async function signInCookie(baseUrl: string, user: WorkspaceUser): Promise<string> {
  const response = await fetch(new URL('api/session', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: JSON.stringify({ name: user.name, password: user.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in ${user.name}: HTTP ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** Signs in through the app's dialog and waits until live updates are connected. */
export async function signInThroughUi(page: Page, user: WorkspaceUser): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-in-name').fill(user.name);
  await page.getByTestId('sign-in-password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('workspace-user').waitFor();
  await page.locator('[data-testid="sync-status"][data-connection="online"]').waitFor({ timeout: 60_000 });
}

/** Polls `read` until `done` says yes; fails naming `what` and the last value after `timeout` ms. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
