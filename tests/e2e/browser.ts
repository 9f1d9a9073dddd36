/**
 * Debian's Chromium through playwright-core, with every console error, page error and failed
 * request collected so that each test can fail on them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = 'test-artifacts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

/**
 * mobile: a phone (touch, mobile viewport). serviceWorkers: 'allow' lets the app register its
 * offline worker; blocked by default so other tests do not download the app and data twice.
 */
export async function openBrowser(options: { width?: number; height?: number; mobile?: boolean; serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserSession> {
  // Never skip silently: a missing browser is a failed run.
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Requests cut off because the test itself navigated (reload, goto) are not the app's failures:
  // count main-frame navigations and forgive an abort of a request started before the latest one.
  let navigations = 0;
  const startedIn = new WeakMap<Request, number>();
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1;
    startedIn.set(request, navigations);
  });
  page.on('requestfailed', (request) => {
    const errorText = request.failure()?.errorText ?? '';
    if (errorText === 'net::ERR_ABORTED' && (startedIn.get(request) ?? navigations) < navigations) return;
    problems.push(`request failed: ${request.url()} ${errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    browser,
    context,
    page,
    problems,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

/** Waits until all catalog layers are loaded and the map has rendered them (MapLibre idle). */
export async function waitForMapReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const forestMap = (window as unknown as { __forestMap?: { map: { loaded(): boolean } } }).__forestMap;
      return Boolean(forestMap?.map.loaded()) && !document.querySelector('[data-testid="load-progress"]');
    },
    undefined,
    { timeout, polling: 250 },
  );
  await waitForIdle(page);
}

/**
 * Resolves on the map's next `idle` event once every layer's data have reached the map (a layer
 * shown for the first time is fed then, and the map can be idle between two of its chunks).
 */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __forestMap: { whenIdle(): Promise<void> } }).__forestMap.whenIdle());
}

/**
 * Moves the map without animation and waits until it is idle. The evaluated function has a
 * block body on purpose: `map.jumpTo` returns the Map, and Playwright would serialise that whole
 * object graph back (tens of seconds with a workspace loaded).
 */
export async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ({ center, zoom }) => {
      (window as unknown as { __forestMap: { map: { jumpTo(options: object): void } } }).__forestMap.map.jumpTo({ center, zoom });
    },
    { center, zoom },
  );
  await waitForIdle(page);
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return `${ARTIFACTS_DIR}/${name}`;
}
