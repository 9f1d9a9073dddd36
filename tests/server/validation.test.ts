/** Bodies that are too large, malformed or hostile are refused with a message, and nothing is written. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { facilityBody, newId, photo, plotBody, squarePolygon, startWorkspace, type TestWorkspace, ZONE_A } from './harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
});
afterAll(() => ws?.close());

async function refused(response: Response, status = 400): Promise<string> {
  const body = (await response.json()) as { error?: string };
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.error).toBeTruthy();
  return body.error!;
}

async function plotCount(): Promise<number> {
  return (await ws.db.query<{ n: number }>('select count(*)::int as n from plots'))[0]!.n;
}

const bowtie = { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.81], [108.81, 28.8], [108.8, 28.81], [108.8, 28.8]]] };

test.each([
  ['malformed JSON', { body: '{"id": "x", ', headers: { 'content-type': 'application/json' } }, /Malformed JSON/],
  ['not JSON at all', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, /JSON/],
  ['an array instead of an object', { json: [plotBody()] }, /Invalid request/],
  ['a missing field', { json: { ...plotBody(), name: undefined } }, /name/],
  ['an unknown field', { json: { ...plotBody(), owner: 'admin' } }, /owner/],
  ['a prototype-polluting key', { body: `{"__proto__": {"admin": true}, ${JSON.stringify(plotBody()).slice(1)}`, headers: { 'content-type': 'application/json' } }, /__proto__/],
  ['a 10,000-character name', { json: { ...plotBody(), name: 'x'.repeat(10_000) } }, /name/],
  ['a string where a number belongs', { json: { ...plotBody(), targetYear: '2027' } }, /targetYear/],
  ['a bad id', { json: { ...plotBody(), id: '../../etc/passwd' } }, /id/],
  ['a self-intersecting polygon', { json: { ...plotBody(), geometry: bowtie } }, /Invalid geometry/],
  ['coordinates outside WGS84', { json: { ...plotBody(), geometry: { type: 'Polygon', coordinates: [[[500, 28], [501, 28], [501, 29], [500, 28]]] } } }, /geometry/],
  ['a point where a polygon belongs', { json: { ...plotBody(), geometry: { type: 'Point', coordinates: [108.8, 28.8] } } }, /geometry/],
  ['an unclosed two-vertex ring', { json: { ...plotBody(), geometry: { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.9, 28.8]]] } } }, /ring|geometry/],
])('POST /api/plots with %s → 400', async (_name, request, message) => {
  const before = await plotCount();
  const error = await refused(await ws.request('POST', '/api/plots', { as: 'planner', ...request }));
  expect(error).toMatch(message);
  expect(await plotCount()).toBe(before);
});

test('a geometry with more vertices than allowed → 400', async () => {
  const ring: number[][] = [];
  for (let index = 0; index < 60_000; index++) {
    const angle = (index / 60_000) * 2 * Math.PI;
    ring.push([108.8 + 0.01 * Math.cos(angle), 28.8 + 0.01 * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  expect(await refused(await ws.request('POST', '/api/plots', { as: 'planner', json: { ...plotBody(), geometry: { type: 'Polygon', coordinates: [ring] } } }))).toMatch(/vert|50000|Invalid/);
});

test('a body over the size limit → 413 with a message', async () => {
  const notes = 'x'.repeat(5 * 1024 * 1024);
  const error = await refused(await ws.request('POST', '/api/plots', { as: 'planner', json: { ...plotBody(), notes } }), 413);
  expect(error).toMatch(/too large/);
});

test('hostile text is stored as text (parameterised SQL), never run', async () => {
  const name = "x'); drop table plots; --";
  const response = await ws.request('POST', '/api/plots', { as: 'planner', json: { ...plotBody(), name, notes: '<script>alert(1)</script>' } });
  expect(response.status).toBe(201);
  const plot = (await response.json()) as { id: string };
  const stored = (await (await ws.request('GET', `/api/plots/${plot.id}`, { as: 'viewer' })).json()) as { name: string; notes: string };
  expect(stored).toMatchObject({ name, notes: '<script>alert(1)</script>' });
});

test('a bad record id in the address → 400; an unknown one → 404', async () => {
  await refused(await ws.request('GET', `/api/plots/${encodeURIComponent("a'b c")}`, { as: 'viewer' }));
  await refused(await ws.request('GET', '/api/plots/nope', { as: 'viewer' }), 404);
  await refused(await ws.request('DELETE', '/api/plots/nope', { as: 'planner' }));
});

test('facilities: non-point geometry and negative radius → 400', async () => {
  await refused(await ws.request('POST', '/api/facilities', { as: 'fire_officer', json: { ...facilityBody(), geometry: squarePolygon() } }));
  await refused(await ws.request('POST', '/api/facilities', { as: 'fire_officer', json: { ...facilityBody(), radiusMetres: -5 } }));
});

test('reviews: unknown status, order without deadline, unknown zone', async () => {
  const base = { revision: 0, reviewer: '', reviewDate: '', notes: '', actions: [], deadline: null };
  expect(await refused(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: { ...base, status: 'done' } }))).toMatch(/status/);
  expect(await refused(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: { ...base, status: '需整改' } }))).toMatch(/deadline|期限/);
  expect(await refused(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: { ...base, status: '已审核', reviewDate: '30/11/2026' } }))).toMatch(/reviewDate/);
  await refused(await ws.request('PUT', '/api/reviews/FZ-999', { as: 'fire_officer', json: { ...base, status: '已审核' } }), 404);
});

test('photos: wrong bytes for the type, over 2 MB, too many, bad base64 → 400', async () => {
  const order = await ws.request('PUT', `/api/reviews/${ZONE_A}`, {
    as: 'fire_officer',
    json: { revision: 0, status: '需整改', reviewer: '', reviewDate: '', notes: '', actions: ['巡护'], deadline: '2026-12-31' },
  });
  const { revision } = (await order.json()) as { revision: number };
  const report = (photos: unknown[]) => ws.request('POST', `/api/reviews/${ZONE_A}/report`, { as: 'station', json: { revision, notes: '已整改', photos } });
  expect(await refused(await report([photo({ dataBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') })]))).toMatch(/not a image\/jpeg|不是有效图片/);
  const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0xff).toString('base64');
  expect(await refused(await report([photo({ dataBase64: big })]))).toMatch(/2 MB/);
  await refused(await report(Array.from({ length: 7 }, () => photo())));
  await refused(await report([photo({ dataBase64: '!!!not base64!!!' })]));
  await refused(await report([photo({ mime: 'image/svg+xml' })]));
  const { review } = (await (await ws.request('GET', `/api/reviews/${ZONE_A}`, { as: 'viewer' })).json()) as { review: { status: string } };
  expect(review.status).toBe('需整改');
});

test('layers: not FlatGeobuf, missing metadata → 400', async () => {
  const metadata = encodeURIComponent(JSON.stringify({ name: 'x', role: 'reference', sourceFiles: [] }));
  await refused(await ws.request('POST', '/api/layers', { as: 'admin', body: 'hello', headers: { 'content-type': 'application/octet-stream', 'x-layer-metadata': metadata } }));
  await refused(await ws.request('POST', '/api/layers', { as: 'admin', body: new Uint8Array([0x66, 0x67, 0x62, 0x03, 1, 2]), headers: { 'content-type': 'application/octet-stream' } }));
  await refused(await ws.request('POST', '/api/layers', { as: 'admin', body: new Uint8Array([0x66, 0x67, 0x62, 0x03, 1, 2]), headers: { 'content-type': 'application/octet-stream', 'x-layer-metadata': metadata } }));
});

test('users: short password, station without township, unknown township → 400', async () => {
  await refused(await ws.request('POST', '/api/users', { as: 'admin', json: { name: newId('u'), role: 'viewer', password: 'short' } }));
  await refused(await ws.request('POST', '/api/users', { as: 'admin', json: { name: newId('u'), role: 'station', password: 'long enough password' } }));
  await refused(await ws.request('POST', '/api/users', { as: 'admin', json: { name: newId('u'), role: 'station', townshipCode: '500242999', password: 'long enough password' } }));
  await refused(await ws.request('POST', '/api/users', { as: 'admin', json: { name: 'a b', role: 'viewer', password: 'long enough password' } }));
});
