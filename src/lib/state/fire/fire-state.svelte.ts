/**
 * The fire office's workspace: the high-risk zone list with filters, the review of the selected
 * zone (saved as typed, with history), the facilities (edited radius, moved, added, removed —
 * kept in IndexedDB) and the viewing-coverage analysis with its camera suggestion.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LocalizedText } from '../../layers/catalog';
import { geometryAreaSquareMetres } from '../../geo/area';
import { facilitiesFromFeatures, radiusProblem, type Facility } from '../../geo/coverage/facility';
import type { CoverageZone, ZoneCoverage } from '../../geo/coverage/viewing-coverage';
import type { FireCoverageResult } from '../../../workers/fire-coverage.protocol';
import type { ForestMapDatabase, StoredReviewHistoryEntry, StoredZoneReview } from '../persistence/database';
import { ConflictError, RevisionedStore } from '../persistence/revisioned-store';
import { FireCoverageClient } from './fire-coverage-client';
import { ReviewStore } from './review-store';
import { draftOf, type ReviewDraft, type ReviewStatus } from './review-model';

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
export type ZoneSortKey = 'level' | 'area' | 'name' | 'coverage';

const FACILITIES_SETTING = 'fire-facilities';
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
  reviewError = $state.raw<LocalizedText | null>(null);
  facilities = $state.raw<Facility[]>([]);
  selectedFacilityId = $state<string | null>(null);
  facilityMode = $state<FacilityMode>('none');
  facilityError = $state.raw<LocalizedText | null>(null);
  coverage = $state.raw<FireCoverageResult | null>(null);
  coverageRunning = $state(false);
  coverageProgress = $state(0);
  coverageError = $state<string | null>(null);
  /** The zone sheet shown for printing. */
  printPreview = $state(false);
  printImage = $state<string | null>(null);

  private store: ReviewStore | null = null;
  private settings: RevisionedStore<'settings'> | null = null;
  private facilitiesRevision = 0;
  /** Saves run one after another, each based on the review the previous one wrote. */
  private saveQueue: Promise<void> = Promise.resolve();
  private readonly coverageClient = new FireCoverageClient();

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

  /** Loads zones, facilities (saved edits first) and reviews; then computes coverage. */
  async open(database: ForestMapDatabase, zones: FeatureCollection | undefined, facilities: FeatureCollection | undefined): Promise<void> {
    this.zones = zoneEntries(zones);
    this.store ??= new ReviewStore(database);
    this.settings ??= new RevisionedStore(database, 'settings');
    const saved = await this.settings.get(FACILITIES_SETTING);
    this.facilitiesRevision = saved?.revision ?? 0;
    this.facilities = saved ? (saved.value as Facility[]) : facilities ? facilitiesFromFeatures(facilities) : [];
    await this.reloadReviews();
    this.store.reviews.onExternalChange(() => void this.reloadReviews());
    void this.computeCoverage();
  }

  async reloadReviews(): Promise<void> {
    if (!this.store) return;
    this.reviews = new Map((await this.store.list()).map((review) => [review.id, review]));
    this.reviewEpoch += 1;
    if (this.selectedZoneId) this.history = await this.store.history(this.selectedZoneId);
  }

  async selectZone(zoneId: string | null): Promise<void> {
    this.selectedZoneId = zoneId;
    this.reviewError = null;
    this.history = zoneId && this.store ? await this.store.history(zoneId) : [];
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

  saveReview(draft: ReviewDraft): Promise<void> {
    const zoneId = this.selectedZoneId;
    if (!zoneId) return Promise.resolve();
    this.saving = true;
    this.saveQueue = this.saveQueue.then(() => this.writeReview(zoneId, draft));
    return this.saveQueue;
  }

  private async writeReview(zoneId: string, draft: ReviewDraft): Promise<void> {
    if (!this.store) return;
    try {
      const saved = await this.store.save(zoneId, draft, this.reviews.get(zoneId));
      if (saved) this.reviews = new Map(this.reviews).set(zoneId, saved);
      this.history = await this.store.history(zoneId);
      this.reviewError = null;
    } catch (error) {
      if (error instanceof ConflictError) {
        this.reviewError = {
          zh: '该风险区的审核记录已在另一个标签页中修改，已载入最新内容；请核对后再修改。',
          en: 'This zone’s review was changed in another tab; the latest version is loaded — check it before editing again.',
        };
        await this.reloadReviews();
      } else {
        const text = error instanceof Error ? error.message : String(error);
        this.reviewError = { zh: `保存失败：${text}`, en: `could not save: ${text}` };
      }
    } finally {
      this.saving = false;
    }
  }

  /** Sets a facility's viewing radius; an unusable value is refused with a message. */
  async setRadius(facilityId: string, radiusMetres: number): Promise<void> {
    const problem = radiusProblem(radiusMetres);
    if (problem) {
      this.facilityError = problem;
      return;
    }
    this.facilityError = null;
    await this.updateFacilities(this.facilities.map((facility) => (facility.id === facilityId ? { ...facility, radiusMetres } : facility)));
  }

  /** A map click while moving or adding a facility. */
  async placeFacility(position: [number, number]): Promise<void> {
    if (this.facilityMode === 'move' && this.selectedFacilityId) {
      const id = this.selectedFacilityId;
      await this.updateFacilities(this.facilities.map((facility) => (facility.id === id ? { ...facility, position } : facility)));
    } else if (this.facilityMode === 'add') {
      const id = `NEW-${String(this.facilities.filter((facility) => facility.id.startsWith('NEW-')).length + 1).padStart(3, '0')}`;
      await this.updateFacilities([
        ...this.facilities,
        { id, kind: '视频监控', name: id, position, radiusMetres: DEFAULT_CAMERA_RADIUS_METRES },
      ]);
      this.selectedFacilityId = id;
    }
    this.facilityMode = 'none';
  }

  async removeFacility(facilityId: string): Promise<void> {
    if (this.selectedFacilityId === facilityId) this.selectedFacilityId = null;
    await this.updateFacilities(this.facilities.filter((facility) => facility.id !== facilityId));
  }

  private async updateFacilities(facilities: Facility[]): Promise<void> {
    this.facilities = facilities;
    if (this.settings) {
      try {
        const saved = await this.settings.put({ id: FACILITIES_SETTING, value: facilities }, this.facilitiesRevision);
        this.facilitiesRevision = saved.revision;
      } catch (error) {
        if (error instanceof ConflictError) {
          this.facilityError = { zh: '设施已在另一个标签页中修改，请刷新页面。', en: 'Facilities were changed in another tab; reload the page.' };
        } else throw error;
      }
    }
    await this.computeCoverage();
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
    this.store?.close();
    this.settings?.close();
  }
}
