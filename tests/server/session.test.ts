/** The contract's session routes, login throttling and lockout, CSRF origin check, headers, error hygiene. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LoginLimiter } from '../../src/server/auth/login-limiter';
import { ORIGIN, PASSWORD, startWorkspace, type TestWorkspace } from './harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace({ loginLimiter: new LoginLimiter(60) });
});
afterAll(() => ws?.close());

describe('contract', () => {
  test('GET /api/health → 200 {ok, database}', async () => {
    const response = await ws.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: process.env.DATABASE_URL ? 'postgresql' : 'pglite', schema: '002-rectification-and-layers' });
  });

  test('sign in → HttpOnly SameSite=Strict cookie; /api/plots 401 without, 200 array with; sign out ends it', async () => {
    expect((await ws.request('GET', '/api/plots')).status).toBe(401);
    const response = await ws.request('POST', '/api/session', { json: { name: 'viewer', password: PASSWORD } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { name: 'viewer', role: 'viewer' } });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0]!;
    const plots = await ws.request('GET', '/api/plots', { headers: { cookie } });
    expect(plots.status).toBe(200);
    expect(Array.isArray(await plots.json())).toBe(true);
    expect((await ws.request('DELETE', '/api/session', { headers: { cookie } })).status).toBe(200);
    expect((await ws.request('GET', '/api/plots', { headers: { cookie } })).status).toBe(401);
  });

  test('wrong password and unknown name → the same 401', async () => {
    const wrong = await ws.request('POST', '/api/session', { json: { name: 'planner', password: 'not the password' } });
    const unknown = await ws.request('POST', '/api/session', { json: { name: 'nobody', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  test('behind an https proxy the cookie is Secure', async () => {
    const response = await ws.request('POST', '/api/session', { json: { name: 'viewer', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https', origin: 'https://127.0.0.1:5173' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
  });
});

describe('brute force', () => {
  test('five wrong passwords lock the account, even for the right one; an admin reset unlocks it', async () => {
    await ws.request('POST', '/api/users', { as: 'admin', json: { name: 'target', role: 'viewer', password: 'the right password' } });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await ws.request('POST', '/api/session', { json: { name: 'target', password: `guess ${attempt}` } })).status).toBe(401);
    }
    const locked = await ws.request('POST', '/api/session', { json: { name: 'target', password: 'the right password' } });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: string }).error).toMatch(/locked/);
    const [user] = await ws.db.query<{ id: number; revision: number }>("select id, revision from users where name = 'target'");
    expect((await ws.request('PUT', `/api/users/${user!.id}`, { as: 'admin', json: { revision: user!.revision, password: 'a fresh password' } })).status).toBe(200);
    expect((await ws.request('POST', '/api/session', { json: { name: 'target', password: 'a fresh password' } })).status).toBe(200);
  });

  test('one address is throttled after its limit', () => {
    const limiter = new LoginLimiter(3, 60_000);
    expect([1, 2, 3, 4].map(() => limiter.allow('10.0.0.1', 1_000))).toEqual([true, true, true, false]);
    expect(limiter.allow('10.0.0.2', 1_000)).toBe(true);
    expect(limiter.allow('10.0.0.1', 62_000)).toBe(true);
  });
});

describe('CSRF origin check', () => {
  test('an unsafe request from another origin → 403, from ours → allowed', async () => {
    const body = { revision: 0, value: 1 };
    expect((await ws.request('PUT', '/api/settings/csrf', { as: 'admin', json: body, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await ws.request('PUT', '/api/settings/csrf', { as: 'admin', json: body, headers: { origin: 'null' } })).status).toBe(403);
    expect((await ws.request('PUT', '/api/settings/csrf', { as: 'admin', json: body, headers: { origin: '', 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await ws.request('DELETE', '/api/session', { as: 'admin', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await ws.request('PUT', '/api/settings/csrf', { as: 'admin', json: body, headers: { origin: ORIGIN } })).status).toBe(200);
    expect(await ws.db.query("select 1 from settings where key = 'csrf'")).toHaveLength(1);
  });
});

describe('headers and errors', () => {
  test('security headers and a CSP that lets MapLibre run', async () => {
    const response = await ws.request('GET', '/api/health');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    // Only WebAssembly compilation (sql.js for MBTiles) is allowed: no inline script, no eval.
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval|hashes)'/);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    // Online basemaps: Tianditu and OpenStreetMap tiles.
    expect(csp).toMatch(/connect-src [^;]*https:\/\/\*\.tianditu\.gov\.cn/);
    expect(csp).toMatch(/connect-src [^;]*https:\/\/tile\.openstreetmap\.org/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test('an unknown API route → 404 JSON', async () => {
    const response = await ws.request('GET', '/api/nothing', { as: 'viewer' });
    expect(response.status).toBe(404);
    expect(await response.json()).toHaveProperty('error');
  });

  test('a database failure → generic 500 with an id; the SQL error is only logged', async () => {
    const broken = await startWorkspace({
      wrapDb: (db) => ({
        ...db,
        query: (sql, params) => (/from plots/.test(sql) ? Promise.reject(new Error('relation "plots_secret" does not exist')) : db.query(sql, params)),
      }),
    });
    try {
      const response = await broken.request('GET', '/api/plots', { as: 'viewer' });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toMatch(/plots_secret|relation|at .*\.ts/);
      const { id } = JSON.parse(text) as { id: string };
      expect(broken.logged.some((entry) => String(entry[0]).includes(id) && String(entry[1]).includes('plots_secret'))).toBe(true);
      // Nothing logged carries a password or a session cookie.
      expect(JSON.stringify(broken.logged.map((entry) => String(entry)))).not.toMatch(new RegExp(`${PASSWORD}|workspace_session=`));
    } finally {
      await broken.close();
    }
  });
});
