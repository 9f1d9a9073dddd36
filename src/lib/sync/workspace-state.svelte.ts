/**
 * The workspace as the UI sees it (Svelte runes): which mode the app is in, who is signed in, and
 * the sync's status (reachable or not, changes waiting, conflicts). In local-only mode nothing
 * here runs and the app is exactly the single-user app.
 *
 * Mode: the workspace server marks the page it serves (<meta name="youyang-workspace">); a page
 * without the mark (the static build on any file server, Vite's dev server) is local-only and makes
 * no request to /api at all. With the mark, GET /api/health decides; when the server cannot be
 * reached, a session remembered from an earlier visit keeps the app in workspace mode, offline.
 */
import { PlotRepository } from '../state/plots/plot-repository';
import { CHANGE_CHANNEL } from '../state/persistence/revisioned-store';
import { ApiClient, ApiError, type WorkspaceUser } from './api-client';
import type { Outbox, SyncProblem } from './outbox';
import { permissions } from './permissions.svelte';
import { SYNC_ORIGIN_PREFIX } from './sync-kind';
import type { FieldComparison, SyncEngine, SyncStatus, UploadReport } from './sync-engine';
import type { LiveEvents, LiveState } from './live-events';

export const WORKSPACE_MARKER = 'youyang-workspace';
const REMEMBERED_USER = 'youyang-workspace-user';
const RETRY_MILLISECONDS = 15_000;

export type WorkspaceMode = 'detecting' | 'local' | 'workspace';
export type SignInError = 'wrong' | 'too-many' | 'unreachable' | 'other';

export function servedByWorkspace(document: Document): boolean {
  return document.querySelector(`meta[name="${WORKSPACE_MARKER}"]`) !== null;
}

export class WorkspaceState {
  mode = $state<WorkspaceMode>('detecting');
  user = $state.raw<WorkspaceUser | null>(null);
  sync = $state.raw<SyncStatus | null>(null);
  live = $state<LiveState>('closed');
  browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  signInOpen = $state(false);
  signingIn = $state(false);
  signInError = $state<SignInError | null>(null);
  signInDetail = $state('');
  uploading = $state(false);
  uploadReport = $state.raw<UploadReport | null>(null);
  /** The problem shown in the conflict dialog. */
  openProblem = $state.raw<SyncProblem | null>(null);

  readonly connection: 'online' | 'offline' | 'connecting' = $derived(
    !this.browserOnline || this.sync?.reachability === 'offline' ? 'offline' : this.live === 'open' ? 'online' : 'connecting',
  );

  readonly api: ApiClient;
  private engine: SyncEngine | null = null;
  private outbox: Outbox | null = null;
  private events: LiveEvents | null = null;
  private stops: (() => void)[] = [];

  constructor(api = new ApiClient()) {
    this.api = api;
  }

  /** Keeps the permissions the components read in step with the mode and the user. */
  private setUser(user: WorkspaceUser | null): void {
    this.user = user;
    permissions.role = this.mode !== 'workspace' ? null : (user?.role ?? 'signed-out');
    permissions.townshipCode = user?.townshipCode ?? null;
  }

