/**
 * The plot conflict check as the worker runs it: reads each catalog layer once (FlatGeobuf from
 * the data folder, through lib/io) unless an imported layer plays its role, indexes the layers,
 * then answers each check with the overlay engine (src/lib/geo/plot-conflicts.ts).
 *
 * @example
 * const session = new ConflictCheckSession();
 * const { results, notes } = await session.check({ dataBaseUrl, plots });
 */
import type { FeatureCollection } from 'geojson';
import { layerById, type LayerId } from '../../layers/catalog';
import { PLOT_CONFLICT_LAYERS, PLOT_CONFLICT_RULES, conflictLayer } from '../../layers/derived';
import { fetchBytes } from '../../io/fetch-bytes';
import { decodeLayerSource } from '../../statistics/job';
import { OverlayInputError } from '../../geo/overlay/types';
import { ConflictIndex, type ConflictLayerInput } from '../../geo/plot-conflict-index';
import { computePlotConflicts, type PlotConflicts, type PlotInput } from '../../geo/plot-conflicts';
import { conflictLayerNotes, keepConflictFields } from '../../geo/plot-conflict-inputs';
import { localized, type LocalizedText } from '../../i18n';
import { PlotConflictError } from './plot-conflict-error';

export { PlotConflictError } from './plot-conflict-error';

/**
 * A bureau's own layer standing in for a catalog layer (townships, sub-compartments, a thematic
 * layer). `key` names this version of the layer; its features travel only with the first request
 * that uses the key (the session keeps them), so a large inventory is not copied on every check.
 */
export interface ConflictLayerOverride {
  readonly id: LayerId;
  readonly key: string;
  readonly name: string;
  readonly features?: FeatureCollection;
}

export interface ConflictCheckRequest {
  /** Absolute URL of the folder holding the catalog's FlatGeobuf files (read once). */
  readonly dataBaseUrl: string;
  readonly plots: readonly PlotInput[];
  /** Plots to report on (default all). */
  readonly targets?: readonly string[];
  /** Imported layers used instead of catalog files for their roles (none: the catalog files). */
  readonly overrides?: readonly ConflictLayerOverride[];
}

export interface PlotConflictAnswer {
  readonly results: PlotConflicts[];
  /** Layers that could not be loaded (the check ran without them), and which imported layers were used. */
  readonly notes: LocalizedText[];
}

interface Loaded {
  readonly index: ConflictIndex;
  readonly notes: LocalizedText[];
}

type LayerLoad = { readonly features: FeatureCollection } | { readonly note: LocalizedText };

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The layers read so far and the index over them, kept between checks. */
export class ConflictCheckSession {
  /** Catalog files, read at most once each. */
  private readonly catalogLayers = new Map<LayerId, Promise<LayerLoad>>();
  /** Imported layers by key, as received (only the fields the check reads). */
  private readonly importedLayers = new Map<string, FeatureCollection>();
  /** The index for the current set of layers (rebuilt when an imported layer's role changes). */
  private current: { readonly signature: string; readonly loaded: Promise<Loaded> } | null = null;

  /**
   * Checks the plots against the catalog layers or their stand-ins.
   * @throws PlotConflictError with zh/en text when the check cannot run.
   */
  async check(request: ConflictCheckRequest): Promise<PlotConflictAnswer> {
    // Kept at once, before any await: a later request may name the key without its features.
    for (const override of request.overrides ?? []) {
      if (override.features) this.importedLayers.set(override.key, keepConflictFields(conflictLayer(override.id), override.features));
    }
    const overrides = new Map((request.overrides ?? []).map((override) => [override.id, override]));
    const signature = [...overrides.values()].map((override) => `${override.id}=${override.key}`).join('|');
    // The client sends the features of every key the previous request did not name: keep exactly those.
    const keys = new Set([...overrides.values()].map((override) => override.key));
    for (const key of this.importedLayers.keys()) if (!keys.has(key)) this.importedLayers.delete(key);
    if (this.current?.signature !== signature) {
      const loaded = this.loadLayers(request.dataBaseUrl, overrides);
      const current = { signature, loaded };
      this.current = current;
      // A failed load is tried again by the next request.
      loaded.catch(() => {
        if (this.current === current) this.current = null;
      });
    }
    try {
      const { index, notes } = await this.current!.loaded;
      const results = await computePlotConflicts(index, request.plots, {
        ...(request.targets ? { targets: request.targets } : {}),
        flagRules: PLOT_CONFLICT_RULES,
      });
      return { results, notes };
    } catch (error) {
      if (error instanceof OverlayInputError) throw new PlotConflictError(error.messages);
      throw new PlotConflictError(localized('plot.conflictError.failed', { detail: describe(error) }));
    }
  }

  private loadCatalogLayer(dataBaseUrl: string, id: LayerId): Promise<LayerLoad> {
    let load = this.catalogLayers.get(id);
    if (!load) {
      const definition = layerById(id);
      load = (async (): Promise<LayerLoad> => {
        try {
          const bytes = await fetchBytes(`${dataBaseUrl}${definition.file}`, definition.file);
          const features = await decodeLayerSource(bytes, definition.file);
          return { features: keepConflictFields(conflictLayer(id), features) };
        } catch (error) {
          const detail = error instanceof OverlayInputError ? error.messages.en : describe(error);
          return {
            note: localized('plot.conflictError.layerMissing', { layer: definition.name, file: definition.file, detail }),
          };
        }
      })();
      this.catalogLayers.set(id, load);
    }
    return load;
  }

  private async loadLayers(dataBaseUrl: string, overrides: ReadonlyMap<LayerId, ConflictLayerOverride>): Promise<Loaded> {
    const notes: LocalizedText[] = [];
    const inputs = await Promise.all(
      PLOT_CONFLICT_LAYERS.map(async (layer): Promise<ConflictLayerInput | null> => {
        const categoryField = layer.categoryField ? { categoryField: layer.categoryField } : {};
        const override = overrides.get(layer.id);
        if (override) {
          const features = this.importedLayers.get(override.key);
          if (!features) throw new Error(`imported layer "${override.name}" was not received`);
          notes.push(...conflictLayerNotes(layer, override.name, features));
          return { id: layer.id, features, ...categoryField };
        }
        const load = await this.loadCatalogLayer(dataBaseUrl, layer.id);
        if ('note' in load) {
          notes.push(load.note);
          return null;
        }
        return { id: layer.id, features: load.features, ...categoryField };
      }),
    );
    return { index: new ConflictIndex(inputs.filter((input): input is ConflictLayerInput => input !== null)), notes };
  }
}
