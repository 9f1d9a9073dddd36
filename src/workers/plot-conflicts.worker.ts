/**
 * Web Worker for the plot conflict check: reads each catalog layer once (FlatGeobuf from the data
 * folder) unless an imported layer plays its role, indexes the layers, then answers each check
 * with the overlay engine (src/lib/geo/plot-conflicts.ts) so the page never stalls while a plot
 * is drawn or edited.
 */
import type { FeatureCollection } from 'geojson';
import { layerById, type LayerId } from '../lib/layers/catalog';
import { decodeLayerSource } from '../lib/statistics/job';
import { checkFlatGeobufSources } from '../lib/io/flatgeobuf-header';
import { OverlayInputError } from '../lib/geo/overlay/types';
import { ConflictIndex, type ConflictLayerInput } from '../lib/geo/plot-conflict-index';
import { computePlotConflicts } from '../lib/geo/plot-conflicts';
import { PLOT_CONFLICT_LAYERS, PLOT_CONFLICT_RULES, conflictLayer } from '../lib/layers/derived';
import { conflictLayerNotes, keepConflictFields } from '../lib/geo/plot-conflict-inputs';
import type { ConflictLayerOverride, PlotConflictRequest, PlotConflictResponse } from './plot-conflicts.protocol';
import type { LocalizedText } from '../lib/i18n/locale';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PlotConflictRequest>) => void) | null;
  postMessage(message: PlotConflictResponse): void;
};

interface Loaded {
  readonly index: ConflictIndex;
  readonly notes: LocalizedText[];
}

type LayerLoad = { readonly features: FeatureCollection } | { readonly note: LocalizedText };

/** Catalog files, read at most once each. */
const catalogLayers = new Map<LayerId, Promise<LayerLoad>>();
/** Imported layers by key, as received (only the fields the check reads). */
const importedLayers = new Map<string, FeatureCollection>();
/** The index for the current set of layers (rebuilt when an imported layer's role changes). */
let current: { readonly signature: string; readonly loaded: Promise<Loaded> } | null = null;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

function loadCatalogLayer(dataBaseUrl: string, id: LayerId): Promise<LayerLoad> {
  let load = catalogLayers.get(id);
  if (!load) {
    const definition = layerById(id);
    load = (async (): Promise<LayerLoad> => {
      try {
        const response = await fetch(`${dataBaseUrl}${definition.file}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        // The FlatGeobuf framing is checked by io before the geo core decodes it (a damaged header hangs flatgeobuf).
        const damaged = checkFlatGeobufSources([{ name: definition.file, source: bytes }]);
        if (damaged) throw new Error(damaged.en);
        const features = await decodeLayerSource(bytes, definition.file);
        return { features: keepConflictFields(conflictLayer(id), features) };
      } catch (error) {
        const detail = error instanceof OverlayInputError ? error.messages.en : describe(error);
        return {
          note: {
            zh: `${definition.name.zh}（${definition.file}）未能加载，冲突检查未包含该图层：${detail}`,
            en: `${definition.name.en} (${definition.file}) could not be loaded; the check leaves it out: ${detail}`,
          },
        };
      }
    })();
    catalogLayers.set(id, load);
  }
  return load;
}

async function loadLayers(dataBaseUrl: string, overrides: ReadonlyMap<LayerId, ConflictLayerOverride>): Promise<Loaded> {
  const notes: LocalizedText[] = [];
  const inputs = await Promise.all(
    PLOT_CONFLICT_LAYERS.map(async (layer): Promise<ConflictLayerInput | null> => {
      const categoryField = layer.categoryField ? { categoryField: layer.categoryField } : {};
      const override = overrides.get(layer.id);
      if (override) {
        const features = importedLayers.get(override.key);
        if (!features) throw new Error(`imported layer "${override.name}" was not received`);
        notes.push(...conflictLayerNotes(layer, override.name, features));
        return { id: layer.id, features, ...categoryField };
      }
      const load = await loadCatalogLayer(dataBaseUrl, layer.id);
      if ('note' in load) {
        notes.push(load.note);
        return null;
      }
      return { id: layer.id, features: load.features, ...categoryField };
    }),
  );
  return { index: new ConflictIndex(inputs.filter((input): input is ConflictLayerInput => input !== null)), notes };
}

scope.onmessage = (event) => {
  const request = event.data;
  // Kept at once, before any await: a later request may name the key without its features.
  for (const override of request.overrides ?? []) {
    if (override.features) importedLayers.set(override.key, keepConflictFields(conflictLayer(override.id), override.features));
  }
  const overrides = new Map((request.overrides ?? []).map((override) => [override.id, override]));
  const signature = [...overrides.values()].map((override) => `${override.id}=${override.key}`).join('|');
  // The client sends the features of every key the previous request did not name: keep exactly those.
  const keys = new Set([...overrides.values()].map((override) => override.key));
  for (const key of importedLayers.keys()) if (!keys.has(key)) importedLayers.delete(key);
  if (current?.signature !== signature) {
    const loaded = loadLayers(request.dataBaseUrl, overrides);
    current = { signature, loaded };
    // A failed load is tried again by the next request.
    loaded.catch(() => {
      if (current?.loaded === loaded) current = null;
    });
  }
  current.loaded
    .then(async ({ index, notes }) => {
      const results = await computePlotConflicts(index, request.plots, {
        ...(request.targets ? { targets: request.targets } : {}),
        flagRules: PLOT_CONFLICT_RULES,
      });
      scope.postMessage({ type: 'result', requestId: request.requestId, results, notes });
    })
    .catch((error: unknown) => {
      const message =
        error instanceof OverlayInputError
          ? error.messages
          : { zh: `冲突检查失败：${describe(error)}`, en: `the conflict check failed: ${describe(error)}` };
      scope.postMessage({ type: 'error', requestId: request.requestId, message });
    });
};
