/**
 * How the saved corridors meet the rest of the app: as the corridors layer's stand-in for the
 * statistics and the plot conflict check (unless an imported layer holds that role), and where
 * the tool finds rivers, imported line layers and plots.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../../layers/catalog';
import { isLocaleLoaded, localized } from '../../i18n';
import type { ConflictLayerStandIn } from '../../../workers/plot-conflicts-client';
import { geometryKindOf } from '../import-record';
import type { CorridorSources } from './corridors-state.svelte';

interface CorridorLayerSource {
  readonly status: string;
  readonly all: readonly { readonly origin: 'sample' | 'user'; readonly revision: number }[];
  readonly layer: FeatureCollection;
}

type RoleHolder = { layerForRole(role: LayerId): unknown };

/** Whether the saved corridors are the corridors layer: read, and no imported layer holds that role. */
export function corridorsInUse(corridors: CorridorLayerSource, imported: RoleHolder): boolean {
  return corridors.status === 'ready' && imported.layerForRole('corridors') === null;
}

/**
 * The saved corridors as the corridors layer's stand-in for the statistics and the plot check —
 * once they differ from the shipped file (a corridor saved, or a shipped one edited, renamed or
 * deleted); until then the file itself is read, which holds the same two corridors.
 */
export function corridorStandIn(corridors: CorridorLayerSource, imported: RoleHolder): ConflictLayerStandIn[] {
  const changed = corridors.all.some((corridor) => corridor.origin === 'user' || corridor.revision > 1);
  if (!changed || !corridorsInUse(corridors, imported)) return [];
  // The check names a stand-in in its notes by a plain name: both languages (only the Chinese
  // while the page has not loaded English, whose text would read the same).
  const name = localized('corridor.standInName');
  return [{ id: 'corridors', name: isLocaleLoaded('en') ? `${name.zh} / ${name.en}` : name.zh, features: corridors.layer }];
}

/** Rivers from the catalog layer, line layers from the imports, plots from the plot state. */
export function corridorSourcesOf(
  app: { collection(id: LayerId): FeatureCollection | undefined },
  imported: { readonly layers: readonly { readonly id: string; readonly name: string; readonly geometryTypes: readonly string[] }[]; collection(id: never): FeatureCollection | undefined },
  plots: { readonly all: readonly { readonly id: string; readonly name: string; readonly deleted: boolean; readonly geometry: import('geojson').Polygon | import('geojson').MultiPolygon }[] },
): CorridorSources {
  return {
    rivers: () => app.collection('rivers'),
    importedLines: () =>
      imported.layers
        .filter((layer) => geometryKindOf(layer.geometryTypes) === 'line')
        .map((layer) => ({ id: layer.id, name: layer.name, collection: imported.collection(layer.id as never) })),
    plots: () => plots.all.filter((plot) => !plot.deleted).map(({ id, name, geometry }) => ({ id, name, geometry })),
  };
}
