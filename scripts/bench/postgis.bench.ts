/**
 * This project's statistics CLI against the best PostGIS queries, on the same misaligned files
 * (not a test). Zones: 10 county outlines from one source; polygons: 40–80-vertex cells from
 * another (misaligned-fixture.ts). Prints one markdown section ("## Statistics against PostGIS").
 *
 *   npx tsx scripts/bench/postgis.bench.ts [--sizes 20000,200000] [--runs 2]
 *
 * Needs Debian's postgresql-15-postgis-3 and gdal-bin (ogr2ogr). Without them it prints that the
 * rows were skipped: no figure from another day is presented as measured.
 *
 * - PostGIS: a throwaway cluster (scripts/pg-test-cluster.sh), the files loaded with ogr2ogr and
 *   indexed (load time excluded), then three queries, each timed on its own: plain
 *   ST_Intersection, the ST_Within shortcut, and zones ST_Subdivide'd (subdivision included in the
 *   time) with the ST_Within shortcut. Areas on the geography (spheroid).
 * - This project: `npm run stats` end to end, as a user runs it (npm and Node start, the compiled
 *   CLI, reading both FlatGeobuf files, validation, statistics on the worker pool, JSON output),
 *   and the same CLI started without npm (`node src/cli/launch.mjs`).
 * Runs alternate (PostGIS queries, then the CLI) so both see the same machine load; per-zone
 * areas of every run are compared with the subdivided query's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const sizes = argument('sizes', '20000,200000').split(',').map(Number);
const runs = Number(argument('runs', '2'));
const log = (message: string) => process.stderr.write(`[postgis.bench] ${message}\n`);
const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(1);
const range = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 1 || sorted[0] === sorted.at(-1) ? `${seconds(sorted[0]!)} s` : `${seconds(sorted[0]!)}–${seconds(sorted.at(-1)!)} s`;
};

const CLUSTER_DIR = '/tmp/postgis-bench-cluster';
const CLUSTER_PORT = '55433';
const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control';

type ZoneAreas = Map<string, number>;

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** utime, stime, cutime, cstime of a process from /proc (seconds), or null when it is gone. */
function processTimes(pid: number | 'self'): { own: number; children: number; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), own: (Number(fields[11]) + Number(fields[12])) / TICKS, children: (Number(fields[13]) + Number(fields[14])) / TICKS };
  } catch {
    return null;
  }
}

/**
 * CPU seconds the cluster has used so far: its live processes (the backend, parallel workers) and
 * the children the postmaster has reaped. Load on a shared machine stretches wall time; CPU time
 * says what each side costs.
 */
