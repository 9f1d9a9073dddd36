/**
 * The e2e workspace server fixture itself: the API answers, every seeded account signs in, the
 * records need a session, and the e2e build is served from the same origin.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInCookie, startWorkspaceServer, WORKSPACE_ACCOUNTS, type WorkspaceServer } from './workspace-server';

describe('workspace server fixture', () => {
  let server: WorkspaceServer;

  beforeAll(async () => {
    server = await startWorkspaceServer({ staticDir: inject('buildDir') });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /api/health with the embedded database', async () => {
    const response = await fetch(new URL('api/health', server.baseUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: 'pglite' });
  });

  it('refuses the records without a session and serves them with one', async () => {
    expect((await fetch(new URL('api/plots', server.baseUrl))).status).toBe(401);
    for (const account of WORKSPACE_ACCOUNTS) {
      const cookie = await signInCookie(server.baseUrl, server.users[account]);
      const plots = await fetch(new URL('api/plots', server.baseUrl), { headers: { cookie } });
      expect(plots.status, account).toBe(200);
      expect(await plots.json()).toEqual([]);
    }
  });

  it('binds the stations to the townships of its two zones', () => {
    expect(server.users.station.townshipCode).toBe(server.stationZone.townshipCode);
    expect(server.users.stationOther.townshipCode).toBe(server.otherZone.townshipCode);
    expect(server.stationZone.townshipCode).not.toBe(server.otherZone.townshipCode);
  });

  it('serves the built app', async () => {
    const page = await fetch(server.baseUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
  });
});
