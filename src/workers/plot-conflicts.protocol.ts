/**
 * Messages between src/workers/plot-conflicts-client.ts and plot-conflicts.worker.ts.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../lib/layers/catalog';
import type { PlotConflicts, PlotInput } from '../lib/geo/plot-conflicts';
import type { LocalizedText } from '../lib/i18n/locale';

/**
 * A bureau's own layer standing in for a catalog layer (townships, sub-compartments, a thematic
 * layer). `key` names this version of the layer; its features travel only with the first request
 * that uses the key (the worker keeps them), so a large inventory is not copied on every check.
 */
export interface ConflictLayerOverride {
  readonly id: LayerId;
  readonly key: string;
  readonly name: string;
  readonly features?: FeatureCollection;
}

export interface PlotConflictRequest {
  readonly type: 'check';
  readonly requestId: number;
  /** Absolute URL of the folder holding the catalog's FlatGeobuf files (read once). */
  readonly dataBaseUrl: string;
  readonly plots: readonly PlotInput[];
  /** Plots to report on (default all). */
  readonly targets?: readonly string[];
  /** Imported layers used instead of catalog files for their roles (none: the catalog files). */
  readonly overrides?: readonly ConflictLayerOverride[];
}

export type PlotConflictResponse =
  | {
      readonly type: 'result';
      readonly requestId: number;
      readonly results: PlotConflicts[];
      /** Layers that could not be loaded (the check ran without them), and which imported layers were used. */
      readonly notes: LocalizedText[];
    }
  | { readonly type: 'error'; readonly requestId: number; readonly message: LocalizedText };
