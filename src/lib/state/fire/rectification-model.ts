/**
 * The rectification workflow as the browser sees it (workspace mode): the server's review, its
 * steps and the station reports; which orders are a station's, which are overdue; the photo
 * points for the map. Pure functions; the server enforces the same rules (review-workflow.ts).
 */
import type { FeatureCollection, Point } from 'geojson';
import type { RemoteReview } from '../../sync/api-client';

export type RectificationStep = 'edit' | 'reviewed' | 'ordered' | 'reported' | 'accepted' | 'returned';
export const RECTIFICATION_STEPS: readonly RectificationStep[] = ['edit', 'reviewed', 'ordered', 'reported', 'accepted', 'returned'];

export interface RectificationHistoryEntry {
  readonly id: number;
  readonly at: string;
  readonly author: string;
  readonly revision: number;
  readonly step: string;
  readonly note: string;
  readonly changes: readonly (readonly [string, string, string])[];
}

export interface ReportPhoto {
  readonly id: string;
  readonly mime: string;
  readonly byteSize: number;
  readonly takenAt: string | null;
  readonly lon: number | null;
  readonly lat: number | null;
}

export interface RectificationReport {
  readonly id: string;
  readonly author: string;
  readonly at: string;
  readonly notes: string;
  readonly photos: readonly ReportPhoto[];
}

/** GET /api/reviews/:zoneId */
export interface RectificationDetails {
  readonly review: RemoteReview;
  readonly history: readonly RectificationHistoryEntry[];
  readonly reports: readonly RectificationReport[];
}

export interface WorkspaceZone {
  readonly zoneId: string;
  readonly name: string;
  readonly townshipCode: string;
  readonly townshipName: string;
}

/** Whole days from `today` to the deadline (both YYYY-MM-DD); negative when past. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** An order still open after its deadline day. */
export function isOverdue(review: Pick<RemoteReview, 'status' | 'deadline'>, today: string): boolean {
  return review.status === '需整改' && review.deadline !== null && daysUntil(review.deadline, today) < 0;
}

/** Open orders (需整改) on the zones of one township, the nearest deadline first. */
export function openOrdersOf(reviews: readonly RemoteReview[], zones: ReadonlyMap<string, WorkspaceZone>, townshipCode: string): RemoteReview[] {
  return reviews
    .filter((review) => review.status === '需整改' && zones.get(review.zoneId)?.townshipCode === townshipCode)
    .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.zoneId.localeCompare(b.zoneId));
}

/** A step name the UI knows, or 'edit' for one it does not. */
export function stepOf(entry: Pick<RectificationHistoryEntry, 'step'>): RectificationStep {
  return (RECTIFICATION_STEPS as readonly string[]).includes(entry.step) ? (entry.step as RectificationStep) : 'edit';
}

/** The report photos that carry a GPS position, as map points. */
export function photoPoints(reports: readonly RectificationReport[], zoneId: string): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: reports.flatMap((report) =>
      report.photos
        .filter((photo) => photo.lon !== null && photo.lat !== null)
        .map((photo) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [photo.lon!, photo.lat!] },
          properties: { photoId: photo.id, zoneId, author: report.author, takenAt: photo.takenAt ?? '' },
        })),
    ),
  };
}
