/**
 * The fire office's coverage analysis in one call: viewing coverage of the high-risk zones, the
 * parts no facility sees, and where one extra camera would see most of them.
 */
import type { MultiPolygon } from 'geojson';
import { computeViewingCoverage, type CoverageSummary, type CoverageZone } from './viewing-coverage';
import type { Facility } from './facility';
import { suggestCameraSites, type CameraSuggestion } from './camera-suggestion';

export interface CoverageAnalysis {
  readonly summary: CoverageSummary;
  readonly suggestions: readonly CameraSuggestion[];
  readonly uncovered: readonly MultiPolygon[];
  readonly elapsedMilliseconds: number;
}

/**
 * @param suggestionRadiusMetres radius of the suggested extra camera.
 * @param onProgress 0..1; coverage is most of the work, the suggestion takes the last 20 %.
 */
export function analyseCoverage(
  zones: readonly CoverageZone[],
  facilities: readonly Facility[],
  suggestionRadiusMetres: number,
  onProgress?: (fraction: number) => void,
): CoverageAnalysis {
  const started = performance.now();
  const summary = computeViewingCoverage(zones, facilities, (fraction) => onProgress?.(fraction * 0.8));
  const uncovered = summary.zones.map((zone) => zone.uncovered).filter((part): part is MultiPolygon => part !== null);
  const suggestions = suggestCameraSites(uncovered, suggestionRadiusMetres, { count: 1 });
  return { summary, suggestions, uncovered, elapsedMilliseconds: performance.now() - started };
}
