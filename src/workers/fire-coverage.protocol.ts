/** Messages between the app and the fire-coverage worker. */
import type { MultiPolygon } from 'geojson';
import type { CoverageSummary, CoverageZone } from '../lib/geo/coverage/viewing-coverage';
import type { Facility } from '../lib/geo/coverage/facility';
import type { CameraSuggestion } from '../lib/geo/coverage/camera-suggestion';

export interface FireCoverageRequest {
  readonly requestId: number;
  readonly zones: readonly CoverageZone[];
  readonly facilities: readonly Facility[];
  /** Radius of the suggested extra camera, metres. */
  readonly suggestionRadiusMetres: number;
}

export interface FireCoverageResult {
  readonly summary: CoverageSummary;
  readonly suggestions: readonly CameraSuggestion[];
  readonly uncovered: readonly MultiPolygon[];
  readonly elapsedMilliseconds: number;
}

export type FireCoverageResponse =
  | { readonly type: 'progress'; readonly requestId: number; readonly fraction: number }
  | { readonly type: 'done'; readonly requestId: number; readonly result: FireCoverageResult }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };
