/**
 * Workspace server benchmark (not a test): N simulated users (planners, fire officers, township
 * stations, viewers) edit and read concurrently over HTTP for a fixed time against the embedded
 * PGlite database and, when DATABASE_URL is set, a real PostgreSQL (a fresh database, dropped
 * afterwards). Then every record is read back and compared with what the clients were told:
 * no write lost, none duplicated, revisions 1…n without gaps, one audit row per write.
 * Prints one markdown section ("## Workspace server") to stdout; progress goes to stderr.
 *
 *   npx tsx scripts/bench/workspace.bench.ts            (BENCH_USERS=50, BENCH_SECONDS=15)
 *   DATABASE_URL=$(scripts/pg-test-cluster.sh start) npx tsx scripts/bench/workspace.bench.ts
 *
 * The server runs in a worker thread (its own event loop, as a separate process would) so the
 * clients' work does not sit in the server's latency.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import type { Polygon } from 'geojson';
import pg from 'pg';
import { createApp } from '../../src/server/app';
import { LoginLimiter } from '../../src/server/auth/login-limiter';
import { EventHub } from '../../src/server/domain/events';
import type { Role } from '../../src/server/domain/roles';
import { createUser } from '../../src/server/domain/users';
import { openWorkspace } from '../../src/server/open-workspace';

const SELF = fileURLToPath(import.meta.url);
const PASSWORD = 'bench correct horse battery';
const USERS = Number(process.env.BENCH_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** Zones the officers and stations work on: few enough that they meet (409s happen, as in life). */
const BENCH_ZONES = 24;
const log = (message: string) => process.stderr.write(`[workspace.bench] ${message}\n`);

interface BenchUser {
  readonly name: string;
  readonly role: Role;
  readonly townshipCode: string | null;
}
interface BenchZone {
  readonly zoneId: string;
  readonly townshipCode: string;
}
interface WorkerInput {
  readonly databaseUrl?: string;
  readonly users: number;
}
type WorkerReady = { port: number; users: BenchUser[]; zones: BenchZone[]; kind: string };

/** Planners 40 %, viewers 30 %, stations 20 %, fire officers 10 % (at least one of each). */
function roleMix(count: number): Role[] {
  const officers = Math.max(1, Math.round(count * 0.1));
  const stations = Math.max(1, Math.round(count * 0.2));
  const viewers = Math.max(1, Math.round(count * 0.3));
  const planners = Math.max(1, count - officers - stations - viewers);
  return [...Array<Role>(planners).fill('planner'), ...Array<Role>(officers).fill('fire_officer'), ...Array<Role>(stations).fill('station'), ...Array<Role>(viewers).fill('viewer')];
}

// ---------------------------------------------------------------- server (worker thread)

async function serverWorker(input: WorkerInput): Promise<void> {
  const dataDir = input.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'workspace-bench-'));
  const workspace = await openWorkspace('bench', input.databaseUrl ? { databaseUrl: input.databaseUrl } : { dataDir: dataDir! });
  const zoneRows = await workspace.db.query<{ zone_id: string; township_code: string }>('select zone_id, township_code from zones order by zone_id');
  if (zoneRows.length === 0) throw new Error('no fire zones: run npm run data:ensure');
  // Zones spread over the county (every k-th), so stations of several townships take part.
  const step = Math.max(1, Math.floor(zoneRows.length / BENCH_ZONES));
  const zones = zoneRows.filter((_, index) => index % step === 0).slice(0, BENCH_ZONES).map((row) => ({ zoneId: row.zone_id, townshipCode: row.township_code }));
  const townships = [...new Set(zones.map((zone) => zone.townshipCode))];
  const users: BenchUser[] = roleMix(input.users).map((role, index) => ({
    name: `${role}-${index}`,
    role,
    townshipCode: role === 'station' ? townships[index % townships.length]! : null,
  }));
  users.push({ name: 'bench-admin', role: 'admin', townshipCode: null });
  await Promise.all(users.map((user) => createUser(workspace.db, 'bench-setup', { ...user, password: PASSWORD })));

  const events = new EventHub();
  await events.start(workspace.db);
  const app = createApp({ db: workspace.db, events, loginLimiter: new LoginLimiter(10_000), log: () => undefined });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  parentPort!.once('message', async () => {
    await events.close();
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workspace.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    parentPort!.postMessage('stopped');
  });
  const ready: WorkerReady = { port: (server.address() as AddressInfo).port, users, zones, kind: workspace.db.kind };
  parentPort!.postMessage(ready);
}

