/**
 * The rectification workflow in workspace mode (Svelte runes), straight against the server: the
 * reviews of every zone, the selected zone's steps and reports, the fire officer's order /
 * accept / send back, the station's report with photos. Other users' steps arrive live through
 * the server's event stream. Every write is awaited; a refusal or a conflict is shown and the
 * latest record is read again, so nothing is overwritten silently.
 */
import { localized, untranslated, type LocalizedText } from '../../i18n';
import '../../i18n/rectification-messages'; // the texts of a tool that loads on use
import { readPhotoExif } from '../../io/photo-exif';
import { bytesToBase64, formatBytes, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, preparePhoto } from '../../io/photo-resize';
import { ApiError, type ApiClient, type RemoteReview, type WorkspaceUser } from '../../sync/api-client';
import type { WorkspaceState } from '../../sync/workspace-state.svelte';
import { LiveEvents } from '../../sync/live-events';
import { localDateText } from './review-model';
import { openOrdersOf, type RectificationDetails, type WorkspaceZone } from './rectification-model';

/** A photo ready to send: resized JPEG, its EXIF fields, a preview address. */
export interface DraftPhoto {
  readonly key: string;
  readonly fileName: string;
  readonly dataBase64: string;
  readonly byteSize: number;
  readonly previewUrl: string;
  readonly takenAt: string | null;
  readonly lon: number | null;
  readonly lat: number | null;
}

export class RectificationState {
  reviews = $state.raw<RemoteReview[]>([]);
  zones = $state.raw<ReadonlyMap<string, WorkspaceZone>>(new Map());
  zoneId = $state<string | null>(null);
  details = $state.raw<RectificationDetails | null>(null);
  busy = $state(false);
  preparing = $state(false);
  error = $state.raw<LocalizedText | null>(null);
  photoError = $state.raw<LocalizedText | null>(null);
  photos = $state.raw<DraftPhoto[]>([]);
  today = $state(localDateText(new Date()));

  /** The station's open orders (empty for other roles). */
  readonly openOrders: RemoteReview[] = $derived.by(() => {
    const user = this.user();
    return user?.role === 'station' && user.townshipCode ? openOrdersOf(this.reviews, this.zones, user.townshipCode) : [];
  });

