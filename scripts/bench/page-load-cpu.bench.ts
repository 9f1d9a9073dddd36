/**
 * Page load measured in CPU time: on a shared machine the wall time of page-load.bench.ts mostly
 * measures the other processes, while the CPU seconds of Chromium's process tree (read from /proc)
 * measure the app. Prints, per run, the wall time with the load average, the CPU by process type
 * and thread name, the map's renders and the User Timing marks: feeds (feed-source.ts), layers read and drawn (data-loading.ts).
 *
 *   npx vite build --outDir /tmp/app && npx tsx scripts/bench/page-load-cpu.bench.ts /tmp/app [runs] [#hash] [trace.json]
 *   npx tsx scripts/bench/page-load-cpu.bench.ts   (builds the app first, 3 runs)
 *
 * A trace file (Chrome tracing, categories from $TRACE_CATEGORIES) shows where the seconds go.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { openBrowser, waitForMapReady } from '../../tests/e2e/browser';
import { threadCpu, waitForQuietBrowser } from './browser-cpu';

const given = process.argv[2];
// Without a built app folder (as in `npm run bench`) it builds one.
const outDir = given ?? mkdtempSync(join(tmpdir(), 'page-load-cpu-'));
if (!given) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
const runs = Number(process.argv[3] ?? 3);
const hash = process.argv[4] ?? '';
const trace = process.argv[5];
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('preview server has no address');
const url = `http://127.0.0.1:${address.port}/${hash}`;
const lines: string[] = [];
for (let run = 0; run < runs; run++) {
  const session = await openBrowser();
  // A browser just launched is still busy with its own start-up (PAGE_LOAD_COLD_BROWSER=1 keeps that in, as before session 13).
  if (process.env.PAGE_LOAD_COLD_BROWSER !== '1') await waitForQuietBrowser();
  // Counts the map's renders from the moment the app exposes it.
  await session.page.addInitScript(() => {
    const page = window as unknown as { __renders: number[]; __forestMap?: { map: { on(event: string, listener: () => void): void } } };
    page.__renders = [];
    const timer = setInterval(() => {
      if (!page.__forestMap) return;
      clearInterval(timer);
      page.__forestMap.map.on('render', () => page.__renders.push(performance.now()));
    }, 5);
  });
  const before = new Map(threadCpu().map((thread) => [thread.key, thread.seconds]));
  if (trace) {
    const categories = (process.env.TRACE_CATEGORIES ?? 'toplevel,v8,disabled-by-default-v8.cpu_profiler,blink.user_timing').split(',');
    await session.browser.startTracing(session.page, { path: trace, categories });
  }
  const started = Date.now();
  await session.page.goto(url);
  await waitForMapReady(session.page, 600_000);
  const wall = (Date.now() - started) / 1000;
  if (trace) await session.browser.stopTracing();
  const { renders, marks } = await session.page.evaluate(() => ({
    renders: (window as unknown as { __renders: number[] }).__renders.map((time) => (time / 1000).toFixed(1)),
    marks: performance.getEntriesByType('mark').map((mark) => `${mark.name.replace('map-fed:source-', '')} ${(mark.startTime / 1000).toFixed(1)}`),
  }));
  const byName = new Map<string, number>();
  let total = 0;
  for (const thread of threadCpu()) {
    const seconds = thread.seconds - (before.get(thread.key) ?? 0);
    total += seconds;
    byName.set(thread.name, (byName.get(thread.name) ?? 0) + seconds);
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  lines.push(`run ${run + 1}: ${wall.toFixed(1)} s wall (load ${load}), ${total.toFixed(1)} s CPU, ${renders.length} renders`);
  const busiest = [...byName].filter(([, seconds]) => seconds >= 0.1).sort((a, b) => b[1] - a[1]);
  lines.push(`  ${busiest.map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`).join(', ')}`);
  lines.push(`  fed / read / drawn (s after navigation): ${marks.join(', ')}`);
  lines.push(`  renders (s after navigation): ${renders.join(' ')}`);
  await session.close();
}
await server.close();
if (!given) rmSync(outDir, { recursive: true, force: true });
console.log(['## Page load: CPU per browser thread', '', '_scripts/bench/page-load-cpu.bench.ts_ (default layers unless a #hash is given; CPU from /proc)', '', '```', ...lines, '```'].join('\n'));
