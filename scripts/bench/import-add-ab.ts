/**
 * A/B of a large import's "add" phase in two production builds, alternately, one fresh browser per
 * run (Debian Chromium, SwiftShader; not part of `npm run bench`, which has no second build): the
 * 200,000-polygon GeoJSON of the import benchmarks goes through the app's file input and preview,
 * then from "add" the time until the layer is drawn, until the whole layer reached MapLibre's
 * worker, and until it is saved in IndexedDB; the page's heap after a forced garbage collection;
 * the map's renders meanwhile. Builds to compare: any `vite build --outDir DIR` of the trees in
 * question (the reference tree included).
 *
 * npx tsx scripts/bench/import-add-ab.ts <build A> <build B> [runs = 3] [file]
 */
import { preview } from 'vite';
import { openBrowser, waitForMapReady } from '../../tests/e2e/browser';
import { benchInputs } from './import-inputs';

const [buildA, buildB, runsText, fileArgument] = process.argv.slice(2);
if (!buildA || !buildB) throw new Error('usage: import-add-ab.ts <build A> <build B> [runs] [file]');
const runs = Number(runsText ?? 3);
const file = fileArgument ?? (await benchInputs(200_000)).geojson;
const START = '#map=8.60/28.86000/108.80000&layers=townships,rivers&lang=zh';
const TIMEOUT = 15 * 60_000;

interface PageWindow {
  __forestMap: { map: { on(event: string, listener: () => void): void; getLayer(id: string): unknown; queryRenderedFeatures(options: { layers: string[] }): unknown[] } };
  __importedLayers: { layers: Array<{ id: string }>; whenSaved(): Promise<void> };
  __renders: number;
}

async function serve(outDir: string) {
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no address');
  return { server, base: `http://127.0.0.1:${address.port}/` };
}

async function measure(base: string) {
  const { page, close } = await openBrowser();
  try {
    await page.goto(`${base}${START}`);
    await waitForMapReady(page, TIMEOUT);
    await page.getByTestId('tab-data').click();
    const chosen = Date.now();
    await page.getByTestId('import-input').setInputFiles(file);
    await page.getByTestId('import-accept').waitFor({ state: 'visible', timeout: TIMEOUT });
    const preview = Date.now() - chosen;
    await page.evaluate(() => {
      const page = window as unknown as PageWindow;
      page.__renders = 0;
      page.__forestMap.map.on('render', () => (page.__renders += 1));
    });
    const accepted = Date.now();
    await page.getByTestId('import-accept').click();
    await page.waitForFunction(
      () => {
        const { __importedLayers: layers, __forestMap: forestMap } = window as unknown as PageWindow;
        const id = layers.layers[0]?.id;
        return Boolean(id && forestMap.map.getLayer(`${id}-fill`) && forestMap.map.queryRenderedFeatures({ layers: [`${id}-fill`] }).length > 0);
      },
      undefined,
      { timeout: TIMEOUT, polling: 'raf' },
    );
    const drawn = Date.now() - accepted;
    await page.waitForFunction(() => performance.getEntriesByType('mark').some((mark) => mark.name.startsWith('map-fed:imported-')), undefined, { timeout: TIMEOUT, polling: 100 });
    const fed = Date.now() - accepted;
    await page.evaluate(() => (window as unknown as PageWindow).__importedLayers.whenSaved());
    const saved = Date.now() - accepted;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
    const heapMiB = await page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20);
    const renders = await page.evaluate(() => (window as unknown as PageWindow).__renders);
    return { preview, drawn, fed, saved, heapMiB: Math.round(heapMiB), renders };
  } finally {
    await close();
  }
}

const builds = [buildA, buildB];
const servers = await Promise.all(builds.map(serve));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`File: ${file}\n\n| build | choose → preview | add → drawn | add → fed | add → saved | page heap after GC | renders |\n|---|---|---|---|---|---|---|`);
try {
  for (let run = 0; run < runs; run++) {
    for (const [index, { base }] of servers.entries()) {
      const result = await measure(base);
      console.log(`| ${builds[index]} | ${seconds(result.preview)} | ${seconds(result.drawn)} | ${seconds(result.fed)} | ${seconds(result.saved)} | ${result.heapMiB} MiB | ${result.renders} |`);
    }
  }
} finally {
  await Promise.all(servers.map(({ server }) => server.close()));
}