  private events: LiveEvents | null = null;
  private photoSequence = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly user: () => WorkspaceUser | null,
  ) {}

  /** Reads zones and reviews and follows the event stream; returns the stop function. */
  start(): () => void {
    void this.refresh();
    this.events = new LiveEvents(this.api.url('events'), {
      onState: () => undefined,
      onOpen: () => void this.refresh(),
      onChange: (change) => {
        if (change.type !== 'reviews' && change.type !== 'rectification_reports') return;
        void this.refreshReviews();
        if (change.type === 'reviews' && change.id === this.zoneId) void this.loadDetails(change.id);
      },
    });
    return () => this.stop();
  }

  stop(): void {
    this.events?.close();
    this.events = null;
    this.clearPhotos();
  }

  async refresh(): Promise<void> {
    try {
      const zones = await this.api.request<WorkspaceZone[]>('GET', 'zones');
      this.zones = new Map(zones.map((zone) => [zone.zoneId, zone]));
    } catch (error) {
      this.error = this.problem(error);
    }
    await this.refreshReviews();
    if (this.zoneId) await this.loadDetails(this.zoneId);
  }

  async refreshReviews(): Promise<void> {
    try {
      this.reviews = await this.api.listReviews();
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  async select(zoneId: string | null): Promise<void> {
    if (zoneId === this.zoneId) return;
    this.zoneId = zoneId;
    this.details = null;
    this.error = null;
    this.clearPhotos();
    if (zoneId) await this.loadDetails(zoneId);
  }

  /** The station user may report on this zone (its township's, with an open order). */
  canReport(zoneId: string): boolean {
    const user = this.user();
    return user?.role === 'station' && user.townshipCode !== null && this.zones.get(zoneId)?.townshipCode === user.townshipCode;
  }

  isFireOfficer(): boolean {
    return this.user()?.role === 'fire_officer';
  }

  async order(zoneId: string, order: { actions: readonly string[]; deadline: string; notes: string }): Promise<boolean> {
    const review = this.details?.review;
    if (!review) return false;
    return this.write(zoneId, () =>
      this.api.putReview(zoneId, review.revision, {
        status: '需整改',
        reviewer: this.user()?.name ?? '',
        reviewDate: this.today,
        notes: order.notes,
        actions: order.actions,
        deadline: order.deadline,
      }),
    );
  }

  async accept(zoneId: string): Promise<boolean> {
    return this.officerVerdict(zoneId, '已审核', '');
  }

  async sendBack(zoneId: string, reason: string): Promise<boolean> {
    return this.officerVerdict(zoneId, '需整改', reason);
  }

  async report(zoneId: string, notes: string): Promise<boolean> {
    const review = this.details?.review;
    if (!review) return false;
    const photos = this.photos.map(({ dataBase64, takenAt, lon, lat }) => ({ mime: 'image/jpeg', dataBase64, takenAt, lon, lat }));
    const done = await this.write(zoneId, () => this.api.request('POST', `reviews/${encodeURIComponent(zoneId)}/report`, { revision: review.revision, notes, photos }));
    if (done) this.clearPhotos();
    return done;
  }

  /** Reads, resizes and checks the chosen photos; each problem names its file. */
  async addPhotos(files: readonly File[]): Promise<void> {
    this.photoError = null;
    this.preparing = true;
    try {
      for (const file of files) {
        if (this.photos.length >= MAX_PHOTOS_PER_REPORT) {
          this.photoError = localized('rectification.tooManyPhotos', { count: MAX_PHOTOS_PER_REPORT });
          return;
        }
        try {
          // EXIF first: re-encoding the resized photo drops it.
          const exif = await readPhotoExif(file);
          const prepared = await preparePhoto(file);
          if (!prepared.fits) {
            this.photoError = localized('rectification.photoTooBig', { file: file.name, size: formatBytes(prepared.jpeg.size), limit: formatBytes(MAX_PHOTO_BYTES) });
            continue;
          }
          const bytes = new Uint8Array(await prepared.jpeg.arrayBuffer());
          this.photos = [
            ...this.photos,
            { key: `photo-${++this.photoSequence}`, fileName: file.name, dataBase64: bytesToBase64(bytes), byteSize: bytes.length, previewUrl: URL.createObjectURL(prepared.jpeg), ...exif },
          ];
        } catch (error) {
          this.photoError = localized('rectification.photoUnreadable', { file: file.name, detail: untranslated(error instanceof Error ? error.message : String(error)) });
        }
      }
    } finally {
      this.preparing = false;
    }
  }

  removePhoto(key: string): void {
    const photo = this.photos.find((item) => item.key === key);
    if (photo) URL.revokeObjectURL(photo.previewUrl);
    this.photos = this.photos.filter((item) => item.key !== key);
  }

  photoUrl(photoId: string): string {
    return this.api.url(`photos/${encodeURIComponent(photoId)}`);
  }

  // ——— inside ———

  private clearPhotos(): void {
    for (const photo of this.photos) URL.revokeObjectURL(photo.previewUrl);
    this.photos = [];
    this.photoError = null;
  }

  private officerVerdict(zoneId: string, status: '已审核' | '需整改', reason: string): Promise<boolean> {
    const review = this.details?.review;
    if (!review) return Promise.resolve(false);
    return this.write(zoneId, () =>
      this.api.putReview(zoneId, review.revision, {
        status,
        reviewer: this.user()?.name ?? '',
        reviewDate: this.today,
        notes: review.notes,
        actions: review.actions,
        deadline: review.deadline,
        reason,
      }),
    );
  }

  private async loadDetails(zoneId: string): Promise<void> {
    try {
      const details = await this.api.request<RectificationDetails>('GET', `reviews/${encodeURIComponent(zoneId)}`);
      if (this.zoneId === zoneId) this.details = details;
    } catch (error) {
      if (this.zoneId === zoneId) this.error = this.problem(error);
    }
  }

  /** One awaited write; afterwards the zone and the list are read again (also after a refusal). */
  private async write(zoneId: string, send: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await send();
      return true;
    } catch (error) {
      this.error = this.problem(error);
      return false;
    } finally {
      await Promise.all([this.loadDetails(zoneId), this.refreshReviews()]);
      this.busy = false;
    }
  }

  private problem(error: unknown): LocalizedText {
    const detail = untranslated(error instanceof Error ? error.message : String(error));
    if (!(error instanceof ApiError)) return localized('rectification.failed', { detail });
    if (error.kind === 'conflict') return localized('rectification.conflict', { author: (error.current as { updatedBy?: string } | undefined)?.updatedBy ?? '?' });
    if (error.kind === 'forbidden') return localized('rectification.forbidden', { detail });
    if (error.kind === 'offline') return localized('rectification.offline');
    return localized('rectification.failed', { detail });
  }
}

let shared: RectificationState | null = null;
let users = 0;

/**
 * The page's one rectification state, started while any component uses it (the order list and
 * the zone panel and the map layer share it); call the returned function when done.
 */
export function useRectification(api: ApiClient, user: () => WorkspaceUser | null): { state: RectificationState; release: () => void } {
  shared ??= new RectificationState(api, user);
  const state = shared;
  if (users++ === 0) state.start();
  let released = false;
  return {
    state,
    release() {
      if (released) return;
      released = true;
      if (--users === 0) state.stop();
    },
  };
}

/**
 * The shared rectification state while a workspace user is signed in, null otherwise (the
 * local-only app makes no request to /api). Call while a component or an effect root is set up.
 */
export function followSignedInRectification(workspace: WorkspaceState): { readonly current: RectificationState | null } {
  let current = $state.raw<RectificationState | null>(null);
  $effect(() => {
    if (workspace.mode !== 'workspace' || !workspace.user) return;
    const use = useRectification(workspace.api, () => workspace.user);
    current = use.state;
    return () => {
      current = null;
      use.release();
    };
  });
  return {
    get current() {
      return current;
    },
  };
}