  async start(): Promise<void> {
    if (!servedByWorkspace(document)) {
      this.mode = 'local';
      return;
    }
    const remembered = rememberedUser();
    try {
      const health = await this.api.health();
      if (!health.ok) throw new ApiError('server', 503, 'workspace database unavailable');
    } catch {
      if (!remembered) {
        this.mode = 'local';
        return;
      }
      this.mode = 'workspace';
      this.setUser(remembered);
      await this.startSync();
      return;
    }
    this.mode = 'workspace';
    this.setUser(null);
    // Nobody signed in on this device: ask for a name rather than the server (a 401 is no news).
    if (!remembered) return;
    try {
      this.setUser(await this.api.currentUser());
      remember(this.user);
      await this.startSync();
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'offline' && remembered) {
        this.setUser(remembered);
        await this.startSync();
      } else {
        remember(null);
      }
    }
  }

  async signIn(name: string, password: string): Promise<boolean> {
    this.signingIn = true;
    this.signInError = null;
    try {
      this.setUser(await this.api.signIn(name, password));
      remember(this.user);
      this.signInOpen = false;
      await this.startSync();
      return true;
    } catch (error) {
      const kind = error instanceof ApiError ? error.kind : 'other';
      this.signInError = kind === 'signed-out' ? 'wrong' : kind === 'too-many' ? 'too-many' : kind === 'offline' ? 'unreachable' : 'other';
      this.signInDetail = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.signingIn = false;
    }
  }

  async signOut(): Promise<void> {
    // Changes still waiting stay in the outbox for the next sign-in.
    await this.engine?.flush();
    this.stopSync();
    remember(null);
    this.setUser(null);
    try {
      await this.api.signOut();
    } catch {
      // Offline: the cookie expires on the server by itself.
    }
  }

  async resolve(problem: SyncProblem, choice: 'mine' | 'theirs'): Promise<void> {
    await this.engine?.resolve(problem, choice);
    this.openProblem = null;
  }

  compare(problem: SyncProblem): FieldComparison[] {
    return this.engine?.compare(problem) ?? [];
  }

  async uploadLocal(): Promise<void> {
    if (!this.engine) return;
    this.uploading = true;
    try {
      this.uploadReport = await this.engine.uploadLocal();
    } finally {
      this.uploading = false;
    }
  }

  /** Pushes what is waiting now (a retry button, or the page being hidden). */
  flush(): Promise<void> {
    return this.engine?.flush() ?? Promise.resolve();
  }

  dispose(): void {
    this.stopSync();
  }

  // ——— inside ———

  private async startSync(): Promise<void> {
    if (this.engine) return;
    // The sync machinery loads only in a workspace: a local-only page never needs it.
    // The fire office's stores too: the page starts without them (issue #13, initial JavaScript).
    const [{ Outbox }, { SyncEngine }, { plotSync }, { reviewSync }, { facilitySync }, { LiveEvents }, { ReviewRepository }, { FacilityRepository }] = await Promise.all([
      import('./outbox'),
      import('./sync-engine'),
      import('./plot-sync'),
      import('./review-sync'),
      import('./facility-sync'),
      import('./live-events'),
      import('../state/fire/review-store'),
      import('../state/fire/facility-repository'),
    ]);
    if (this.engine) return;
    const origin = `${SYNC_ORIGIN_PREFIX}${crypto.randomUUID()}`;
    const [outbox, plots, reviews, facilities] = await Promise.all([
      Outbox.open(),
      PlotRepository.open({ origin }),
      ReviewRepository.open({ origin }),
      FacilityRepository.open({ origin }),
    ]);
    const engine = new SyncEngine(this.api, outbox, [plotSync(plots), reviewSync(reviews), facilitySync(facilities)]);
    this.outbox = outbox;
    this.engine = engine;
    this.stops.push(
      engine.onStatus((status) => {
        this.sync = status;
        if (status.reachability === 'signed-out' && this.user) this.sessionEnded();
      }),
    );
    this.stops.push(() => {
      plots.close();
      reviews.close();
      facilities.close();
    });

    // Local edits: every store announces its writes on the change channel (other tabs listen too).
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(CHANGE_CHANNEL);
      channel.addEventListener('message', (event: MessageEvent) => void engine.localChange(event.data as Parameters<SyncEngine['localChange']>[0]));
      this.stops.push(() => channel.close());
    }

    const online = () => {
      this.browserOnline = true;
      void this.catchUp();
    };
    const offline = () => {
      this.browserOnline = false;
      engine.setOffline();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.stops.push(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    });

    this.events = new LiveEvents(this.api.url('events'), {
      onState: (state) => (this.live = state),
      onOpen: () => void this.catchUp(),
      onChange: (event) => void engine.remoteChange(event),
    });
    this.stops.push(() => this.events?.close());

    const timer = setInterval(() => {
      if ((this.sync?.pending ?? 0) > 0 || this.sync?.reachability === 'offline') void this.catchUp();
    }, RETRY_MILLISECONDS);
    this.stops.push(() => clearInterval(timer));

    await this.catchUp();
  }

  /** After sign-in and every reconnect: push what waits, then read what changed meanwhile. */
  private async catchUp(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    await engine.flush();
    await engine.pull();
    this.events?.ensureOpen();
  }

  private sessionEnded(): void {
    this.stopSync();
    remember(null);
    this.setUser(null);
    this.signInError = null;
    this.signInOpen = true;
  }

  private stopSync(): void {
    this.engine?.stop();
    for (const stop of this.stops.splice(0).reverse()) stop();
    this.outbox?.close();
    this.engine = null;
    this.outbox = null;
    this.events = null;
    this.sync = null;
    this.live = 'closed';
  }
}

function rememberedUser(): WorkspaceUser | null {
  try {
    const text = localStorage.getItem(REMEMBERED_USER);
    return text ? (JSON.parse(text) as WorkspaceUser) : null;
  } catch {
    return null;
  }
}

function remember(user: WorkspaceUser | null): void {
  try {
    if (user) localStorage.setItem(REMEMBERED_USER, JSON.stringify(user));
    else localStorage.removeItem(REMEMBERED_USER);
  } catch {
    // Storage refused (private mode): the app only loses the offline start.
  }
}

/** The one workspace of the page (components read its mode, user and permissions). */
export const workspace = new WorkspaceState();
