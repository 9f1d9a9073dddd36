/**
 * The authorisation matrix: every role (and nobody) × every route. Each case prepares its own
 * record so that an allowed call succeeds on its own; a refused one must be 403 (401 signed out).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACCOUNTS, type Account, facilityBody, newId, photo, plotBody, startWorkspace, type TestWorkspace, ZONE_A, ZONE_B } from './harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
});
afterAll(() => ws?.close());

interface Call {
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
  readonly body?: BodyInit;
  readonly headers?: Record<string, string>;
}

interface Route {
  readonly name: string;
  /** Who may call it (everyone signed in when 'all'). */
  readonly allowed: readonly Account[] | 'all';
  readonly prepare: () => Promise<Call>;
}

async function created(as: Account, path: string, json: unknown): Promise<{ id: string; revision: number }> {
  const response = await ws.request('POST', path, { as, json });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; revision: number };
}

async function fgbBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const { geojson } = await import('flatgeobuf');
  return new Uint8Array(geojson.serialize({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { NAME: 'x' }, geometry: { type: 'Point', coordinates: [108.8, 28.8] } }] } as never));
}

async function orderRectification(zoneId: string): Promise<number> {
  const current = (await (await ws.request('GET', `/api/reviews/${zoneId}`, { as: 'viewer' })).json()) as { review: { revision: number; status: string } };
  if (current.review.status === '需整改') return current.review.revision;
  const response = await ws.request('PUT', `/api/reviews/${zoneId}`, {
    as: 'fire_officer',
    json: { revision: current.review.revision, status: '需整改', reviewer: '', reviewDate: '', notes: '', actions: ['巡护'], deadline: '2026-12-31', ...(current.review.status === '已整改' ? { reason: '照片不清楚' } : {}) },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { revision: number }).revision;
}

const get = (path: string) => async (): Promise<Call> => ({ method: 'GET', path });

const ROUTES: Route[] = [
  { name: 'GET /api/session', allowed: 'all', prepare: get('/api/session') },
  { name: 'GET /api/plots', allowed: 'all', prepare: get('/api/plots') },
  { name: 'GET /api/plots/:id', allowed: 'all', prepare: async () => ({ method: 'GET', path: `/api/plots/${(await created('planner', '/api/plots', plotBody())).id}` }) },
  { name: 'POST /api/plots', allowed: ['planner'], prepare: async () => ({ method: 'POST', path: '/api/plots', json: plotBody() }) },
  {
    name: 'PUT /api/plots/:id',
    allowed: ['planner'],
    prepare: async () => {
      const plot = await created('planner', '/api/plots', plotBody());
      const { id, ...fields } = plotBody(plot.id, '改名');
      return { method: 'PUT', path: `/api/plots/${id}`, json: { ...fields, revision: plot.revision } };
    },
  },
  {
    name: 'DELETE /api/plots/:id',
    allowed: ['planner'],
    prepare: async () => {
      const plot = await created('planner', '/api/plots', plotBody());
      return { method: 'DELETE', path: `/api/plots/${plot.id}?revision=${plot.revision}` };
    },
  },
  { name: 'GET /api/reviews', allowed: 'all', prepare: get('/api/reviews') },
  { name: 'GET /api/reviews/:zone', allowed: 'all', prepare: get(`/api/reviews/${ZONE_B}`) },
  {
    name: 'PUT /api/reviews/:zone',
    allowed: ['fire_officer'],
    prepare: async () => {
      const { review } = (await (await ws.request('GET', `/api/reviews/${ZONE_B}`, { as: 'viewer' })).json()) as { review: { revision: number; status: string } };
      const status = review.status === '已审核' ? '未审核' : '已审核';
      return { method: 'PUT', path: `/api/reviews/${ZONE_B}`, json: { revision: review.revision, status, reviewer: '王', reviewDate: '2026-11-30', notes: '', actions: [], deadline: null } };
    },
  },
  {
    name: 'POST /api/reviews/:zone/report (own township)',
    allowed: ['station'],
    prepare: async () => ({ method: 'POST', path: `/api/reviews/${ZONE_A}/report`, json: { revision: await orderRectification(ZONE_A), notes: '已清理可燃物', photos: [photo()] } }),
  },
  { name: 'GET /api/facilities', allowed: 'all', prepare: get('/api/facilities') },
  {
    name: 'GET /api/facilities/:id',
    allowed: 'all',
    prepare: async () => get(`/api/facilities/${(await created('fire_officer', '/api/facilities', facilityBody())).id}`)(),
  },
  { name: 'POST /api/facilities', allowed: ['fire_officer'], prepare: async () => ({ method: 'POST', path: '/api/facilities', json: facilityBody() }) },
  {
    name: 'PUT /api/facilities/:id',
    allowed: ['fire_officer'],
    prepare: async () => {
      const facility = await created('fire_officer', '/api/facilities', facilityBody());
      const { id, ...fields } = facilityBody(facility.id);
      return { method: 'PUT', path: `/api/facilities/${id}`, json: { ...fields, name: '改名', revision: facility.revision } };
    },
  },
  {
    name: 'DELETE /api/facilities/:id',
    allowed: ['fire_officer'],
    prepare: async () => {
      const facility = await created('fire_officer', '/api/facilities', facilityBody());
      return { method: 'DELETE', path: `/api/facilities/${facility.id}?revision=${facility.revision}` };
    },
  },
  { name: 'GET /api/layers', allowed: 'all', prepare: get('/api/layers') },
  {
    name: 'POST /api/layers',
    allowed: ['admin'],
    prepare: async () => ({
      method: 'POST',
      path: '/api/layers',
      body: await fgbBytes(),
      headers: { 'content-type': 'application/octet-stream', 'x-layer-metadata': encodeURIComponent(JSON.stringify({ name: '乡镇', role: 'townships', sourceFiles: ['乡镇.fgb'] })) },
    }),
  },
  {
    name: 'GET /api/layers/:id/data',
    allowed: 'all',
    prepare: async () => {
      const layers = (await (await ws.request('GET', '/api/layers', { as: 'admin' })).json()) as { id: string }[];
      return { method: 'GET', path: `/api/layers/${layers[0]!.id}/data` };
    },
  },
  {
    name: 'PUT /api/layers/:id',
    allowed: ['admin'],
    prepare: async () => {
      const layers = (await (await ws.request('GET', '/api/layers', { as: 'admin' })).json()) as { id: string; revision: number }[];
      const layer = layers[0]!;
      return { method: 'PUT', path: `/api/layers/${layer.id}`, json: { revision: layer.revision, name: '乡镇界', role: 'townships' } };
    },
  },
  {
    name: 'DELETE /api/layers/:id',
    allowed: ['admin'],
    prepare: async () => {
      const response = await ws.request('POST', '/api/layers', {
        as: 'admin',
        body: await fgbBytes(),
        headers: { 'content-type': 'application/octet-stream', 'x-layer-metadata': encodeURIComponent(JSON.stringify({ name: 'tmp', role: 'reference', sourceFiles: [] })) },
      });
      const layer = (await response.json()) as { id: string; revision: number };
      return { method: 'DELETE', path: `/api/layers/${layer.id}?revision=${layer.revision}` };
    },
  },
  { name: 'GET /api/settings', allowed: 'all', prepare: get('/api/settings') },
  { name: 'PUT /api/settings/:key', allowed: ['admin'], prepare: async () => ({ method: 'PUT', path: `/api/settings/${newId('k').toLowerCase()}`, json: { revision: 0, value: { year: 2027 } } }) },
  { name: 'GET /api/users', allowed: ['admin'], prepare: get('/api/users') },
  { name: 'POST /api/users', allowed: ['admin'], prepare: async () => ({ method: 'POST', path: '/api/users', json: { name: newId('u'), role: 'viewer', password: 'another long password' } }) },
  {
    name: 'PUT /api/users/:id',
    allowed: ['admin'],
    prepare: async () => {
      const user = (await (await ws.request('POST', '/api/users', { as: 'admin', json: { name: newId('u'), role: 'viewer', password: 'another long password' } })).json()) as { id: number; revision: number };
      return { method: 'PUT', path: `/api/users/${user.id}`, json: { revision: user.revision, role: 'planner' } };
    },
  },
  { name: 'GET /api/audit?record=', allowed: 'all', prepare: get(`/api/audit?record=reviews/${ZONE_B}`) },
  { name: 'GET /api/audit (whole)', allowed: ['admin'], prepare: get('/api/audit') },
  { name: 'GET /api/audit/export.csv', allowed: ['admin'], prepare: get('/api/audit/export.csv') },
  { name: 'GET /api/zones', allowed: 'all', prepare: get('/api/zones') },
  { name: 'GET /api/townships', allowed: 'all', prepare: get('/api/townships') },
];

const ROLES = Object.keys(ACCOUNTS) as Account[];

describe.each(ROUTES)('$name', (route) => {
  test.each(ROLES)('as %s', async (role) => {
    const allowed = route.allowed === 'all' || route.allowed.includes(role);
    const call = await route.prepare();
    const response = await ws.request(call.method, call.path, { as: role, ...(call.json !== undefined ? { json: call.json } : {}), ...(call.body ? { body: call.body } : {}), ...(call.headers ? { headers: call.headers } : {}) });
    const text = await response.text();
    if (allowed) expect(response.status, text).toBeLessThan(300);
    else expect(response.status, text).toBe(403);
  });

  test('signed out → 401', async () => {
    const call = await route.prepare();
    const response = await ws.request(call.method, call.path, { ...(call.json !== undefined ? { json: call.json } : {}), ...(call.body ? { body: call.body } : {}), ...(call.headers ? { headers: call.headers } : {}) });
    expect(response.status).toBe(401);
  });
});

test('a station reporting on another township’s zone → 403, and nothing changes', async () => {
  const revision = await orderRectification(ZONE_B);
  const response = await ws.request('POST', `/api/reviews/${ZONE_B}/report`, { as: 'station', json: { revision, notes: '越权', photos: [] } });
  expect(response.status).toBe(403);
  const { review } = (await (await ws.request('GET', `/api/reviews/${ZONE_B}`, { as: 'viewer' })).json()) as { review: { status: string; revision: number } };
  expect(review).toMatchObject({ status: '需整改', revision });
  const own = await ws.request('POST', `/api/reviews/${ZONE_B}/report`, { as: 'stationB', json: { revision, notes: '已整改', photos: [] } });
  expect(own.status).toBe(201);
});

test('a disabled account’s session stops working at once', async () => {
  const name = newId('gone');
  const user = (await (await ws.request('POST', '/api/users', { as: 'admin', json: { name, role: 'viewer', password: 'another long password' } })).json()) as { id: number; revision: number };
  const cookie = await ws.login(name, 'another long password');
  expect((await ws.request('GET', '/api/plots', { headers: { cookie } })).status).toBe(200);
  expect((await ws.request('PUT', `/api/users/${user.id}`, { as: 'admin', json: { revision: user.revision, disabled: true } })).status).toBe(200);
  expect((await ws.request('GET', '/api/plots', { headers: { cookie } })).status).toBe(401);
  expect((await ws.request('POST', '/api/session', { json: { name, password: 'another long password' } })).status).toBe(401);
});
