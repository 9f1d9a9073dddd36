/**
 * Revisions, the audit trail, the rectification workflow and live events: a write on an old
 * revision is refused with the current record; every change leaves one audit row in its own
 * transaction; every workflow step is in the history with its author.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChangeEvent } from '../../src/server/domain/events';
import { auditOf, facilityBody, JPEG_BASE64, newId, photo, plotBody, startWorkspace, type TestWorkspace, ZONE_A, ZONE_A2 } from './harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startWorkspace();
});
afterAll(() => ws?.close());

async function json<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

const review = (revision: number, status: string, extra: Record<string, unknown> = {}) => ({
  revision,
  status,
  reviewer: '防火办 王',
  reviewDate: '2026-11-30',
  notes: '',
  actions: status === '需整改' ? ['防火隔离带', '巡护'] : [],
  deadline: status === '需整改' ? '2026-12-31' : null,
  ...extra,
});

describe('revision conflicts → 409 with the current record', () => {
  test('plots: a second edit on the same revision loses nothing', async () => {
    const plot = await json<{ id: string; revision: number }>(await ws.request('POST', '/api/plots', { as: 'planner', json: plotBody() }), 201);
    const { id, ...fields } = plotBody(plot.id);
    const first = await json<{ revision: number }>(await ws.request('PUT', `/api/plots/${id}`, { as: 'planner', json: { ...fields, name: '甲', revision: 1 } }), 200);
    expect(first.revision).toBe(2);
    const second = await json<{ current: { name: string; revision: number } }>(await ws.request('PUT', `/api/plots/${id}`, { as: 'planner', json: { ...fields, name: '乙', revision: 1 } }), 409);
    expect(second.current).toMatchObject({ name: '甲', revision: 2 });
    await json(await ws.request('DELETE', `/api/plots/${id}?revision=1`, { as: 'planner' }), 409);
    expect((await auditOf(ws.db, 'plots', id)).map((row) => row.action)).toEqual(['create', 'update']);
  });

  test('creating an id that exists → 409 with the existing record', async () => {
    const body = plotBody();
    await json(await ws.request('POST', '/api/plots', { as: 'planner', json: body }), 201);
    const again = await json<{ current: { id: string } }>(await ws.request('POST', '/api/plots', { as: 'planner', json: { ...body, name: '重复' } }), 409);
    expect(again.current.id).toBe(body.id);
  });

  test('reviews, facilities, settings, users, layers', async () => {
    await json(await ws.request('PUT', `/api/reviews/${ZONE_A2}`, { as: 'fire_officer', json: review(0, '已审核') }), 200);
    const stale = await json<{ current: { status: string; revision: number } }>(await ws.request('PUT', `/api/reviews/${ZONE_A2}`, { as: 'fire_officer', json: review(0, '未审核') }), 409);
    expect(stale.current).toMatchObject({ status: '已审核', revision: 1 });

    const facility = await json<{ id: string }>(await ws.request('POST', '/api/facilities', { as: 'fire_officer', json: facilityBody() }), 201);
    const { id, ...fields } = facilityBody(facility.id);
    await json(await ws.request('PUT', `/api/facilities/${id}`, { as: 'fire_officer', json: { ...fields, revision: 1 } }), 200);
    await json(await ws.request('PUT', `/api/facilities/${id}`, { as: 'fire_officer', json: { ...fields, revision: 1 } }), 409);

    await json(await ws.request('PUT', '/api/settings/plan.year', { as: 'admin', json: { revision: 0, value: 2027 } }), 200);
    await json(await ws.request('PUT', '/api/settings/plan.year', { as: 'admin', json: { revision: 0, value: 2028 } }), 409);

    const user = await json<{ id: number }>(await ws.request('POST', '/api/users', { as: 'admin', json: { name: newId('u'), role: 'viewer', password: 'a long password' } }), 201);
    await json(await ws.request('PUT', `/api/users/${user.id}`, { as: 'admin', json: { revision: 1, role: 'planner' } }), 200);
    await json(await ws.request('PUT', `/api/users/${user.id}`, { as: 'admin', json: { revision: 1, role: 'viewer' } }), 409);
  });
});

describe('audit', () => {
  test('every change has one row with who, what, before → after; refused writes leave none', async () => {
    const body = plotBody();
    const plot = await json<{ id: string }>(await ws.request('POST', '/api/plots', { as: 'planner', json: body }), 201);
    const { id, ...fields } = body;
    await json(await ws.request('PUT', `/api/plots/${id}`, { as: 'planner', json: { ...fields, name: '新名', revision: 1 } }), 200);
    await json(await ws.request('PUT', `/api/plots/${id}`, { as: 'planner', json: { ...fields, name: '冲突', revision: 1 } }), 409);
    await json(await ws.request('PUT', `/api/plots/${id}`, { as: 'viewer', json: { ...fields, name: '越权', revision: 2 } }), 403);
    await json(await ws.request('DELETE', `/api/plots/${id}?revision=2`, { as: 'planner' }), 200);
    const rows = await json<{ actor: string; action: string; before: { name?: string } | null; after: { name?: string; deleted?: boolean } | null }[]>(
      await ws.request('GET', `/api/audit?record=plots/${plot.id}`, { as: 'viewer' }),
      200,
    );
    expect(rows.map((row) => [row.actor, row.action])).toEqual([
      ['planner', 'create'],
      ['planner', 'update'],
      ['planner', 'delete'],
    ]);
    expect(rows[0]!.before).toBeNull();
    expect(rows[1]!.before?.name).toBe(body.name);
    expect(rows[1]!.after?.name).toBe('新名');
    expect(rows[2]!.after?.deleted).toBe(true);
  });

  test('user changes are audited without passwords or hashes', async () => {
    const name = newId('audited');
    const user = await json<{ id: number }>(await ws.request('POST', '/api/users', { as: 'admin', json: { name, role: 'viewer', password: 'secret password 1' } }), 201);
    await json(await ws.request('PUT', `/api/users/${user.id}`, { as: 'admin', json: { revision: 1, password: 'secret password 2' } }), 200);
    const rows = await auditOf(ws.db, 'users', String(user.id));
    expect(rows.map((row) => row.action)).toEqual(['create', 'reset-password']);
    expect(JSON.stringify(rows)).not.toMatch(/secret password|argon2/);
  });

  test('admins read and export the whole trail as CSV', async () => {
    const all = await json<{ recordType: string }[]>(await ws.request('GET', '/api/audit?limit=1000', { as: 'admin' }), 200);
    expect(new Set(all.map((row) => row.recordType))).toEqual(new Set(['users', 'plots', 'reviews', 'facilities', 'settings']));
    const csv = await ws.request('GET', '/api/audit/export.csv', { as: 'admin' });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the Chinese as UTF-8
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('id,at,actor,action,record_type,record_id,before,after');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(all.length + 1);
  });

  test('a change whose audit cannot be written is not made (same transaction)', async () => {
    const body = plotBody();
    await ws.db.exec(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit down'; end $$;
      create trigger refuse_audit before insert on audit for each row execute function refuse_audit();`);
    try {
      const response = await ws.request('POST', '/api/plots', { as: 'planner', json: body });
      expect(response.status).toBe(500);
      const error = (await response.json()) as { error: string; id: string };
      expect(JSON.stringify(error)).not.toMatch(/audit down|insert|select/);
      expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(ws.logged.some((entry) => String(entry[0]).includes(error.id))).toBe(true);
    } finally {
      await ws.db.exec('drop trigger refuse_audit on audit; drop function refuse_audit();');
    }
    expect(await ws.db.query('select 1 from plots where id = $1', [body.id])).toHaveLength(0);
  });
});

describe('rectification workflow', () => {
  test('order → station reports with a photo → returned with a reason → reported → accepted; every step with its author', async () => {
    const ordered = await json<{ revision: number }>(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: review(0, '需整改') }), 200);
    // The officer cannot mark it fixed; the station cannot order or accept.
    await json(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: review(ordered.revision, '已整改') }), 403);
    await json(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'station', json: review(ordered.revision, '已审核') }), 403);

    const reported = await json<{ review: { status: string; revision: number }; report: { photos: { id: string; lon: number; takenAt: string }[] } }>(
      await ws.request('POST', `/api/reviews/${ZONE_A}/report`, { as: 'station', json: { revision: ordered.revision, notes: '已开设隔离带', photos: [photo()] } }),
      201,
    );
    expect(reported.review.status).toBe('已整改');
    const photoId = reported.report.photos[0]!.id;
    expect(reported.report.photos[0]).toMatchObject({ lon: 108.77, takenAt: '2026-11-30 10:00:00' });
    const image = await ws.request('GET', `/api/photos/${photoId}`, { as: 'viewer' });
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).toString('base64')).toBe(JPEG_BASE64);

    // Reporting again is refused: no open order.
    await json(await ws.request('POST', `/api/reviews/${ZONE_A}/report`, { as: 'station', json: { revision: reported.review.revision, notes: '再报', photos: [] } }), 400);
    // Sending back needs a reason.
    await json(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: review(reported.review.revision, '需整改') }), 400);
    const returned = await json<{ revision: number; returnReason: string }>(
      await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: review(reported.review.revision, '需整改', { reason: '隔离带宽度不足' }) }),
      200,
    );
    expect(returned.returnReason).toBe('隔离带宽度不足');
    const again = await json<{ review: { revision: number } }>(
      await ws.request('POST', `/api/reviews/${ZONE_A}/report`, { as: 'station', json: { revision: returned.revision, notes: '已加宽', photos: [] } }),
      201,
    );
    const accepted = await json<{ status: string }>(await ws.request('PUT', `/api/reviews/${ZONE_A}`, { as: 'fire_officer', json: review(again.review.revision, '已审核') }), 200);
    expect(accepted.status).toBe('已审核');

    const details = await json<{ history: { step: string; author: string; note: string }[]; reports: { author: string; photos: unknown[] }[] }>(
      await ws.request('GET', `/api/reviews/${ZONE_A}`, { as: 'viewer' }),
      200,
    );
    expect(details.history.map((entry) => [entry.step, entry.author]).reverse()).toEqual([
      ['ordered', 'fire_officer'],
      ['reported', 'station'],
      ['returned', 'fire_officer'],
      ['reported', 'station'],
      ['accepted', 'fire_officer'],
    ]);
    expect(details.history.find((entry) => entry.step === 'returned')?.note).toBe('隔离带宽度不足');
    expect(details.reports.map((report) => [report.author, report.photos.length])).toEqual([
      ['station', 0],
      ['station', 1],
    ]);
    expect((await auditOf(ws.db, 'reviews', ZONE_A)).map((row) => row.actor)).toEqual(['fire_officer', 'station', 'fire_officer', 'station', 'fire_officer']);
  });
});

describe('live events', () => {
  test('a committed change reaches an open event stream; a refused one does not', async () => {
    const response = await ws.request('GET', '/api/events', { as: 'viewer' });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const next = async (pattern: RegExp) => {
      while (!pattern.test(buffer)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    await next(/event: ready/);
    const body = plotBody();
    await json(await ws.request('POST', '/api/plots', { as: 'viewer', json: plotBody() }), 403);
    await json(await ws.request('POST', '/api/plots', { as: 'planner', json: body }), 201);
    await next(/event: change\ndata: .*\n\n/);
    const data = /event: change\ndata: (.*)\n/.exec(buffer)![1]!;
    expect(JSON.parse(data) as ChangeEvent).toMatchObject({ type: 'plots', id: body.id, action: 'create', revision: 1, by: 'planner' });
    await reader.cancel();
  });
});
