/**
 * The installable, offline app: the icons are valid PNGs with the same bytes every build, the
 * version changes with any file's content, and the page announces a new version and applies it
 * only when the user reloads (a fake service worker container).
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iconPng } from '../../scripts/pwa/icon-png';
import { contentVersion, webManifest } from '../../scripts/pwa/vite-plugin-offline';

const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes }).$state = runes;
const { OfflineAppState } = await import('../../src/lib/pwa/offline-app.svelte');

describe('app icons and manifest', () => {
  it('draws a valid PNG of the asked size, the same bytes every time', () => {
    const png = iconPng(48);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(48);
    expect(view.getUint32(20)).toBe(48);
    const idatLength = view.getUint32(33);
    expect(new TextDecoder().decode(png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(48 * (48 * 3 + 1));
    // Corner: the dark green background; centre: the pale tree.
    expect([...raw.subarray(1, 4)]).toEqual([0x2f, 0x4a, 0x2c]);
    const centre = 24 * (48 * 3 + 1) + 1 + 24 * 3;
    expect([...raw.subarray(centre, centre + 3)]).toEqual([0xe8, 0xf0, 0xd8]);
    expect(Buffer.from(iconPng(48)).equals(Buffer.from(png))).toBe(true);
  });

  it('lists icons that the build emits, relative to the app so it installs from any folder', () => {
    const manifest = webManifest() as { start_url: string; scope: string; icons: { src: string; sizes: string; purpose: string }[] };
    expect(manifest.start_url).toBe('./');
    expect(manifest.scope).toBe('./');
    expect(manifest.icons.map((icon) => `${icon.src} ${icon.sizes} ${icon.purpose}`)).toEqual([
      'icons/icon-192.png 192x192 any',
      'icons/icon-512.png 512x512 any',
      'icons/icon-512.png 512x512 maskable',
    ]);
  });

  it('changes the version when any file changes and not when the listing order does', () => {
    const a = contentVersion(new Map<string, string | Uint8Array>([['a.js', 'x'], ['data/b.fgb', new Uint8Array([1, 2])]]));
    const reordered = contentVersion(new Map<string, string | Uint8Array>([['data/b.fgb', new Uint8Array([1, 2])], ['a.js', 'x']]));
    const changed = contentVersion(new Map<string, string | Uint8Array>([['a.js', 'x'], ['data/b.fgb', new Uint8Array([1, 3])]]));
    expect(reordered).toBe(a);
    expect(changed).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  messages: unknown[] = [];
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  install(worker: FakeWorker): void {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }
}

class FakeContainer extends EventTarget {
  controller: FakeWorker | null = null;
  registered: string[] = [];
  constructor(readonly registration: FakeRegistration) {
    super();
  }
  async register(url: string): Promise<FakeRegistration> {
    this.registered.push(url);
    return this.registration;
  }
}

function withReloads(): { count: number } {
  const reloads = { count: 0 };
  (globalThis as unknown as { window: unknown }).window = { location: { reload: () => reloads.count++ } };
  return reloads;
}

describe('OfflineAppState', () => {
  it('says the app works offline after the first install, without reloading the page', async () => {
    const reloads = withReloads();
    const registration = new FakeRegistration();
    const container = new FakeContainer(registration);
    const offline = new OfflineAppState(container as unknown as ServiceWorkerContainer);
    await offline.register();
    expect(container.registered).toEqual(['./sw.js']);
    const worker = new FakeWorker();
    registration.install(worker);
    worker.become('installed');
    expect(offline.offlineReady).toBe(true);
    expect(offline.updateReady).toBe(false);
    // The first worker takes control (clients.claim): no reload.
    container.controller = worker;
    container.dispatchEvent(new Event('controllerchange'));
    expect(reloads.count).toBe(0);
  });

  it('announces a new version and lets it take over only when the user reloads', async () => {
    const reloads = withReloads();
    const registration = new FakeRegistration();
    const container = new FakeContainer(registration);
    container.controller = new FakeWorker();
    const offline = new OfflineAppState(container as unknown as ServiceWorkerContainer);
    await offline.register();
    const update = new FakeWorker();
    registration.install(update);
    update.become('installed');
    expect(offline.updateReady).toBe(true);
    expect(update.messages).toEqual([]);
    offline.reload();
    expect(update.messages).toEqual([{ type: 'skip-waiting' }]);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reloads.count).toBe(1);
  });

  it('finds a version already waiting when the page opens', async () => {
    withReloads();
    const registration = new FakeRegistration();
    registration.waiting = new FakeWorker();
    const container = new FakeContainer(registration);
    container.controller = new FakeWorker();
    const offline = new OfflineAppState(container as unknown as ServiceWorkerContainer);
    await offline.register();
    expect(offline.updateReady).toBe(true);
    offline.dismiss();
    expect(offline.updateReady).toBe(false);
  });

  it('does nothing where service workers are unavailable', async () => {
    const offline = new OfflineAppState(undefined);
    await offline.register();
    expect(offline.updateReady).toBe(false);
    expect(offline.offlineReady).toBe(false);
  });
});
