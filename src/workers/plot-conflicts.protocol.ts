/**
 * Messages between src/workers/plot-conflicts-client.ts and plot-conflicts.worker.ts.
 */
import type { LocalizedText } from '../lib/layers/catalog';
import type { PlotConflicts, PlotInput } from '../lib/geo/plot-conflicts';

export interface PlotConflictRequest {
  readonly type: 'check';
  readonly requestId: number;
  /** Absolute URL of the folder holding the catalog's FlatGeobuf files (read once). */
  readonly dataBaseUrl: string;
  readonly plots: readonly PlotInput[];
  /** Plots to report on (default all). */
  readonly targets?: readonly string[];
}

export type PlotConflictResponse =
  | {
      readonly type: 'result';
      readonly requestId: number;
      readonly results: PlotConflicts[];
      /** Layers that could not be loaded (the check ran without them). */
      readonly notes: LocalizedText[];
    }
  | { readonly type: 'error'; readonly requestId: number; readonly message: LocalizedText };