// ---------------------------------------------------------------- payloads

let randomState = 20261201;
/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function random(): number {
  randomState = (randomState + 0x6d2b79f5) | 0;
  let t = randomState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A star-shaped (so simple) irregular ring of 40–80 vertices, 150–600 m across, inside Youyang. */
function irregularPlot(): Polygon {
  const centre: [number, number] = [108.45 + random() * 0.6, 28.5 + random() * 0.7];
  const vertices = 40 + Math.floor(random() * 41);
  const radius = 0.0015 + random() * 0.004;
  const ring: [number, number][] = [];
  for (let index = 0; index < vertices; index++) {
    const angle = (index / vertices) * 2 * Math.PI;
    const r = radius * (0.6 + random() * 0.4);
    ring.push([Number((centre[0] + r * Math.cos(angle)).toFixed(7)), Number((centre[1] + r * Math.sin(angle) * 0.9).toFixed(7))]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A phone photo as the browser sends it after resizing: ~150 KB JPEG (the server checks the signature). */
const PHOTO_BASE64 = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(150_000), Buffer.from([0xff, 0xd9])]).toString('base64');

// ---------------------------------------------------------------- clients

interface Ledger {
  /** Record key ("plots/ID", "reviews/ZONE") → revisions the server answered to successful writes. */
  readonly revisions: Map<string, number[]>;
  /** Zone → successful rectification reports. */
  readonly reports: Map<string, number>;
  readonly latencies: Map<string, number[]>;
  readonly statuses: Map<string, number>;
  readonly unexpected: string[];
  /** Plots whose creation was acknowledged: the ones others edit and read. */
  readonly plotIds: string[];
}

class Client {
  cookie = '';
  constructor(
    private readonly base: string,
    private readonly ledger: Ledger,
  ) {}

  async call(operation: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { origin: new URL(this.base).origin };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    const elapsed = performance.now() - started;
    const list = this.ledger.latencies.get(operation) ?? [];
    list.push(elapsed);
    this.ledger.latencies.set(operation, list);
    const key = `${operation} ${response.status}`;
    this.ledger.statuses.set(key, (this.ledger.statuses.get(key) ?? 0) + 1);
    if (response.status >= 400 && response.status !== 409) this.ledger.unexpected.push(`${operation} → ${response.status} ${text.slice(0, 200)}`);
    if (operation === 'sign in' && response.status === 200) this.cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return { status: response.status, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  }

  wrote(key: string, revision: number): void {
    const list = this.ledger.revisions.get(key) ?? [];
    list.push(revision);
    this.ledger.revisions.set(key, list);
  }
}

interface PlotJson {
  id: string;
  revision: number;
  name: string;
  plotType: string;
  targetYear: number;
  notes: string;
  geometry: Polygon;
}
interface ReviewJson {
  zoneId: string;
  status: string;
  revision: number;
  reviewer: string;
  reviewDate: string;
  notes: string;
  actions: string[];
  deadline: string | null;
}

let plotSequence = 0;
const today = new Date().toISOString().slice(0, 10);

async function plannerTurn(client: Client, user: BenchUser, ledger: Ledger): Promise<void> {
  const roll = random();
  if (roll < 0.35 || ledger.plotIds.length === 0) {
    const id = `bench-${user.name}-${++plotSequence}`;
    const result = await client.call('create plot', 'POST', 'api/plots', { id, name: `造林地块 ${plotSequence}`, plotType: '人工造林', targetYear: 2027, notes: '', geometry: irregularPlot() });
    if (result.status === 201) {
      client.wrote(`plots/${id}`, (result.json as PlotJson).revision);
      ledger.plotIds.push(id);
    }
  } else if (roll < 0.65) {
    // Edit any planner's plot from its current copy: two planners on one plot → one gets 409.
    const id = pick(ledger.plotIds);
    const current = await client.call('read plot', 'GET', `api/plots/${id}`);
    if (current.status !== 200) return;
    const plot = current.json as PlotJson;
    const result = await client.call('update plot', 'PUT', `api/plots/${id}`, {
      revision: plot.revision,
      name: plot.name,
      plotType: plot.plotType,
      targetYear: plot.targetYear,
      notes: `${user.name} ${Date.now()}`,
      geometry: random() < 0.5 ? plot.geometry : irregularPlot(),
    });
    if (result.status === 200) client.wrote(`plots/${id}`, (result.json as PlotJson).revision);
  } else {
    await client.call('list plots', 'GET', 'api/plots');
  }
}

async function officerTurn(client: Client, user: BenchUser, zones: readonly BenchZone[]): Promise<void> {
  if (random() < 0.3) {
    await client.call('list reviews', 'GET', 'api/reviews');
    return;
  }
  const zone = pick(zones);
  const current = await client.call('read review', 'GET', `api/reviews/${zone.zoneId}`);
  if (current.status !== 200) return;
  const review = (current.json as { review: ReviewJson }).review;
  const base = { revision: review.revision, reviewer: user.name, reviewDate: today, notes: review.notes, actions: review.actions, deadline: review.deadline, reason: '' };
  let body;
  if (review.status === '已整改') {
    body = random() < 0.7 ? { ...base, status: '已审核' } : { ...base, status: '需整改', reason: '照片不清楚，请补拍 / photos unclear' };
  } else if (review.status === '需整改') {
    body = { ...base, status: '需整改', notes: `催办 ${Date.now()}` };
  } else {
    body = { ...base, status: '需整改', actions: ['清理可燃物', '设置防火隔离带'], deadline: '2027-03-31', notes: '春防前完成 / before spring' };
  }
  const result = await client.call('review zone', 'PUT', `api/reviews/${zone.zoneId}`, body);
  if (result.status === 200) client.wrote(`reviews/${zone.zoneId}`, (result.json as ReviewJson).revision);
}

async function stationTurn(client: Client, user: BenchUser, zones: readonly BenchZone[], ledger: Ledger): Promise<void> {
  const own = zones.filter((zone) => zone.townshipCode === user.townshipCode);
  if (random() < 0.4 || own.length === 0) {
    await client.call('list reviews', 'GET', 'api/reviews');
    return;
  }
  const zone = pick(own);
  const current = await client.call('read review', 'GET', `api/reviews/${zone.zoneId}`);
  if (current.status !== 200) return;
  const review = (current.json as { review: ReviewJson }).review;
  if (review.status !== '需整改') return;
  const result = await client.call('report rectification', 'POST', `api/reviews/${zone.zoneId}/report`, {
    revision: review.revision,
    notes: `已清理可燃物 ${user.name}`,
    photos: [{ mime: 'image/jpeg', dataBase64: PHOTO_BASE64, takenAt: '2026-11-30T10:00:00', lon: 108.77, lat: 28.84 }],
  });
  if (result.status === 201) {
    client.wrote(`reviews/${zone.zoneId}`, (result.json as { review: ReviewJson }).review.revision);
    ledger.reports.set(zone.zoneId, (ledger.reports.get(zone.zoneId) ?? 0) + 1);
  }
}

async function viewerTurn(client: Client, ledger: Ledger): Promise<void> {
  const roll = random();
  if (roll < 0.4) await client.call('list plots', 'GET', 'api/plots');
  else if (roll < 0.7) await client.call('list reviews', 'GET', 'api/reviews');
  else if (roll < 0.85 && ledger.plotIds.length > 0) await client.call('read audit of a plot', 'GET', `api/audit?record=plots/${pick(ledger.plotIds)}`);
  else await client.call('list zones', 'GET', 'api/zones');
}

// ---------------------------------------------------------------- verification

interface Verdict {
  readonly records: number;
  readonly lost: string[];
  readonly duplicated: string[];
  readonly inconsistent: string[];
}

async function verify(admin: Client, ledger: Ledger, zones: readonly BenchZone[]): Promise<Verdict> {
  const lost: string[] = [];
  const duplicated: string[] = [];
  const inconsistent: string[] = [];
  const plots = (await admin.call('verify', 'GET', 'api/plots?includeDeleted=true')).json as PlotJson[];
  const reviews = (await admin.call('verify', 'GET', 'api/reviews')).json as ReviewJson[];
  const finalRevision = new Map<string, number>();
  for (const plot of plots) {
    if (finalRevision.has(`plots/${plot.id}`)) duplicated.push(`plots/${plot.id}`);
    finalRevision.set(`plots/${plot.id}`, plot.revision);
  }
  for (const review of reviews) {
    if (finalRevision.has(`reviews/${review.zoneId}`)) duplicated.push(`reviews/${review.zoneId}`);
    finalRevision.set(`reviews/${review.zoneId}`, review.revision);
  }
  // Audit rows, all of them (newest first, pages of 5000).
  const auditCount = new Map<string, number>();
  let before = 2_147_483_647;
  for (;;) {
    const page = (await admin.call('verify', 'GET', `api/audit?limit=5000&before=${before}`)).json as { id: number; recordType: string; recordId: string }[];
    for (const row of page) auditCount.set(`${row.recordType}/${row.recordId}`, (auditCount.get(`${row.recordType}/${row.recordId}`) ?? 0) + 1);
    if (page.length < 5000) break;
    before = page.at(-1)!.id;
  }

  for (const [key, revisions] of ledger.revisions) {
    const final = finalRevision.get(key);
    if (final === undefined) {
      lost.push(key);
      continue;
    }
    const sorted = [...revisions].sort((a, b) => a - b);
    // Every acknowledged write has its own revision and together they are exactly 1…final.
    if (new Set(sorted).size !== sorted.length) duplicated.push(`${key} (revision answered twice)`);
    if (sorted.length !== final || sorted.some((revision, index) => revision !== index + 1)) lost.push(`${key} (answered ${sorted.join(',')}, stored revision ${final})`);
    if ((auditCount.get(key) ?? 0) !== final) inconsistent.push(`${key}: ${auditCount.get(key) ?? 0} audit rows for revision ${final}`);
  }
  for (const key of finalRevision.keys()) if (!ledger.revisions.has(key)) inconsistent.push(`${key}: stored but never acknowledged`);
  for (const zone of zones) {
    const expected = ledger.reports.get(zone.zoneId) ?? 0;
    const details = (await admin.call('verify', 'GET', `api/reviews/${zone.zoneId}`)).json as { reports: { photos: unknown[] }[]; history: unknown[] };
    if (details.reports.length !== expected) lost.push(`reports of ${zone.zoneId}: ${details.reports.length} stored, ${expected} acknowledged`);
    if (details.reports.some((report) => report.photos.length !== 1)) inconsistent.push(`a report of ${zone.zoneId} lost its photo`);
    if (details.history.length !== (finalRevision.get(`reviews/${zone.zoneId}`) ?? 0)) inconsistent.push(`${zone.zoneId}: ${details.history.length} history steps`);
  }
  const reportAudits = [...auditCount.entries()].filter(([key]) => key.startsWith('rectification_reports/')).length;
  const acknowledgedReports = [...ledger.reports.values()].reduce((sum, count) => sum + count, 0);
  if (reportAudits !== acknowledgedReports) inconsistent.push(`${reportAudits} report audit rows for ${acknowledgedReports} reports`);
  return { records: plots.length + reviews.length + acknowledgedReports, lost, duplicated, inconsistent };
}

// ---------------------------------------------------------------- one run

interface RunResult {
  readonly database: string;
  readonly seconds: number;
  readonly requests: number;
  readonly writes: number;
  readonly conflicts: number;
  readonly ledger: Ledger;
  readonly verdict: Verdict;
  readonly signInSeconds: number;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

async function run(databaseUrl: string | undefined): Promise<RunResult> {
  // tsx's loader is per thread: register it in the worker, then load this file there.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(SELF).href)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { ...(databaseUrl ? { databaseUrl } : {}), users: USERS } satisfies WorkerInput });
  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  log(`${ready.kind}: server up on port ${ready.port}, ${ready.users.length} accounts, ${ready.zones.length} zones`);
  const base = `http://127.0.0.1:${ready.port}/`;
  const ledger: Ledger = { revisions: new Map(), reports: new Map(), latencies: new Map(), statuses: new Map(), unexpected: [], plotIds: [] };
  const clients = ready.users.map((user) => ({ user, client: new Client(base, ledger) }));
  const signInStarted = performance.now();
  await Promise.all(clients.map(({ user, client }) => client.call('sign in', 'POST', 'api/session', { name: user.name, password: PASSWORD })));
  const signInSeconds = (performance.now() - signInStarted) / 1000;

  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const simulated = clients.filter(({ user }) => user.role !== 'admin');
  await Promise.all(
    simulated.map(async ({ user, client }) => {
      while (performance.now() < deadline) {
        if (user.role === 'planner') await plannerTurn(client, user, ledger);
        else if (user.role === 'fire_officer') await officerTurn(client, user, ready.zones);
        else if (user.role === 'station') await stationTurn(client, user, ready.zones, ledger);
        else await viewerTurn(client, ledger);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const admin = clients.find(({ user }) => user.role === 'admin')!.client;
  const requests = [...ledger.latencies.entries()].filter(([operation]) => operation !== 'sign in').reduce((sum, [, values]) => sum + values.length, 0);
  const verdict = await verify(admin, ledger, ready.zones);
  const writes = [...ledger.revisions.values()].reduce((sum, list) => sum + list.length, 0);
  const conflicts = [...ledger.statuses.entries()].filter(([key]) => key.endsWith(' 409')).reduce((sum, [, count]) => sum + count, 0);
  worker.postMessage('stop');
  await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  log(`${ready.kind}: ${requests} requests in ${elapsed.toFixed(1)} s, ${writes} writes, ${conflicts} conflicts, lost ${verdict.lost.length}, duplicated ${verdict.duplicated.length}, inconsistent ${verdict.inconsistent.length}`);
  for (const problem of [...verdict.lost, ...verdict.duplicated, ...verdict.inconsistent, ...ledger.unexpected].slice(0, 20)) log(`  ${problem}`);
  return { database: ready.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL', seconds: elapsed, requests, writes, conflicts, ledger, verdict, signInSeconds };
}

/** A fresh database on the server of DATABASE_URL; drop() removes it. */
async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `workspace_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await client.query<{ server_version: string }>('show server_version');
  await client.end();
  return rows.rows[0]!.server_version;
}

function section(results: readonly RunResult[], postgres: string | undefined): string {
  const roles = roleMix(USERS);
  const count = (role: Role) => roles.filter((item) => item === role).length;
  const lines = [
    '## Workspace server',
    '',
    `\`scripts/bench/workspace.bench.ts\`: ${USERS} simulated users — ${count('planner')} planners, ${count('fire_officer')} fire officers, ` +
      `${count('station')} township stations, ${count('viewer')} viewers — each signed in with its own session and working without pause for ${SECONDS} s ` +
      'over HTTP (keep-alive) against the workspace server in a worker thread. Planners create plots of 40–80 irregular vertices, edit ' +
      'any planner\'s plot from a fresh copy and list all plots; fire officers order rectification on 24 zones, urge, accept or send ' +
      'back reports; stations report rectification with a ~150 KB photo on their township\'s zones; viewers list plots, reviews, ' +
      'zones and read a plot\'s audit trail. A 409 is the server refusing a write on an old revision (two users on one record), ' +
      'not an error. Afterwards every record is read back: each acknowledged write has its own revision, the revisions of a ' +
      'record are exactly 1…n, one audit row per write, one history step per review revision, every report with its photo.' +
      (postgres ? ` PostgreSQL ${postgres} from \`scripts/pg-test-cluster.sh\` (Unix socket, default settings).` : ' PostgreSQL: not measured (DATABASE_URL not set).'),
    '',
    '| Database | Requests | Throughput | Acknowledged writes | 409 conflicts | Other errors | Records checked | Lost | Duplicated | Inconsistent |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const result of results) {
    lines.push(
      `| ${result.database} | ${result.requests} | ${(result.requests / result.seconds).toFixed(0)} req/s | ${result.writes} | ${result.conflicts} | ` +
        `${result.ledger.unexpected.length} | ${result.verdict.records} | ${result.verdict.lost.length} | ${result.verdict.duplicated.length} | ${result.verdict.inconsistent.length} |`,
    );
  }
  const operations = [...new Set(results.flatMap((result) => [...result.ledger.latencies.keys()]))].filter((operation) => operation !== 'verify');
  lines.push('', `| Operation | ${results.map((result) => `${result.database} n · p50 · p95 (ms)`).join(' | ')} |`, `|---|${results.map(() => '---:').join('|')}|`);
  for (const operation of operations) {
    const cells = results.map((result) => {
      const values = result.ledger.latencies.get(operation) ?? [];
      return values.length === 0 ? '—' : `${values.length} · ${percentile(values, 0.5).toFixed(0)} · ${percentile(values, 0.95).toFixed(0)}`;
    });
    lines.push(`| ${operation} | ${cells.join(' | ')} |`);
  }
  const [load1, load5] = os.loadavg();
  lines.push('', `Load average when the run ended: ${load1!.toFixed(1)} (1 min), ${load5!.toFixed(1)} (5 min) on ${os.cpus().length} cores.`);
  lines.push('', `Sign-in of all ${USERS + 1} accounts at once (argon2id): ${results.map((result) => `${result.signInSeconds.toFixed(1)} s (${result.database})`).join(', ')}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const results: RunResult[] = [];
  results.push(await run(undefined));
  let postgres: string | undefined;
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    postgres = await postgresVersion(url);
    const database = await freshPostgres(url);
    try {
      results.push(await run(database.url));
    } finally {
      await database.drop();
    }
  }
  process.stdout.write(`${section(results, postgres)}\n`);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  serverWorker(workerData as WorkerInput).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
