/**
 * Panning frame by frame in headless Chromium (SwiftShader WebGL, 2 cores), issue #13's "panning
 * under 50 ms a frame at county zoom with the sub-compartments on": the loaded map is moved 20 px
 * at a time, each step waiting for MapLibre's render, like a drag. Prints, per map content and
 * window size, the median and 90th percentile of the wall time per frame and the browser's CPU
 * per frame (GPU process = SwiftShader drawing and compositing).
 *
 *   npx tsx scripts/bench/pan-frames.bench.ts [built app folder]   (without one it builds the app)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { openBrowser, waitForMapReady } from '../../tests/e2e/browser';
import { threadCpu } from './browser-cpu';

const STEPS = 40;
const STEP_PIXELS = 20;
/** County zoom: the whole county in a 1400 px wide window. */
const VIEW = 'map=9.00/28.86000/108.80000';
const CASES = [
  { label: 'county and neighbour outlines only', layers: '', width: 1400, height: 900 },
  { label: 'default layers (townships, rivers, sub-compartments)', layers: 'townships,rivers,subcompartments', width: 1400, height: 900 },
  { label: 'county and neighbour outlines only, quarter window', layers: '', width: 700, height: 450 },
  { label: 'default layers, quarter window', layers: 'townships,rivers,subcompartments', width: 700, height: 450 },
] as const;

const given = process.argv[2];
const outDir = given ?? mkdtempSync(join(tmpdir(), 'pan-frames-'));
if (!given) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('preview server has no address');

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
const rows: string[] = [];
for (const test of CASES) {
  const session = await openBrowser({ width: test.width, height: test.height });
  try {
    await session.page.goto(`http://127.0.0.1:${address.port}/#${VIEW}&layers=${test.layers}&lang=zh`);
    await waitForMapReady(session.page, 600_000);
    const cpuBefore = new Map(threadCpu().map((thread) => [thread.key, thread]));
    const frames = await session.page.evaluate(
      async ({ steps, pixels }) => {
        const map = (window as unknown as { __forestMap: { map: { once(event: string, listener: () => void): void; panBy(offset: [number, number], options: { animate: boolean }): void } } }).__forestMap.map;
        const times: number[] = [];
        for (let step = 0; step < steps; step++) {
          const rendered = new Promise<void>((resolve) => map.once('render', resolve));
          const started = performance.now();
          map.panBy([step % 2 === 0 ? pixels : -pixels, 0], { animate: false });
          await rendered;
          times.push(performance.now() - started);
        }
        return times;
      },
      { steps: STEPS, pixels: STEP_PIXELS },
    );
    // Let the last frame's drawing finish before reading the CPU.
    await session.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    let browserCpu = 0;
    let gpuCpu = 0;
    for (const thread of threadCpu()) {
      const seconds = thread.seconds - (cpuBefore.get(thread.key)?.seconds ?? 0);
      browserCpu += seconds;
      if (thread.name.startsWith('gpu-process')) gpuCpu += seconds;
    }
    const sorted = [...frames].sort((a, b) => a - b);
    const perFrame = (seconds: number) => `${((seconds * 1000) / STEPS).toFixed(0)} ms`;
    rows.push(
      `| ${test.label} | ${test.width}×${test.height} | ${percentile(sorted, 0.5).toFixed(0)} ms | ${percentile(sorted, 0.9).toFixed(0)} ms | ${perFrame(browserCpu)} | ${perFrame(gpuCpu)} |`,
    );
  } finally {
    await session.close();
  }
}
await server.close();
if (!given) rmSync(outDir, { recursive: true, force: true });

console.log(
  [
    '## Panning frame by frame',
    '',
    `_scripts/bench/pan-frames.bench.ts_ — the production build in Debian Chromium (headless, SwiftShader WebGL, 2 shared cores) at county zoom (${VIEW}), ${STEPS} pans of ${STEP_PIXELS} px, each waiting for MapLibre's render. CPU per frame: all browser processes / the GPU process alone (SwiftShader), from /proc.`,
    '',
    '| map content | window | wall per frame, median | 90th percentile | browser CPU per frame | of it GPU process |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
