/**
 * Durability of the real server process (`tsx src/server/main.ts`) on an embedded PGlite data
 * directory: records written before a restart are all there after it; a server killed (SIGKILL)
 * while multi-step writes are in flight — rectification reports with photos, each one report +
 * photos + review + history + audit in one transaction — comes back with every write whole or
 * absent: no report without its photos, no review revision without its history and audit rows.
 *
 * Sized for a 2-core machine: three server starts, a handful of concurrent writers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/pglite';

const ADMIN = { name: 'durable-admin', password: 'durability admin password' };
const PASSWORD = 'durability user password';
/** Photos of a killed-mid-write report: big enough that the transaction takes a while. */
const PHOTOS_PER_REPORT = 3;
const PHOTO_BYTES = 600 * 1024;

let dataDir: string;
let port: number;
let child: ChildProcess | null = null;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
}

/** Starts the server process on the data directory; resolves once it listens. */
async function startServer(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKSPACE_DATA_DIR: dataDir,
    // API only: this test needs no built app.
    STATIC_DIR: join(dataDir, 'no-static'),
    WORKSPACE_ADMIN_NAME: ADMIN.name,
    WORKSPACE_ADMIN_PASSWORD_FILE: join(dataDir, '..', `${ADMIN.name}.password`),
  };
  // The embedded database, whatever the API tests use.
  delete env.DATABASE_URL;
  // `tsx src/server/main.ts` in this very process (node --import tsx): the tsx command would run the
  // server in a child of its own, which a SIGKILL of the command leaves running.
  const started = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 120_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (/\[workspace\] http:\/\/\S+ \(pglite/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    started.stdout!.on('data', listen);
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) while starting:\n${output}`));
    });
  });
  output = '';
}

/** Stops the server: gracefully (SIGTERM, it closes the database) or killed outright. */
async function stopServer(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const running = child;
  child = null;
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
  running.kill(signal);
  await exited;
}

const base = () => `http://127.0.0.1:${port}`;

async function api<T>(method: string, path: string, cookie: string | null, json?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base()}${path}`, {
    method,
    headers: { origin: base(), accept: 'application/json', ...(cookie ? { cookie } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function signIn(name: string, password: string): Promise<string> {
  const response = await fetch(`${base()}/api/session`, {
    method: 'POST',
    headers: { origin: base(), 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A JPEG-signed photo of `size` bytes (the server checks the signature, not the pixels). */
function photo(size: number, seed: number) {
  const bytes = Buffer.alloc(size, seed % 251);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
  bytes.set([0xff, 0xd9], size - 2);
  return { mime: 'image/jpeg', dataBase64: bytes.toString('base64'), takenAt: '2026-11-30T10:00:00', lon: 108.77, lat: 28.84 };
}

interface Zone {
  readonly zoneId: string;
  readonly townshipCode: string;
}

interface Review {
  readonly zoneId: string;
  readonly status: string;
  readonly revision: number;
  readonly deadline: string | null;
}

describe('the server process keeps every write whole across restarts and kills', () => {
  let zones: Zone[];
  let stationZones: Zone[];
  let township: string;
  let officer: string;
  let station: string;
  let planner: string;

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'forest-map-durability-'));
    dataDir = join(parent, 'data');
    writeFileSync(join(parent, `${ADMIN.name}.password`), `${ADMIN.password}\n`);
    port = await freePort();
    await startServer();
    const admin = await signIn(ADMIN.name, ADMIN.password);
    zones = (await api<Zone[]>('GET', '/api/zones', admin)).body;
    // The station of the township with the most zones, so several writers can work side by side.
    const counts = new Map<string, number>();
    for (const zone of zones) counts.set(zone.townshipCode, (counts.get(zone.townshipCode) ?? 0) + 1);
    township = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    stationZones = zones.filter((zone) => zone.townshipCode === township);
    expect(stationZones.length, 'public/data has fire zones (npm run data:ensure)').toBeGreaterThanOrEqual(3);
    for (const [name, role, townshipCode] of [
      ['durable-officer', 'fire_officer', null],
      ['durable-station', 'station', township],
      ['durable-planner', 'planner', null],
    ] as const) {
      expect((await api('POST', '/api/users', admin, { name, role, townshipCode, password: PASSWORD })).status).toBe(201);
    }
    officer = await signIn('durable-officer', PASSWORD);
    station = await signIn('durable-station', PASSWORD);
    planner = await signIn('durable-planner', PASSWORD);
    return () => rmSync(parent, { recursive: true, force: true });
  }, 300_000);

  afterAll(async () => {
    await stopServer('SIGKILL');
  });

  /** Orders rectification of a zone on its current revision (sends a report back with a reason); returns the new revision. */
  async function order(zoneId: string, revision: number): Promise<number> {
    const result = await api<Review>('PUT', `/api/reviews/${zoneId}`, officer, {
      revision,
      status: '需整改',
      reviewer: 'durable-officer',
      reviewDate: '2026-11-30',
      notes: '清理林下可燃物',
      actions: ['清理可燃物'],
      deadline: '2026-12-31',
      reason: '再次检查仍有可燃物',
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return result.body.revision;
  }

  it('finds every record again after a restart', async () => {
    const plot = {
      id: 'durable-plot',
      name: '重启后仍在的地块',
      plotType: '人工造林',
      targetYear: 2027,
      notes: '',
      geometry: { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.81], [108.8, 28.8]]] },
    };
    expect((await api('POST', '/api/plots', planner, plot)).status).toBe(201);
    const facility = { id: 'durable-tower', kind: '瞭望塔', name: '重启瞭望塔', township: '', radiusMetres: 6000, geometry: { type: 'Point', coordinates: [108.8, 28.8] } };
    expect((await api('POST', '/api/facilities', officer, facility)).status).toBe(201);
    const zone = stationZones[0]!;
    const ordered = await order(zone.zoneId, 0);
    const report = await api('POST', `/api/reviews/${zone.zoneId}/report`, station, { revision: ordered, notes: '已清理', photos: [photo(4096, 1)] });
    expect(report.status, JSON.stringify(report.body)).toBe(201);

    await stopServer('SIGTERM');
    await startServer();

    // Sessions are in the database too: the same cookies still work.
    const plots = (await api<{ id: string; name: string; revision: number }[]>('GET', '/api/plots', planner)).body;
    expect(plots.find((entry) => entry.id === 'durable-plot')).toMatchObject({ name: '重启后仍在的地块', revision: 1 });
    const facilities = (await api<{ id: string; radiusMetres: number }[]>('GET', '/api/facilities', officer)).body;
    expect(facilities.find((entry) => entry.id === 'durable-tower')).toMatchObject({ radiusMetres: 6000 });
    const details = (await api<{ review: Review; history: { step: string }[]; reports: { photos: { id: string; byteSize: number }[] }[] }>('GET', `/api/reviews/${zone.zoneId}`, officer)).body;
    expect(details.review).toMatchObject({ status: '已整改', revision: 2, deadline: '2026-12-31' });
    expect(details.history.map((entry) => entry.step)).toEqual(['reported', 'ordered']);
    expect(details.reports[0]?.photos).toHaveLength(1);
    const bytes = await fetch(`${base()}/api/photos/${details.reports[0]!.photos[0]!.id}`, { headers: { cookie: station } });
    expect((await bytes.arrayBuffer()).byteLength).toBe(4096);
  }, 300_000);

  it('a server killed in the middle of multi-step writes leaves each one whole or absent', async () => {
    const writers = stationZones.slice(1, 4);
    const reviews = new Map((await api<Review[]>('GET', '/api/reviews', officer)).body.map((review) => [review.zoneId, review]));
    let reported = 0;
    let killed = false;
    let lost = 0;
    const kill = (async () => {
      // Once a few reports went through, more are on their way: kill the process under them.
      while (reported < 3 && child) await new Promise((resolve) => setTimeout(resolve, 10));
      killed = true;
      await stopServer('SIGKILL');
    })();
    // Each writer loops on its zone: order (需整改), then report with photos (已整改), until the kill.
    await Promise.all(
      writers.map(async (zone, index) => {
        let revision = reviews.get(zone.zoneId)?.revision ?? 0;
        for (let round = 0; !killed; round++) {
          try {
            revision = await order(zone.zoneId, revision);
            const photos = Array.from({ length: PHOTOS_PER_REPORT }, (_, photoIndex) => photo(PHOTO_BYTES, index * 10 + photoIndex));
            const report = await api<{ review: Review }>('POST', `/api/reviews/${zone.zoneId}/report`, station, { revision, notes: `round ${round}`, photos });
            expect(report.status).toBe(201);
            revision = report.body.review.revision;
            reported++;
          } catch (error) {
            // The connection died with the server: this write's fate is for the database to tell.
            if (!killed) throw error;
            lost++;
            return;
          }
        }
      }),
    );
    await kill;
    expect(reported).toBeGreaterThanOrEqual(3);
    expect(lost, 'writes in flight when the server was killed').toBeGreaterThan(0);

    // It starts again on the same directory (the dead process's lock is taken over) and answers.
    await startServer();
    const after = (await api<Review[]>('GET', '/api/reviews', officer)).body;
    expect(after.length).toBeGreaterThan(0);
    await stopServer('SIGTERM');

    // Then the rows themselves: every write all or nothing.
    const db = await openPglite(dataDir);
    try {
      const mismatched = await db.query<{ zone_id: string; revision: number; history: number; audit: number }>(
        `select r.zone_id, r.revision,
           (select count(*)::int from review_history h where h.zone_id = r.zone_id) as history,
           (select count(*)::int from audit a where a.record_type = 'reviews' and a.record_id = r.zone_id) as audit
         from reviews r`,
      );
      expect(mismatched.length).toBeGreaterThan(0);
      for (const row of mismatched) expect(row, `review ${row.zone_id}`).toMatchObject({ history: row.revision, audit: row.revision });

      const reports = await db.query<{ id: string; zone_id: string; review_revision: number; photos: number; audit: number; step: string | null }>(
        `select p.id, p.zone_id, p.review_revision,
           (select count(*)::int from photos f where f.report_id = p.id) as photos,
           (select count(*)::int from audit a where a.record_type = 'rectification_reports' and a.record_id = p.id) as audit,
           (select h.step from review_history h where h.zone_id = p.zone_id and h.revision = p.review_revision) as step
         from rectification_reports p`,
      );
      expect(reports.length).toBeGreaterThanOrEqual(reported + 1);
      for (const row of reports) {
        const expectedPhotos = row.zone_id === stationZones[0]!.zoneId ? 1 : PHOTOS_PER_REPORT;
        expect(row, `report ${row.id}`).toMatchObject({ photos: expectedPhotos, audit: 1, step: 'reported' });
      }
      // No photo without its report.
      const orphans = await db.query<{ n: number }>('select count(*)::int as n from photos f where not exists (select 1 from rectification_reports p where p.id = f.report_id)');
      expect(orphans[0]!.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 300_000);
});
