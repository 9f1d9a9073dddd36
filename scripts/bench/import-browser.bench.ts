/**
 * Importing large files in the browser (Debian Chromium, SwiftShader, 2 cores): 20,000 and
 * 200,000 forest sub-compartment polygons as GeoJSON and as a zipped Shapefile (EPSG:4545), through
 * the app's own file input, preview dialog and "add to map". Measures: choose files → preview
 * shown (worker parse, reprojection, validation, result delivery), "add" → first features drawn,
 * "add" → whole layer handed to MapLibre's worker and saved in IndexedDB, and reload → layer back
 * on the map; in each phase, from a Chrome trace, the longest main-thread script task, the total
 * blocking time of script tasks, and the longest frame; and the page's JS heap afterwards.
 * Prints a markdown section.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import type { Page } from 'playwright-core';
import { openBrowser, waitForIdle, waitForMapReady } from '../../tests/e2e/browser';
import { benchInputs } from './import-inputs';

/** IMPORT_BENCH_SIZES=20000 for a quicker run. */
const SIZES = (process.env.IMPORT_BENCH_SIZES ?? '20000,200000').split(',').map(Number);
const TIMEOUT = 15 * 60_000;
/** Only the base layers on, so the sample layers' drawing does not compete with the import. */
const START = '#map=8.60/28.86000/108.80000&layers=townships,rivers&lang=zh';

interface Phase {
  /** Milliseconds of wall time. */
  readonly ms: number;
  /** Longest main-thread task running script (the import, MapLibre's messages, the UI). */
  readonly longestScript: number;
  /** Total of the parts of script tasks beyond 50 ms. */
  readonly blocking: number;
  /** Longest main-thread task that drew a frame (compositing, MapLibre's render loop). */
  readonly longestFrame: number;
}

interface Measurement {
  readonly start: Phase;
  readonly size: number;
  readonly format: string;
  readonly megabytes: number;
  readonly parse: Phase;
  readonly firstDrawn: number;
  readonly add: Phase;
  readonly saved: number;
  readonly heapMiB: number;
  /** The same after a forced garbage collection (CDP HeapProfiler.collectGarbage): what the page really keeps. */
  readonly liveHeapMiB: number;
  readonly reload: Phase;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { name?: string };
}

/** Work a task spends on drawing a frame rather than on script. */
const FRAME_EVENTS = new Set(['Commit', 'Paint', 'PrePaint', 'Layout', 'UpdateLayoutTree', 'Layerize', 'FireAnimationFrame', 'UpdateLayerTree', 'CompositeLayers']);

/**
 * Runs `work` under a Chrome trace and sorts the main thread's long tasks (> 50 ms) into frames
 * (most of the task is compositing or the map's render loop — on SwiftShader, software WebGL, these
 * grow with what is drawn) and script (parsing messages, feeding the map, encoding for storage, UI).
 */
async function traced(page: Page, work: () => Promise<void>, trace: boolean): Promise<Phase> {
  if (!trace) {
    const started = Date.now();
    await work();
    return { ms: Date.now() - started, longestScript: NaN, blocking: NaN, longestFrame: NaN };
  }
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => events.push(...(message.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const started = Date.now();
  await work();
  const ms = Date.now() - started;
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const main = events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  let longestScript = 0;
  let longestFrame = 0;
  let blocking = 0;
  for (const thread of main) {
    const slices = events.filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X' && event.dur !== undefined);
    for (const task of slices.filter((event) => event.name === 'RunTask' && event.dur! > 50_000)) {
      const end = task.ts + task.dur!;
      const framed = slices
        .filter((event) => FRAME_EVENTS.has(event.name) && event.ts >= task.ts && event.ts + event.dur! <= end)
        .reduce((sum, event) => sum + event.dur!, 0);
      const duration = task.dur! / 1000;
      if (framed > task.dur! / 2) longestFrame = Math.max(longestFrame, duration);
      else {
        longestScript = Math.max(longestScript, duration);
        blocking += duration - 50;
      }
    }
  }
  return { ms, longestScript, blocking, longestFrame };
}

async function fedMark(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => performance.getEntriesByType('mark').find((mark) => mark.name.startsWith('map-fed:imported-'))?.startTime, undefined, {
    timeout: TIMEOUT,
    polling: 100,
  });
  return (await handle.jsonValue()) as number;
}

/** One import in a fresh browser; with `trace`, phases run under a Chrome trace (slower: times come from a run without). */
async function measure(base: string, size: number, format: string, path: string, trace: boolean): Promise<Measurement> {
  const session = await openBrowser();
  const { page } = session;
  try {
    const start = await traced(
      page,
      async () => {
        await page.goto(`${base}${START}`);
        await waitForMapReady(page, TIMEOUT);
      },
      trace,
    );
    await page.getByTestId('tab-data').click();

    const parse = await traced(page, async () => {
      await page.getByTestId('import-input').setInputFiles(path);
      await page.getByTestId('import-accept').waitFor({ state: 'visible', timeout: TIMEOUT });
    }, trace);

    let firstDrawn = 0;
    let saved = 0;
    const add = await traced(page, async () => {
      const accepted = Date.now();
      await page.getByTestId('import-accept').click();
      await page.waitForFunction(
        () => {
          const state = (window as unknown as { __importedLayers: { layers: Array<{ id: string }> } }).__importedLayers;
          const map = (window as unknown as { __forestMap: { map: { getLayer(id: string): unknown; queryRenderedFeatures(options: { layers: string[] }): unknown[] } } }).__forestMap.map;
          const id = state.layers[0]?.id;
          return Boolean(id && map.getLayer(`${id}-fill`) && map.queryRenderedFeatures({ layers: [`${id}-fill`] }).length > 0);
        },
        undefined,
        { timeout: TIMEOUT, polling: 'raf' },
      );
      firstDrawn = Date.now() - accepted;
      await fedMark(page);
      await page.evaluate(() => (window as unknown as { __importedLayers: { whenSaved(): Promise<void> } }).__importedLayers.whenSaved());
      saved = Date.now() - accepted;
      await waitForIdle(page);
    }, trace);
    const usedHeap = () => page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20);
    const heapMiB = await usedHeap();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
    const liveHeapMiB = await usedHeap();

    const reload = await traced(page, async () => {
      await page.reload();
      await waitForMapReady(page, TIMEOUT);
      await fedMark(page);
      await waitForIdle(page);
    }, trace);
    return { size, format, megabytes: statSync(path).size / 2 ** 20, start, parse, firstDrawn, add, saved, heapMiB, liveHeapMiB, reload };
  } finally {
    await session.close();
  }
}

