/**
 * The coverage choropleth follows StatisticsState: its result (forest coverage per township) and
 * its switch. Township feature ids come from the app state (the township layer on the map, sample
 * or imported).
 */
import type { AppState } from '../state/app-state.svelte';
import type { StatisticsState } from '../state/statistics/statistics-state.svelte';
import { hideCoverageChoropleth, showCoverageChoropleth } from './coverage-choropleth';
import type { ForestMap } from './forest-map';

/** Starts following the statistics; returns a function that stops it. */
export function followStatistics(forestMap: ForestMap, statistics: StatisticsState, app: AppState): () => void {
  return $effect.root(() => {
    $effect(() => {
      const result = statistics.result;
      if (!app.loaded.townships) return;
      if (!statistics.choropleth || !result) {
        hideCoverageChoropleth(forestMap.map);
        return;
      }
      const featureIds = app.townshipFeatureIds();
      const coverage = new Map<number, number>();
      for (const zone of result.overlay.zones) {
        const featureId = featureIds.get(String(zone.id));
        if (featureId !== undefined && zone.forestCoverage !== null) coverage.set(featureId, zone.forestCoverage);
      }
      showCoverageChoropleth(forestMap.map, coverage);
    });
  });
}
