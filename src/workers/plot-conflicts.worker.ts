/**
 * Web Worker for the plot conflict check: reads the thematic layers once (FlatGeobuf from the
 * data folder), indexes them, then answers each check with the overlay engine
 * (src/lib/geo/plot-conflicts.ts) so the page never stalls while a plot is drawn or edited.
 */
import { layerById } from '../lib/layers/catalog';
import { decodeLayerSource } from '../lib/geo/overlay/job';
import { OverlayInputError } from '../lib/geo/overlay/types';
import { ConflictIndex, type ConflictLayerInput } from '../lib/geo/plot-conflict-index';
import { computePlotConflicts } from '../lib/geo/plot-conflicts';
import { FLAGGED_CONFLICT_LAYERS, PLOT_CONFLICT_LAYERS } from '../lib/geo/plot-conflict-layers';
import type { LocalizedText } from '../lib/layers/catalog';
import type { PlotConflictRequest, PlotConflictResponse } from './plot-conflicts.protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PlotConflictRequest>) => void) | null;
  postMessage(message: PlotConflictResponse): void;
};

interface Loaded {
  readonly index: ConflictIndex;
  readonly notes: LocalizedText[];
}

let loaded: Promise<Loaded> | null = null;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function loadLayers(dataBaseUrl: string): Promise<Loaded> {
  const notes: LocalizedText[] = [];
  const inputs = await Promise.all(
    PLOT_CONFLICT_LAYERS.map(async (layer): Promise<ConflictLayerInput | null> => {
      const definition = layerById(layer.id);
      try {
        const response = await fetch(`${dataBaseUrl}${definition.file}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const features = await decodeLayerSource(new Uint8Array(await response.arrayBuffer()), definition.file);
        return { id: layer.id, features, ...(layer.categoryField ? { categoryField: layer.categoryField } : {}) };
      } catch (error) {
        const detail = error instanceof OverlayInputError ? error.messages.en : describe(error);
        notes.push({
          zh: `${definition.name.zh}（${definition.file}）未能加载，冲突检查未包含该图层：${detail}`,
          en: `${definition.name.en} (${definition.file}) could not be loaded; the check leaves it out: ${detail}`,
        });
        return null;
      }
    }),
  );
  return { index: new ConflictIndex(inputs.filter((input): input is ConflictLayerInput => input !== null)), notes };
}

scope.onmessage = (event) => {
  const request = event.data;
  loaded ??= loadLayers(request.dataBaseUrl);
  loaded
    .then(async ({ index, notes }) => {
      const results = await computePlotConflicts(index, request.plots, {
        ...(request.targets ? { targets: request.targets } : {}),
        flaggedLayers: FLAGGED_CONFLICT_LAYERS,
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