const outDir = mkdtempSync(join(tmpdir(), 'forest-map-bench-'));
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('preview server has no address');
const base = `http://127.0.0.1:${address.port}/`;

const results: Array<{ timed: Measurement; tasks: Measurement }> = [];
const sources = new Set<string>();
try {
  for (const size of SIZES) {
    const inputs = await benchInputs(size);
    sources.add(inputs.source);
    for (const [format, path] of [['GeoJSON', inputs.geojson], ['Shapefile (zip, EPSG:4545)', inputs.shapefile]] as const) {
      console.error(`  ${size} ${format}`);
      const timed = await measure(base, size, format, path, false);
      const tasks = await measure(base, size, format, path, true);
      results.push({ timed, tasks });
    }
  }
} finally {
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (value: number) => `${Math.round(value)} ms`;
const tasks = (phase: Phase) => `${ms(phase.longestScript)} · ${ms(phase.blocking)} · ${ms(phase.longestFrame)}`;
console.log(
  [
    '## Import in the browser',
    '',
    '_scripts/bench/import-browser.bench.ts_ — the production build in Debian Chromium (headless, SwiftShader WebGL, 1400×900, 2 shared cores), one fresh browser per row, only the base layers switched on. ' +
      'The file goes through the app’s file input; parsing, reprojection and validation run in the import worker a batch of 5,000 features at a time, each batch sent as soon as it is finished as a compact chunk (Float64 coordinates + JSON attributes, buffers transferred) that the page decodes to GeoJSON. ' +
      'On “add to map” the layer goes to MapLibre in steps growing from 2,000 to 16,000 features (`setData` with the first, then `updateData({ add })`, each awaited), so MapLibre’s own worker tiles it (geojson-vt) while the page stays responsive, ' +
      'and the worker’s chunks are saved in IndexedDB as they are. ' +
      'Each phase runs under a Chrome trace; its main-thread tasks over 50 ms are split into **script** (the import’s messages, feeding the map, encoding, UI) and **frames** (compositing and the map’s render loop — in software WebGL these grow with the polygons drawn; a GPU draws them in a few ms). ' +
      'Columns “script · blocking · frame”: longest script task, total of script tasks beyond 50 ms, longest frame. ' +
      'Reload: from navigation to the saved layer back on the map, with the app’s start and its sample layers included; the last column is the same app start before anything was imported ' +
      '(its longest script task is the sample sub-compartment layer arriving from the layer loader, not the import). ' +
      'Times come from a run without tracing; the task columns from a second, traced run (tracing slows frames).',
    '',
    `Source polygons: ${[...sources].join('; ')}.`,
    '',
    '| polygons | format | file | choose → preview | script · blocking · frame | add → first drawn | add → all on map and saved | script · blocking · frame | page heap (after a forced GC) | reload → on map | script · blocking · frame | app start without the import: script · blocking · frame |',
    '|---:|---|---:|---:|---|---:|---:|---|---:|---:|---|---|',
    ...results.map(({ timed: r, tasks: t }) =>
      [
        '',
        r.size.toLocaleString('en'),
        r.format,
        `${r.megabytes.toFixed(1)} MiB`,
        s(r.parse.ms),
        tasks(t.parse),
        s(r.firstDrawn),
        s(r.saved),
        tasks(t.add),
        `${r.heapMiB.toFixed(0)} MiB (${r.liveHeapMiB.toFixed(0)} MiB)`,
        s(r.reload.ms),
        tasks(t.reload),
        tasks(t.start),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ].join('\n'),
);
