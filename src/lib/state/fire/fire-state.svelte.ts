/**
 * The fire office's workspace: the high-risk zone list with filters, the review of the selected
 * zone (saved as typed, with history), the facilities (edited radius, moved, added, removed —
 * kept in IndexedDB) and the viewing-coverage analysis with its camera suggestion.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { geometryAreaSquareMetres } from '../../geo/area';
import { facilitiesFromFeatures, newFacilityId, radiusProblem, type Facility } from '../../geo/coverage/facility';
import type { CoverageZone, ZoneCoverage } from '../../geo/coverage/viewing-coverage';
import type { CoverageAnalysis as FireCoverageResult } from '../../../workers/fire-coverage-client';
import type { StoredReviewHistoryEntry, StoredZoneReview } from '../persistence/database';
import { ConflictError } from '../persistence/repository';
import { FireCoverageClient } from '../../../workers/fire-coverage-client';
import { ReviewRepository } from './review-store';
import { FacilityRepository } from './facility-repository';
import { draftOf, hasReviewer, localDateText, type ReviewDraft, type ReviewStatus } from './review-model';
import { officerStep, type OfficerRefusal } from '../../sync/review-workflow';
import { permissions } from '../../sync/permissions.svelte';
import { localized, type LocalizedText } from '../../i18n';
import '../../i18n/fire-messages'; // the texts of a tool that loads on use
import type { MessageKey } from '../../i18n';

export interface FireZoneEntry {
  /** Index in the fire-zones layer (the map's feature id). */
  readonly featureId: number;
  readonly zoneId: string;
  readonly name: string;
  readonly level: number;
  readonly township: string;
  readonly species: string;
  readonly areaSquareMetres: number;
  readonly geometry: Polygon | MultiPolygon;
}

export interface ZoneFilter {
  readonly levels: readonly number[];
  readonly township: string;
  readonly status: ReviewStatus | '';
}

export type FacilityMode = 'none' | 'move' | 'add';

/** What went wrong with the facilities: a refused radius, or a write (with a retry) or a conflict. */
export interface FacilityProblem {
  readonly kind: 'radius' | 'write' | 'conflict';
  readonly text: LocalizedText;
}

/** A review that could not be written; the draft is kept so it can be retried. */
export interface ReviewProblem {
  readonly zoneId: string;
  readonly text: LocalizedText;
  /** Conflicts are resolved by reloading, not by retrying. */
  readonly retryable: boolean;
}

/** The form's message for a change the workspace server would refuse. */
const REFUSAL_MESSAGES: Record<OfficerRefusal, MessageKey> = {
  'order-incomplete': 'fire.error.orderIncomplete',
  'station-only': 'fire.error.stationReports',
  'reason-needed': 'fire.error.returnNeedsReason',
  'accept-or-return': 'fire.error.acceptOrReturn',
};

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
export type ZoneSortKey = 'level' | 'area' | 'name' | 'coverage';

/** Radius of the suggested extra camera and of newly added cameras. */
export const DEFAULT_CAMERA_RADIUS_METRES = 5000;

export function zoneEntries(collection: FeatureCollection | undefined): FireZoneEntry[] {
  if (!collection) return [];
  const entries: FireZoneEntry[] = [];
  collection.features.forEach((feature, index) => {
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return;
    const properties = feature.properties ?? {};
    entries.push({
      featureId: index,
      zoneId: String(properties.ZONE_ID ?? index),
      name: String(properties.MING_CHENG ?? properties.ZONE_ID ?? index),
      level: Number(properties.DENG_JI ?? 0),
      township: String(properties.XIANG ?? ''),
      species: String(properties.YOU_SHI_SZ ?? ''),
      areaSquareMetres: geometryAreaSquareMetres(geometry),
      geometry,
    });
  });
  return entries;
}

export interface FireRepositories {
  readonly reviews: ReviewRepository;
  readonly facilities: FacilityRepository;
}

