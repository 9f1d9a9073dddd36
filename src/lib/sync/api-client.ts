/**
 * The browser's client of the workspace API (src/server): JSON over fetch with the session cookie,
 * every failure typed so that callers can react without parsing messages:
 *   401 → 'signed-out', 403 → 'forbidden', 409 → 'conflict' (with the server's current record),
 *   no answer at all → 'offline'; other statuses keep the server's message (zh / en).
 */
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { ReviewFields } from './review-workflow';

export type WorkspaceRole = 'admin' | 'planner' | 'fire_officer' | 'station' | 'viewer';

export interface WorkspaceUser {
  readonly id: number;
  readonly name: string;
  readonly role: WorkspaceRole;
  /** Stations only: the township whose zones they report on. */
  readonly townshipCode: string | null;
}

export interface WorkspaceHealth {
  readonly ok: boolean;
  readonly database?: string;
}

/** Fields every synchronised record has on the server. */
export interface RemoteRecord {
  readonly revision: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface RemotePlotFields {
  readonly name: string;
  readonly plotType: string;
  readonly targetYear: number;
  readonly notes: string;
  readonly geometry: Polygon | MultiPolygon;
}

export interface RemotePlot extends RemoteRecord, RemotePlotFields {
  readonly id: string;
  readonly bbox: readonly [number, number, number, number];
  readonly areaSquareMetres: number;
  readonly deleted: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export type RemoteReviewFields = ReviewFields;

export interface RemoteReview extends RemoteRecord, RemoteReviewFields {
  readonly zoneId: string;
  readonly returnReason: string;
}

export interface RemoteFacilityFields {
  readonly kind: string;
  readonly name: string;
  readonly township: string;
  readonly radiusMetres: number | null;
  readonly geometry: Point;
}

export interface RemoteFacility extends RemoteRecord, RemoteFacilityFields {
  readonly id: string;
  readonly deleted: boolean;
}

export type ApiErrorKind = 'signed-out' | 'forbidden' | 'conflict' | 'offline' | 'not-found' | 'too-many' | 'invalid' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    message: string,
    /** For 'conflict': the record as the server has it now. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The record a request reads, or undefined when the server has none (404). */
export async function unlessNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

const KIND_OF_STATUS: Record<number, ApiErrorKind> = { 401: 'signed-out', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 429: 'too-many' };

function kindOf(status: number): ApiErrorKind {
  return KIND_OF_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid');
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiClient {
  private readonly fetcher: FetchLike;

  /**
   * @param base the API's address ending in '/', e.g. '/api/' (resolved against the page).
   * @param fetcher fetch, or a fake in tests.
   */
  constructor(
    private readonly base = 'api/',
    fetcher?: FetchLike,
  ) {
    // Called unbound, window.fetch throws "Illegal invocation".
    this.fetcher = fetcher ?? ((input, init) => fetch(input, init));
  }

  /** Resolves a path below the API base ('plots/1' → '/api/plots/1'). */
  url(path: string): string {
    return `${this.base}${path}`;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(this.url(path), {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiError('offline', 0, error instanceof Error ? error.message : String(error));
    }
    let payload: unknown = null;
    const text = await response.text().catch(() => '');
    if (text) {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = null;
      }
    }
    if (response.ok) return payload as T;
    const details = (payload ?? {}) as { error?: unknown; current?: unknown };
    const message = typeof details.error === 'string' ? details.error : `HTTP ${response.status}`;
    throw new ApiError(kindOf(response.status), response.status, message, details.current);
  }

  // ——— session ———

  health(): Promise<WorkspaceHealth> {
    return this.request<WorkspaceHealth>('GET', 'health');
  }

  async currentUser(): Promise<WorkspaceUser> {
    return (await this.request<{ user: WorkspaceUser }>('GET', 'session')).user;
  }

  async signIn(name: string, password: string): Promise<WorkspaceUser> {
    return (await this.request<{ user: WorkspaceUser }>('POST', 'session', { name, password })).user;
  }

  async signOut(): Promise<void> {
    await this.request('DELETE', 'session');
  }

  // ——— plots ———

  listPlots(includeDeleted = true): Promise<RemotePlot[]> {
    return this.request('GET', `plots${includeDeleted ? '?includeDeleted=true' : ''}`);
  }

  getPlot(id: string): Promise<RemotePlot> {
    return this.request('GET', `plots/${encodeURIComponent(id)}`);
  }

  createPlot(id: string, fields: RemotePlotFields): Promise<RemotePlot> {
    return this.request('POST', 'plots', { id, ...fields });
  }

  updatePlot(id: string, revision: number, fields: RemotePlotFields & { readonly deleted?: boolean }): Promise<RemotePlot> {
    return this.request('PUT', `plots/${encodeURIComponent(id)}`, { revision, ...fields });
  }

  // ——— reviews ———

  listReviews(): Promise<RemoteReview[]> {
    return this.request('GET', 'reviews');
  }

  async getReview(zoneId: string): Promise<RemoteReview> {
    return (await this.request<{ review: RemoteReview }>('GET', `reviews/${encodeURIComponent(zoneId)}`)).review;
  }

  /** `revision` 0 for a zone nobody reviewed yet. */
  putReview(zoneId: string, revision: number, fields: RemoteReviewFields & { readonly reason?: string }): Promise<RemoteReview> {
    return this.request('PUT', `reviews/${encodeURIComponent(zoneId)}`, { revision, ...fields });
  }

  // ——— facilities ———

  listFacilities(includeDeleted = true): Promise<RemoteFacility[]> {
    return this.request('GET', `facilities${includeDeleted ? '?includeDeleted=true' : ''}`);
  }

  getFacility(id: string): Promise<RemoteFacility> {
    return this.request('GET', `facilities/${encodeURIComponent(id)}`);
  }

  createFacility(id: string, fields: RemoteFacilityFields): Promise<RemoteFacility> {
    return this.request('POST', 'facilities', { id, ...fields });
  }

  updateFacility(id: string, revision: number, fields: RemoteFacilityFields & { readonly deleted?: boolean }): Promise<RemoteFacility> {
    return this.request('PUT', `facilities/${encodeURIComponent(id)}`, { revision, ...fields });
  }

  deleteFacility(id: string, revision: number): Promise<RemoteFacility> {
    return this.request('DELETE', `facilities/${encodeURIComponent(id)}?revision=${revision}`);
  }
}
