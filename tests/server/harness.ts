/**
 * Test workspace: a fresh database (in-memory PGlite, or a new database on the PostgreSQL server
 * of DATABASE_URL), migrated, with two townships, three zones and one account per role, driven
 * in-process through app.request(). One per test file: PGlite takes seconds to start.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../../src/server/app';
import { LoginLimiter } from '../../src/server/auth/login-limiter';
import type { Database } from '../../src/server/db/adapter';
import { migrate } from '../../src/server/db/migrate';
import { openPglite } from '../../src/server/db/pglite';
import { openPostgres } from '../../src/server/db/postgres';
import { EventHub } from '../../src/server/domain/events';
import type { Role } from '../../src/server/domain/roles';
import { createUser } from '../../src/server/domain/users';
import { seedReferenceData } from '../../src/server/seed/reference-data';

export const ORIGIN = 'http://127.0.0.1:5173';
export const PASSWORD = 'correct horse battery';
export const TOWNSHIP_A = '500242001';
export const TOWNSHIP_B = '500242101';
export const ZONE_A = 'FZ-001';
export const ZONE_A2 = 'FZ-002';
export const ZONE_B = 'FZ-101';

export const REFERENCE = {
  townships: [
    { code: TOWNSHIP_A, name: '桃花源街道' },
    { code: TOWNSHIP_B, name: '龙潭镇' },
  ],
  zones: [
    { zoneId: ZONE_A, name: '桃花源高风险区01', townshipCode: TOWNSHIP_A, level: 1 },
    { zoneId: ZONE_A2, name: '桃花源高风险区02', townshipCode: TOWNSHIP_A, level: 2 },
    { zoneId: ZONE_B, name: '龙潭镇高风险区01', townshipCode: TOWNSHIP_B, level: 1 },
  ],
};

/** Account name per role; 'station' is township A's, 'stationB' township B's. */
export const ACCOUNTS = {
  admin: { role: 'admin', township: null },
  planner: { role: 'planner', township: null },
  fire_officer: { role: 'fire_officer', township: null },
  station: { role: 'station', township: TOWNSHIP_A },
  stationB: { role: 'station', township: TOWNSHIP_B },
  viewer: { role: 'viewer', township: null },
} as const satisfies Record<string, { role: Role; township: string | null }>;
export type Account = keyof typeof ACCOUNTS;

/** A fresh, empty database; drop() removes it (PostgreSQL) or closes it. */
export async function freshDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    return { db, drop: () => db.close() };
  }
  const name = `workspace_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  // A socket directory rides in ?host=…; keep the query string.
  const db = await openPostgres(target.toString());
  return {
    db,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface RequestOptions {
  readonly as?: Account | undefined;
  readonly json?: unknown;
  readonly body?: BodyInit;
  readonly headers?: Record<string, string>;
}

export interface TestWorkspace {
  readonly db: Database;
  readonly events: EventHub;
  readonly cookies: Record<Account, string>;
  readonly logged: unknown[][];
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** Signs in and returns the session cookie ("name=value"). */
  login(name: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startWorkspace(options: { loginLimiter?: LoginLimiter; wrapDb?: (db: Database) => Database } = {}): Promise<TestWorkspace> {
  const { db, drop } = await freshDatabase();
  await migrate(db);
  await seedReferenceData(db, REFERENCE);
  for (const [name, account] of Object.entries(ACCOUNTS)) {
    await createUser(db, 'test-setup', { name, role: account.role, townshipCode: account.township, password: PASSWORD });
  }
  const events = new EventHub();
  await events.start(db);
  const logged: unknown[][] = [];
  const app = createApp({
    db: options.wrapDb ? options.wrapDb(db) : db,
    events,
    loginLimiter: options.loginLimiter ?? new LoginLimiter(1_000),
    log: (...args) => logged.push(args),
  });

  const cookies = {} as Record<Account, string>;
  const request = (method: string, path: string, request: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...request.headers };
    if (method !== 'GET' && method !== 'HEAD' && !('origin' in headers) && !('Origin' in headers)) headers.origin = ORIGIN;
    if (request.as) headers.cookie = cookies[request.as];
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(`${ORIGIN}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }));
  };
  const login = async (name: string, password = PASSWORD) => {
    const response = await request('POST', '/api/session', { json: { name, password } });
    if (response.status !== 200) throw new Error(`login ${name}: ${response.status} ${await response.text()}`);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  };
  for (const name of Object.keys(ACCOUNTS) as Account[]) cookies[name] = await login(name);
  return {
    db,
    events,
    cookies,
    logged,
    request,
    login,
    async close() {
      await events.close();
      await drop();
    },
  };
}

let sequence = 0;
/** A unique record id for this run. */
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++sequence}`;

/** A valid ~1 km² square plot near Youyang, shifted by `offset` so plots differ. */
export function squarePolygon(offset = 0) {
  const x = 108.8 + offset * 0.02;
  const y = 28.8;
  return { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] };
}

export function plotBody(id = newId('plot'), name = '造林地块') {
  return { id, name, plotType: '人工造林', targetYear: 2027, notes: '', geometry: squarePolygon() };
}

export function facilityBody(id = newId('fac')) {
  return { id, kind: '瞭望塔', name: '瞭望塔01', township: '桃花源街道', radiusMetres: 4000, geometry: { type: 'Point' as const, coordinates: [108.8, 28.8] } };
}

/** Smallest valid JPEG-looking bytes (the server checks the signature, not the pixels). */
export const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64');

export function photo(overrides: Record<string, unknown> = {}) {
  return { mime: 'image/jpeg', dataBase64: JPEG_BASE64, takenAt: '2026:11:30 10:00:00'.replace(/^(\d{4}):(\d{2}):/, '$1-$2-'), lon: 108.77, lat: 28.84, ...overrides };
}

/** Audit rows of one record, oldest first. */
export async function auditOf(db: Database, type: string, id: string) {
  return db.query<{ actor: string; action: string; before: unknown; after: unknown }>(
    'select actor, action, before, after from audit where record_type = $1 and record_id = $2 order by id',
    [type, id],
  );
}
