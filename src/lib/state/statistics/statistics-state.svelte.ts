/**
 * Township statistics in the app: runs the overlay engine in a Web Worker on the current layers
 * (the sample files, or a bureau's own layers that replace them), keeps the result, and derives
 * the table, the plan-target progress and the choropleth classes from it.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSource, StatisticsResult } from '../../../workers/statistics-client';
import { LAYERS, type LayerId } from '../../layers/catalog';
import type { StatisticsTable } from '../../statistics/table';
import { parsePlanTargets, targetProgress, type PlanTargets, type TargetProgress } from '../../geo/plan-targets';
import type { AreaUnit } from '../../geo/units';
import { DATA_BASE_URL } from '../data-loading';
import { DEFAULT_CANOPY_UNKNOWN_RULE, type CanopyUnknownRule } from '../../geo/forest-cover';
import { parseTownshipList } from '../../geo/overlay/county-zones';
import { viewRows, type TableView } from '../../statistics/table-view';
import { STATISTICS_LAYERS, statisticsCategoryField } from '../../layers/derived';
import planTargetsFile from '../../../../data/plan-targets.json';
import townshipListFile from '../../../../data/youyang-townships.csv?raw';
import { localized, type LocalizedText } from '../../i18n';

export const PLAN_TARGETS: PlanTargets = parsePlanTargets(planTargetsFile);
/** The county's townships (codes and names): the zones are compared with them. */
const TOWNSHIP_LIST = parseTownshipList(townshipListFile);

export type StatisticsStatus = 'idle' | 'running' | 'done' | 'error';

/**
 * Where a layer's data comes from: a bureau's own layer given that role (a FeatureCollection),
 * or null for the sample file. Set by the import feature.
 */
export type LayerOverride = (id: LayerId) => FeatureCollection | null;

async function fetchBytes(id: LayerId): Promise<ArrayBuffer> {
  const file = LAYERS.find((layer) => layer.id === id)!.file;
  const response = await fetch(`${DATA_BASE_URL}${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export class StatisticsState {
  status = $state<StatisticsStatus>('idle');
  progress = $state<{ fraction: number; layer: string }>({ fraction: 0, layer: '' });
  error = $state.raw<LocalizedText | null>(null);
  result = $state.raw<StatisticsResult | null>(null);
  /** The table builder, loaded with the first run like the client (the page starts without it). */
  private buildTable = $state.raw<typeof import('../../statistics/table').buildStatisticsTable | null>(null);
  unit = $state<AreaUnit>('mu');
  view = $state<TableView>({ sortKey: null, descending: false, filter: '' });
  /** Column shown in the bar chart. */
  chartKey = $state('coverage');
  /** Draw the coverage choropleth on the map. */
  choropleth = $state(false);
  /** What arbor forest land of unknown canopy density counts as (changing it recomputes). */
  canopyUnknown = $state<CanopyUnknownRule>(DEFAULT_CANOPY_UNKNOWN_RULE);
  /** Bumped whenever an input layer changes, so a stale result is recomputed. */
  inputsVersion = $state(0);
  private computedVersion = -1;
  /** inputsSignature() when the current result was computed. */
  private computedSignature = '';
  private controller: AbortController | null = null;

  /**
   * @param override the bureau's own layer standing in for a catalog layer, or null.
   * @param inputsSignature changes whenever what `override` returns changes (a role or a field
   *   mapping): read reactively, so the result turns stale by itself.
   */
  constructor(
    private readonly override: LayerOverride = () => null,
    private readonly inputsSignature: () => string = () => '',
  ) {}

  table: StatisticsTable | null = $derived(
    this.result && this.buildTable ? this.buildTable(this.result.overlay, this.result.totals, { canopy: this.result.canopy, zonesKind: this.result.zonesKind }) : null,
  );
  visibleRows = $derived(this.table ? viewRows(this.table.rows, this.view) : []);
  /** The plan compares with the county: only when the zones are its townships. */
  comparable = $derived(this.result?.zonesKind?.kind === 'townships');
  targets: TargetProgress[] = $derived(this.result && this.comparable ? targetProgress(PLAN_TARGETS, this.result.totals) : []);
  stale = $derived.by(() => (this.inputsVersion !== this.computedVersion || this.inputsSignature() !== this.computedSignature) && this.status !== 'running');

  /** Chooses the rule for arbor forest land of unknown canopy density and recomputes. */
  setCanopyUnknown(rule: CanopyUnknownRule): void {
    if (rule === this.canopyUnknown) return;
    this.canopyUnknown = rule;
    this.invalidate();
  }

  /** Marks the inputs as changed (an import, a replaced township file, an edited layer). */
  invalidate(): void {
    this.inputsVersion += 1;
  }

  /** Computes the statistics unless a current result exists. */
  async ensure(): Promise<void> {
    if (this.status === 'running' || (this.result && this.computedVersion === this.inputsVersion && this.computedSignature === this.inputsSignature())) return;
    await this.compute();
  }

  cancel(): void {
    this.controller?.abort();
  }

  async compute(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const version = this.inputsVersion;
    const signature = this.inputsSignature();
    this.status = 'running';
    this.error = null;
    this.progress = { fraction: 0, layer: '' };
    try {
      const source = async (id: LayerId): Promise<LayerSource> => this.override(id) ?? (await fetchBytes(id));
      const zones = await source('townships');
      const layers = [];
      for (const id of STATISTICS_LAYERS) {
        const categoryField = statisticsCategoryField(id);
        layers.push({ id, source: await source(id), ...(categoryField ? { categoryField } : {}) });
      }
      const reference = { townships: TOWNSHIP_LIST, county: await source('county') };
      // The client (and the overlay code it shares with the worker) loads with the first run.
      const [{ computeTownshipStatistics }, { buildStatisticsTable }] = await Promise.all([import('../../../workers/statistics-client'), import('../../statistics/table')]);
      this.buildTable = buildStatisticsTable;
      const result = await computeTownshipStatistics(
        { zones, layers, forestLayerId: 'subcompartments', canopyUnknown: this.canopyUnknown, reference },
        { signal: controller.signal, onProgress: (progress) => (this.progress = { fraction: progress.fraction, layer: progress.layer }) },
      );
      if (controller.signal.aborted) return;
      this.result = result;
      this.computedVersion = version;
      this.computedSignature = signature;
      this.status = 'done';
    } catch (error) {
      if (controller.signal.aborted) {
        this.status = this.result ? 'done' : 'idle';
        return;
      }
      const messages = (error as { messages?: LocalizedText }).messages;
      const text = error instanceof Error ? error.message : String(error);
      this.error = messages ?? localized('statistics.failed', { detail: text });
      this.status = 'error';
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  sortBy(key: string): void {
    this.view = this.view.sortKey === key ? { ...this.view, descending: !this.view.descending } : { ...this.view, sortKey: key, descending: true };
  }
}