function clusterCpuSeconds(): number {
  const postmaster = Number(readFileSync(join(CLUSTER_DIR, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const times = processTimes(pid);
    if (!times) continue;
    if (pid === postmaster) total += times.own + times.children;
    else if (times.ppid === postmaster) total += times.own;
  }
  return total;
}

const QUERIES: Record<string, string> = {
  'plain ST_Intersection': `
    select z.code, sum(ST_Area(ST_Intersection(z.geom, p.geom)::geography)) as area
    from zones z join polygons p on ST_Intersects(z.geom, p.geom) group by z.code`,
  'ST_Within shortcut': `
    select z.code, sum(case when ST_Within(p.geom, z.geom) then ST_Area(p.geom::geography)
                            else ST_Area(ST_Intersection(z.geom, p.geom)::geography) end) as area
    from zones z join polygons p on ST_Intersects(z.geom, p.geom) group by z.code`,
  'subdivided zones + ST_Within': `
    with pieces as materialized (select code, ST_Subdivide(geom, 256) as geom from zones)
    select s.code, sum(case when ST_Within(p.geom, s.geom) then ST_Area(p.geom::geography)
                            else ST_Area(ST_Intersection(s.geom, p.geom)::geography) end) as area
    from pieces s join polygons p on ST_Intersects(s.geom, p.geom) group by s.code`,
};
const REFERENCE_QUERY = 'subdivided zones + ST_Within';

function missingTools(): string | null {
  if (!existsSync(POSTGIS_CONTROL)) return 'PostGIS is not installed (apt-get install -y postgresql-15-postgis-3)';
  if (spawnSync('ogr2ogr', ['--version']).status !== 0) return 'ogr2ogr is not installed (apt-get install -y gdal-bin)';
  return null;
}

function fixtureDirectory(size: number): string {
  const directory = `bench-output/misaligned-${Math.round(size / 1000)}k`;
  if (!existsSync(join(directory, 'polygons.fgb'))) {
    log(`generating ${directory} …`);
    execFileSync('npx', ['tsx', 'scripts/bench/misaligned-fixture.ts', '--polygons', String(size), '--out', directory], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return directory;
}

function startCluster(): string {
  const env = { ...process.env, PG_TEST_DIR: CLUSTER_DIR, PG_TEST_PORT: CLUSTER_PORT };
  return execFileSync('sh', ['scripts/pg-test-cluster.sh', 'start'], { env, encoding: 'utf8' }).trim();
}

function stopCluster(): void {
  const env = { ...process.env, PG_TEST_DIR: CLUSTER_DIR, PG_TEST_PORT: CLUSTER_PORT };
  spawnSync('sh', ['scripts/pg-test-cluster.sh', 'stop'], { env, stdio: 'ignore' });
}

function load(file: string, table: string): void {
  execFileSync(
    'ogr2ogr',
    ['-f', 'PostgreSQL', `PG:host=${CLUSTER_DIR} port=${CLUSTER_PORT} user=postgres dbname=postgres`, resolve(file),
      '-nln', table, '-overwrite', '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=GIST', '-nlt', 'PROMOTE_TO_MULTI', '-a_srs', 'EPSG:4326'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

async function postgisRun(client: pg.Client, sql: string): Promise<{ milliseconds: number; cpu: number; areas: ZoneAreas }> {
  const cpuBefore = clusterCpuSeconds();
  const started = performance.now();
  const result = await client.query<{ code: string; area: string }>(sql);
  const milliseconds = performance.now() - started;
  return { milliseconds, cpu: clusterCpuSeconds() - cpuBefore, areas: new Map(result.rows.map((row) => [row.code, Number(row.area)])) };
}

/**
 * One CLI run: through npm (`npm run stats`, exactly what a user types, npm's own start of ~0.3 s
 * included) or as `node src/cli/launch.mjs` (the same CLI without npm).
 */
function cliRun(directory: string, viaNpm: boolean): { milliseconds: number; cpu: number; areas: ZoneAreas; timing: string } {
  const scratch = mkdtempSync(join(os.tmpdir(), 'postgis-bench-'));
  const out = join(scratch, 'stats.json');
  // npm, the shell and node are reaped in turn, so their CPU time lands in this process's children's time.
  const cpuBefore = processTimes('self')!.children;
  const started = performance.now();
  const cliArguments = ['--zones', join(directory, 'zones.fgb'), '--layer', `subcompartments=${join(directory, 'polygons.fgb')}`, '--zone-id-field', 'CODE', '--format', 'json', '--out', out];
  const [command, commandArguments] = viaNpm ? ['npm', ['run', '-s', 'stats', '--', ...cliArguments]] : [process.execPath, ['src/cli/launch.mjs', ...cliArguments]];
  const run = spawnSync(command, commandArguments, { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  const milliseconds = performance.now() - started;
  const cpu = processTimes('self')!.children - cpuBefore;
  if (run.status !== 0) throw new Error(`${viaNpm ? 'npm run stats' : 'node src/cli/launch.mjs'} failed (${run.status}): ${run.stderr}`);
  // The CLI's own last line: "read … s, statistics … s, written to …".
  const timing = /read [\d.]+ s, statistics [\d.]+ s/.exec(run.stderr)?.[0] ?? '';
  const report = JSON.parse(readFileSync(out, 'utf8')) as { zones: { id: string; layers: Record<string, { areaSquareMetres: number } | undefined> }[] };
  rmSync(scratch, { recursive: true, force: true });
  return { milliseconds, cpu, timing, areas: new Map(report.zones.map((zone) => [zone.id, zone.layers['subcompartments']?.areaSquareMetres ?? 0])) };
}

/** Largest relative per-zone difference between two results (zones absent from one count as 0). */
function worstDifference(a: ZoneAreas, b: ZoneAreas): number {
  let worst = 0;
  for (const code of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(code) ?? 0;
    const y = b.get(code) ?? 0;
    const scale = Math.max(Math.abs(x), Math.abs(y));
    if (scale > 0) worst = Math.max(worst, Math.abs(x - y) / scale);
  }
  return worst;
}

async function main(): Promise<void> {
  const title = '## Statistics against PostGIS (misaligned data)';
  const missing = missingTools();
  if (missing) {
    process.stdout.write(`${title}\n\nSkipped on this machine: ${missing}. No PostGIS figure is shown rather than one from another day.\n`);
    return;
  }
  const lines = [
    title,
    '',
    `Zones: the 10 county outlines in data/ (another source than the polygons, overlapping along their borders); polygons: 40–80-vertex cells of \`scripts/bench/misaligned-fixture.ts\`. PostGIS ${''}3 on Debian's PostgreSQL 15 in a throwaway cluster; files loaded with ogr2ogr (not timed), GiST-indexed, areas on the geography. This project: \`npm run stats\` end to end as a user runs it (npm and Node start, reading both FlatGeobuf files, validation, statistics on a worker pool of all cores, JSON out), and the same CLI without npm's ~0.3 s start (\`node src/cli/launch.mjs\`). ${runs} alternating run(s) per size; ranges are min–max. "agrees" is the largest per-zone relative difference from the subdivided PostGIS query.`,
    '',
    '| polygons | PostGIS plain | PostGIS ST_Within | PostGIS subdivided | this project, `npm run stats` end to end (its own read / statistics split) | ratio (best PostGIS ÷ CLI median) | the same CLI without npm (`node src/cli/launch.mjs`) | ratio | agrees | 1-min load | CPU time: cheapest PostGIS query ÷ CLI (medians) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  stopCluster();
  const url = startCluster();
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('create extension if not exists postgis');
    for (const size of sizes) {
      const directory = fixtureDirectory(size);
      log(`${size}: loading into PostGIS …`);
      load(join(directory, 'zones.fgb'), 'zones');
      load(join(directory, 'polygons.fgb'), 'polygons');
      await client.query('vacuum analyze zones');
      await client.query('vacuum analyze polygons');
      const times: Record<string, number[]> = Object.fromEntries(Object.keys(QUERIES).map((name) => [name, []]));
      const cpus: Record<string, number[]> = Object.fromEntries(Object.keys(QUERIES).map((name) => [name, []]));
      const cliCpus: number[] = [];
      const cliTimes: number[] = [];
      const cliTimings: string[] = [];
      const directTimes: number[] = [];
      const loads: number[] = [os.loadavg()[0]!];
      let worst = 0;
      for (let run = 0; run < runs; run += 1) {
        let reference: ZoneAreas | undefined;
        for (const [name, sql] of Object.entries(QUERIES)) {
          log(`${size} run ${run + 1}: PostGIS ${name} …`);
          const result = await postgisRun(client, sql);
          times[name]!.push(result.milliseconds);
          cpus[name]!.push(result.cpu);
          loads.push(os.loadavg()[0]!);
          if (name === REFERENCE_QUERY) reference = result.areas;
          log(`  ${seconds(result.milliseconds)} s (CPU ${result.cpu.toFixed(2)} s)`);
        }
        log(`${size} run ${run + 1}: CLI without npm …`);
        const direct = cliRun(directory, false);
        directTimes.push(direct.milliseconds);
        log(`  ${seconds(direct.milliseconds)} s (${direct.timing}; CPU ${direct.cpu.toFixed(2)} s)`);
        worst = Math.max(worst, worstDifference(reference!, direct.areas));
        log(`${size} run ${run + 1}: CLI …`);
        const cli = cliRun(directory, true);
        cliTimes.push(cli.milliseconds);
        cliCpus.push(cli.cpu);
        cliTimings.push(cli.timing);
        log(`  ${seconds(cli.milliseconds)} s (${cli.timing}; CPU ${cli.cpu.toFixed(2)} s)`);
        loads.push(os.loadavg()[0]!);
        worst = Math.max(worst, worstDifference(reference!, cli.areas));
      }
      const best = Math.min(...times[REFERENCE_QUERY]!, ...times['ST_Within shortcut']!, ...times['plain ST_Intersection']!);
      const middle = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const cliMedian = middle(cliTimes);
      const bestCpu = Math.min(...Object.values(cpus).map(middle));
      lines.push(
        `| ${size.toLocaleString('en')} | ${range(times['plain ST_Intersection']!)} | ${range(times['ST_Within shortcut']!)} | ${range(times[REFERENCE_QUERY]!)} | ${range(cliTimes)} (${cliTimings.join('; ')}) | ${(best / cliMedian).toFixed(2)}× | ${range(directTimes)} | ${(best / middle(directTimes)).toFixed(2)}× | ${worst.toExponential(1)} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} | ${bestCpu.toFixed(2)} s / ${middle(cliCpus).toFixed(2)} s = ${(bestCpu / middle(cliCpus)).toFixed(2)}× |`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
    stopCluster();
  }
  lines.push('', `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Ratio above 1 means this project is faster than the best PostGIS query.`);
  // Node reads and parses that certificate file at every start, before any of the CLI's code: on the
  // 2-core VM it was ~45 ms for each of the two Node processes of `npm run stats`.
  if (process.env.NODE_EXTRA_CA_CERTS) lines.push('', `NODE_EXTRA_CA_CERTS was set (${process.env.NODE_EXTRA_CA_CERTS}): every Node start, npm's and the CLI's, paid for reading it.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