/** The fire office's repositories over the app's database. */
export async function openFireRepositories(): Promise<FireRepositories> {
  const [reviews, facilities] = await Promise.all([ReviewRepository.open(), FacilityRepository.open()]);
  return { reviews, facilities };
}

export class FireState {
  zones = $state.raw<FireZoneEntry[]>([]);
  filter = $state<ZoneFilter>({ levels: [], township: '', status: '' });
  sortKey = $state<ZoneSortKey>('level');
  selectedZoneId = $state<string | null>(null);
  reviews = $state.raw<ReadonlyMap<string, StoredZoneReview>>(new Map());
  history = $state.raw<StoredReviewHistoryEntry[]>([]);
  /** Saving state of the review form, and the last problem (e.g. a conflict with another tab). */
  saving = $state(false);
  /** Bumped when reviews are reloaded from outside this form (another tab), so the form resets. */
  reviewEpoch = $state(0);
  reviewError = $state.raw<ReviewProblem | null>(null);
  /**
   * Edits not written yet, per zone: drafts waiting for a reviewer (every history entry names its
   * author, so a review is first saved once it has one) and drafts whose write failed.
   */
  heldDrafts = $state.raw<ReadonlyMap<string, ReviewDraft>>(new Map());
  /** True once open() has loaded the facilities: from then on the map draws `facilities`. */
  opened = $state(false);
  facilities = $state.raw<Facility[]>([]);
  selectedFacilityId = $state<string | null>(null);
  facilityMode = $state<FacilityMode>('none');
  facilityError = $state.raw<FacilityProblem | null>(null);
  coverage = $state.raw<FireCoverageResult | null>(null);
  coverageRunning = $state(false);
  coverageProgress = $state(0);
  coverageError = $state<string | null>(null);
  /** Draw the uncovered parts and the suggested camera on the map (while the fire tab is open). */
  showUncovered = $state(true);
  /** The zone sheet shown for printing. */
  printPreview = $state(false);
  printImage = $state<string | null>(null);

  private store: ReviewRepository | null = null;
  private facilityStore: FacilityRepository | null = null;
  private unsubscribeReviews: (() => void) | null = null;
  private unsubscribeFacilities: (() => void) | null = null;
  private facilitiesRevision = 0;
  /** Saves run one after another, each based on the review the previous one wrote. */
  private saveQueue: Promise<void> = Promise.resolve();
  /** Facility writes likewise, each based on the revision the previous one wrote. */
  private facilityQueue: Promise<void> = Promise.resolve();
  private pendingSaves = 0;
  private readonly coverageClient = new FireCoverageClient();
  /** The suggested camera's label on the map, in both languages (the page starts without the fire office's texts). */
  readonly suggestionLabel: LocalizedText = localized('fire.suggestion');

  constructor(private readonly openRepositories: () => Promise<FireRepositories> = openFireRepositories) {}

  coverageByZone = $derived(new Map<string, ZoneCoverage>((this.coverage?.summary.zones ?? []).map((zone) => [zone.zoneId, zone])));

  visibleZones = $derived.by(() => {
    const { levels, township, status } = this.filter;
    const list = this.zones.filter(
      (zone) =>
        (levels.length === 0 || levels.includes(zone.level)) &&
        (!township || zone.township === township) &&
        (!status || this.statusOf(zone.zoneId) === status),
    );
    const coverage = this.coverageByZone;
    const compare: Record<ZoneSortKey, (a: FireZoneEntry, b: FireZoneEntry) => number> = {
      level: (a, b) => b.level - a.level || b.areaSquareMetres - a.areaSquareMetres,
      area: (a, b) => b.areaSquareMetres - a.areaSquareMetres,
      name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      coverage: (a, b) => (coverage.get(a.zoneId)?.share ?? 0) - (coverage.get(b.zoneId)?.share ?? 0),
    };
    return list.sort(compare[this.sortKey]);
  });

