/**
 * The imported layers the plot conflict check uses instead of catalog files: for each layer the
 * check reads (townships, sub-compartments, the thematic layers), the imported layer given that
 * role in the Data tab, with its field mapping applied.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../../layers/catalog';
import { PLOT_CONFLICT_LAYERS } from '../../layers/derived';
import type { ConflictLayerStandIn } from '../../../workers/plot-conflicts-client';

/** What is needed of ImportedLayers (state/imported-layers.svelte.ts). */
export interface RoleSource {
  layerForRole(role: LayerId): { readonly name: string } | null;
  effectiveLayer(role: LayerId): FeatureCollection | null;
}

export function conflictStandIns(source: RoleSource): ConflictLayerStandIn[] {
  const standIns: ConflictLayerStandIn[] = [];
  for (const { id } of PLOT_CONFLICT_LAYERS) {
    const entry = source.layerForRole(id);
    const features = entry ? source.effectiveLayer(id) : null;
    if (entry && features) standIns.push({ id, name: entry.name, features });
  }
  return standIns;
}
