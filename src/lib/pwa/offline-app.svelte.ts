/**
 * The page's side of the service worker (src/pwa/service-worker.ts): registers it in the built
 * app, says when the app is ready offline, and announces a new version instead of letting it
 * replace files under an open session — the new worker waits until the user chooses to reload.
 */

export class OfflineAppState {
  /** A new version is installed and waits for the user's reload. */
  updateReady = $state.raw(false);
  /** The first install finished: the app now opens without a network. */
  offlineReady = $state.raw(false);
  private waiting: ServiceWorker | null = null;
  private reloadRequested = false;

  constructor(private readonly container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker) {}

  /** Registers ./sw.js (no-op where service workers are unavailable: http off localhost, old browsers). */
  async register(url = './sw.js'): Promise<void> {
    const container = this.container;
    if (!container) return;
    container.addEventListener('controllerchange', () => {
      // Only the user's own choice reloads the page; a first install taking control does not.
      if (this.reloadRequested) window.location.reload();
    });
    let registration: ServiceWorkerRegistration | undefined;
    try {
      registration = await container.register(url);
    } catch (error) {
      // The app works as before without it; offline use is what is lost.
      console.warn('Service worker not registered:', error);
      return;
    }
    // A browser that blocks service workers (a policy, an automation setting) may resolve with nothing.
    if (!registration) return;
    if (registration.waiting && container.controller) this.announce(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state !== 'installed') return;
        if (container.controller) this.announce(installing);
        else this.offlineReady = true;
      });
    });
  }

  /** The user chose to reload: the waiting version takes over, then the page reloads. */
  reload(): void {
    if (!this.waiting) return;
    this.reloadRequested = true;
    this.waiting.postMessage({ type: 'skip-waiting' });
  }

  dismiss(): void {
    this.updateReady = false;
    this.offlineReady = false;
  }

  private announce(worker: ServiceWorker): void {
    this.waiting = worker;
    this.updateReady = true;
  }
}