  selectedZone = $derived(this.zones.find((zone) => zone.zoneId === this.selectedZoneId) ?? null);
  selectedReview = $derived(this.selectedZoneId ? this.reviews.get(this.selectedZoneId) : undefined);
  townships = $derived([...new Set(this.zones.map((zone) => zone.township))].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  selectedFacility = $derived(this.facilities.find((facility) => facility.id === this.selectedFacilityId) ?? null);

  statusOf(zoneId: string): ReviewStatus {
    return draftOf(this.reviews.get(zoneId)).status;
  }

  /** What the review form shows for a zone: unsaved edits first, else the saved review; a missing date is today. */
  formDraft(zoneId: string, today: Date = new Date()): ReviewDraft {
    const draft = this.heldDrafts.get(zoneId) ?? draftOf(this.reviews.get(zoneId));
    return draft.reviewDate ? draft : { ...draft, reviewDate: localDateText(today) };
  }

  /** Opens its repositories, loads zones, facilities (saved edits first) and reviews; then computes coverage. */
  async open(zones: FeatureCollection | undefined, facilities: FeatureCollection | undefined): Promise<void> {
    this.zones = zoneEntries(zones);
    if (!this.store || !this.facilityStore) {
      const opened = await this.openRepositories();
      this.store = opened.reviews;
      this.facilityStore = opened.facilities;
    }
    const saved = await this.facilityStore.load();
    this.facilitiesRevision = saved.revision;
    const edited = saved.facilities;
    if (saved.unreadable) {
      this.facilityError = {
        kind: 'conflict',
        text: localized('fire.error.facilitiesUnreadable'),
      };
    }
    this.facilities = edited ?? (facilities ? facilitiesFromFeatures(facilities) : []);
    this.opened = true;
    await this.reloadReviews();
    this.unsubscribeReviews ??= this.store.subscribe(() => void this.reloadReviews());
    // Another tab's or the workspace sync's write (another user's edit): shown, and the next save builds on it.
    this.unsubscribeFacilities ??= this.facilityStore.subscribe(() => void this.reloadFacilities());
    void this.computeCoverage();
  }

  /** Reads the saved facility list again, in turn with this panel's own writes. */
  reloadFacilities(): Promise<void> {
    this.facilityQueue = this.facilityQueue.then(async () => {
      if (!this.facilityStore) return;
      const saved = await this.facilityStore.load();
      if (saved.revision === this.facilitiesRevision || !saved.facilities) return;
      this.facilitiesRevision = saved.revision;
      this.facilities = saved.facilities;
      if (this.selectedFacilityId && !saved.facilities.some((facility) => facility.id === this.selectedFacilityId)) this.selectedFacilityId = null;
      if (this.facilityError?.kind === 'conflict') this.facilityError = null;
      void this.computeCoverage();
    });
    return this.facilityQueue;
  }

  async reloadReviews(): Promise<void> {
    if (!this.store) return;
    this.reviews = new Map((await this.store.list()).map((review) => [review.id, review]));
    this.reviewEpoch += 1;
    await this.refreshHistory(this.selectedZoneId);
  }

  async selectZone(zoneId: string | null): Promise<void> {
    this.selectedZoneId = zoneId;
    // A failed write stays shown (with its retry) until it succeeds; other messages belong to their zone.
    if (this.reviewError && !this.reviewError.retryable && this.reviewError.zoneId !== zoneId) this.reviewError = null;
    this.history = [];
    await this.refreshHistory(zoneId);
  }

  /** Reads a zone's history; shown only if that zone is still the selected one when it arrives. */
  private async refreshHistory(zoneId: string | null): Promise<void> {
    if (!zoneId || !this.store) return;
    const history = await this.store.history(zoneId);
    if (this.selectedZoneId === zoneId) this.history = history;
  }

  /** Steps through the visible zones in list order (keyboard navigation). */
  async step(offset: 1 | -1): Promise<FireZoneEntry | null> {
    const list = this.visibleZones;
    if (list.length === 0) return null;
    const index = list.findIndex((zone) => zone.zoneId === this.selectedZoneId);
    const next = list[index === -1 ? 0 : Math.min(list.length - 1, Math.max(0, index + offset))]!;
    await this.selectZone(next.zoneId);
    return next;
  }

  /**
   * Saves a zone's review. The zone is named by the caller (the form the edit was typed in), never
   * taken from the current selection. A draft without a reviewer is held until it has one.
   */
  saveReview(zoneId: string, draft: ReviewDraft): Promise<void> {
    if (!hasReviewer(draft)) {
      this.heldDrafts = new Map(this.heldDrafts).set(zoneId, draft);
      return Promise.resolve();
    }
    // In the workspace a change the server would refuse (e.g. 需整改 without a deadline) is held
    // here with its reason, never queued for a push that would come back refused.
    const refusal = this.workspaceRefusal(zoneId, draft);
    if (refusal) {
      this.heldDrafts = new Map(this.heldDrafts).set(zoneId, draft);
      this.reviewError = { zoneId, retryable: false, text: localized(REFUSAL_MESSAGES[refusal]) };
      return Promise.resolve();
    }
    this.pendingSaves += 1;
    this.saving = true;
    this.saveQueue = this.saveQueue.then(() => this.writeReview(zoneId, draft));
    return this.saveQueue;
  }

  /**
   * Why the workspace server would refuse this change of the zone's saved review (the shared
   * workflow rules), or null; always null in local-only mode, where the form saves as ever.
   */
  workspaceRefusal(zoneId: string, draft: ReviewDraft): OfficerRefusal | null {
    if (permissions.role === null) return null;
    const verdict = officerStep(this.statusOf(zoneId), { status: draft.status, actions: draft.actions, deadline: draft.deadline || null, reason: '' });
    return 'rule' in verdict ? verdict.rule : null;
  }

  /** Writes a zone's held draft again (after a failed write). */
  retryReview(zoneId: string): Promise<void> {
    const draft = this.heldDrafts.get(zoneId);
    return draft ? this.saveReview(zoneId, draft) : Promise.resolve();
  }

  /** True while the zone has edits not written yet (waiting for a reviewer, or a failed write). */
  isHeld(zoneId: string): boolean {
    return this.heldDrafts.has(zoneId);
  }

  private forgetHeld(zoneId: string): void {
    if (!this.heldDrafts.has(zoneId)) return;
    const held = new Map(this.heldDrafts);
    held.delete(zoneId);
    this.heldDrafts = held;
  }

  private async writeReview(zoneId: string, draft: ReviewDraft): Promise<void> {
    if (!this.store) return;
    const zoneName = this.zones.find((zone) => zone.zoneId === zoneId)?.name ?? zoneId;
    try {
      const saved = await this.store.save(zoneId, draft, this.reviews.get(zoneId));
      if (saved) this.reviews = new Map(this.reviews).set(zoneId, saved);
      this.forgetHeld(zoneId);
      if (this.reviewError?.zoneId === zoneId) this.reviewError = null;
      await this.refreshHistory(zoneId);
    } catch (error) {
      if (error instanceof ConflictError) {
        this.forgetHeld(zoneId);
        this.reviewError = {
          zoneId,
          retryable: false,
          text: localized('fire.error.reviewChangedElsewhere', { zone: zoneName }),
        };
        await this.reloadReviews().catch(() => undefined);
      } else {
        // Kept, so the edit is not lost and can be retried.
        this.heldDrafts = new Map(this.heldDrafts).set(zoneId, draft);
        this.reviewError = { zoneId, retryable: true, text: localized('fire.error.reviewNotSaved', { zone: zoneName, detail: reasonOf(error) }) };
      }
    } finally {
      this.pendingSaves -= 1;
      this.saving = this.pendingSaves > 0;
    }
  }

  /** Sets a facility's viewing radius; an unusable value is refused with a message. */
  async setRadius(facilityId: string, radiusMetres: number): Promise<void> {
    const problem = radiusProblem(radiusMetres);
    if (problem) {
      this.facilityError = { kind: 'radius', text: problem };
      return;
    }
    if (this.facilityError?.kind === 'radius') this.facilityError = null;
    await this.updateFacilities(this.facilities.map((facility) => (facility.id === facilityId ? { ...facility, radiusMetres } : facility)));
  }

  /** While a radius is typed: an earlier radius message goes as soon as the value is usable. */
  radiusTyped(radiusMetres: number): void {
    if (this.facilityError?.kind === 'radius' && !radiusProblem(radiusMetres)) this.facilityError = null;
  }

  /** A map click while moving or adding a facility. */
  async placeFacility(position: [number, number]): Promise<void> {
    const mode = this.facilityMode;
    this.facilityMode = 'none';
    if (mode === 'move' && this.selectedFacilityId) {
      const id = this.selectedFacilityId;
      await this.updateFacilities(this.facilities.map((facility) => (facility.id === id ? { ...facility, position } : facility)));
    } else if (mode === 'add') {
      const id = newFacilityId();
      this.selectedFacilityId = id;
      await this.updateFacilities([...this.facilities, { id, kind: '视频监控', name: this.newCameraName(), position, radiusMetres: DEFAULT_CAMERA_RADIUS_METRES }]);
    }
  }

  async removeFacility(facilityId: string): Promise<void> {
    if (this.selectedFacilityId === facilityId) this.selectedFacilityId = null;
    await this.updateFacilities(this.facilities.filter((facility) => facility.id !== facilityId));
  }

  /** Writes the facilities again after a failed write. */
  retryFacilities(): Promise<void> {
    return this.persistFacilities();
  }

  /** A readable name for a new camera (its identity is the id, not this number). */
  private newCameraName(): string {
    const numbers = this.facilities.map((facility) => /^新增监控点 (\d+)$/.exec(facility.name)?.[1]).filter((value) => value !== undefined);
    return `新增监控点 ${Math.max(0, ...numbers.map(Number)) + 1}`;
  }

  /** The edit shows at once (list, map and coverage use the same list); its write is awaited. */
  private async updateFacilities(facilities: Facility[]): Promise<void> {
    this.facilities = facilities;
    const coverage = this.computeCoverage();
    await this.persistFacilities();
    await coverage;
  }

  /** Queues a write of the current facility list; a failure is shown with its reason and kept for a retry. */
  private persistFacilities(): Promise<void> {
    this.facilityQueue = this.facilityQueue.then(async () => {
      if (!this.facilityStore) return;
      try {
        this.facilitiesRevision = await this.facilityStore.save(this.facilities, this.facilitiesRevision);
        if (this.facilityError?.kind === 'write') this.facilityError = null;
      } catch (error) {
        this.facilityError =
          error instanceof ConflictError
            ? { kind: 'conflict', text: localized('fire.error.facilitiesChangedElsewhere') }
            : { kind: 'write', text: localized('fire.error.facilitiesNotSaved', { detail: reasonOf(error) }) };
      }
    });
    return this.facilityQueue;
  }

  async computeCoverage(): Promise<void> {
    const zones: CoverageZone[] = this.zones.map((zone) => ({ id: zone.zoneId, geometry: zone.geometry }));
    this.coverageRunning = true;
    this.coverageError = null;
    try {
      const result = await this.coverageClient.compute(zones, this.facilities, DEFAULT_CAMERA_RADIUS_METRES, (fraction) => (this.coverageProgress = fraction));
      if (result) {
        this.coverage = result;
        this.coverageRunning = false;
      }
    } catch (error) {
      this.coverageError = error instanceof Error ? error.message : String(error);
      this.coverageRunning = false;
    }
  }

  dispose(): void {
    this.coverageClient.dispose();
    this.unsubscribeReviews?.();
    this.unsubscribeFacilities?.();
    this.store?.close();
    this.facilityStore?.close();
  }
}
