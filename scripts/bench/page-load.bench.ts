/**
 * Page load in headless Chromium (SwiftShader WebGL, 2 cores): time from navigation to the map's
 * idle with every layer loaded, with the default layers and with all layers switched on; plus
 * the production bundle's size, raw and gzip. Prints a markdown section.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { LAYERS } from '../../src/lib/layers/catalog';
import { openBrowser, waitForMapReady } from '../../tests/e2e/browser';
import { waitForQuietBrowser } from './browser-cpu';

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function bundleSizes(): { file: string; raw: number; gzip: number }[] {
  const assets = 'dist/assets';
  return readdirSync(assets)
    .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
    .map((file) => {
      const bytes = readFileSync(`${assets}/${file}`);
      return { file, raw: statSync(`${assets}/${file}`).size, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
}

async function timeToIdle(url: string): Promise<number> {
  const session = await openBrowser();
  try {
    // Timed from navigation in a browser already open, as a bureau's is (not during its own start-up).
    await waitForQuietBrowser();
    const started = Date.now();
    await session.page.goto(url);
    await waitForMapReady(session.page, 300_000);
    return Date.now() - started;
  } finally {
    await session.close();
  }
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('preview server has no address');
const base = `http://127.0.0.1:${address.port}/`;
const allLayers = LAYERS.filter((layer) => layer.toggleable).map((layer) => layer.id).join(',');

const defaultRuns: number[] = [];
const allRuns: number[] = [];
for (let run = 0; run < RUNS; run++) {
  defaultRuns.push(await timeToIdle(base));
  allRuns.push(await timeToIdle(`${base}#map=8.60/28.86000/108.80000&layers=${allLayers}&lang=zh`));
}
await server.close();

const sizes = bundleSizes();
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const lines = [
  '## Page load and bundle',
  '',
  '_scripts/bench/page-load.bench.ts_ — production build served by `vite preview`, Debian Chromium headless with SwiftShader (software WebGL), 1400×900.',
  '',
  `| measurement | median of ${RUNS} | runs |`,
  '|---|---|---|',
  `| navigation → all layers loaded and map idle, default layers | ${(median(defaultRuns) / 1000).toFixed(2)} s | ${defaultRuns.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s |`,
  `| navigation → all layers loaded and map idle, every layer on | ${(median(allRuns) / 1000).toFixed(2)} s | ${allRuns.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s |`,
  '',
  '| bundle file | raw | gzip |',
  '|---|---|---|',
  ...sizes.map((entry) => `| ${entry.file.replace(/-[\w-]{8}\./, '-[hash].')} | ${kib(entry.raw)} | ${kib(entry.gzip)} |`),
  `| **total** | ${kib(sizes.reduce((sum, entry) => sum + entry.raw, 0))} | ${kib(sizes.reduce((sum, entry) => sum + entry.gzip, 0))} |`,
];
console.log(lines.join('\n'));
