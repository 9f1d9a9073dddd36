/**
 * Progress against the year's plan targets (data/plan-targets.json), computed from the layers'
 * county totals — never typed in. Next year's plan is an edit of the JSON file, not of code.
 */
import type { CountyTotals } from './overlay/county-totals';
import { muToSquareMetres, squareMetresToMu } from './units';
import type { LocalizedText } from '../i18n/locale';

export type TargetMeasure =
  | { readonly kind: 'layerArea'; readonly layer: string }
  | { readonly kind: 'categoryArea'; readonly layer: string; readonly category: string }
  | { readonly kind: 'forestCoverage' };

export interface PlanTarget {
  readonly id: string;
  readonly label: LocalizedText;
  /** In 亩 for unit 'mu', a 0..1 ratio for unit 'ratio'. */
  readonly target: number;
  readonly unit: 'mu' | 'ratio';
  readonly measure: TargetMeasure;
  readonly comparison: 'atLeast' | 'atMost';
}

export interface PlanTargets {
  readonly year: number;
  readonly source: LocalizedText;
  readonly targets: readonly PlanTarget[];
  /** Targets the map cannot measure (output value, pest and fire damage rates): shown as text. */
  readonly notMapped: readonly { readonly label: LocalizedText; readonly value: LocalizedText }[];
}

export interface TargetProgress {
  readonly target: PlanTarget;
  /** Measured value in the target's unit (亩 or ratio); null when the layer is missing. */
  readonly actual: number | null;
  /** actual ÷ target (for 'atLeast'), null when not measurable. */
  readonly fraction: number | null;
  readonly met: boolean | null;
  /** For 亩 targets, the area in m² behind the figure (for unit switching). */
  readonly actualSquareMetres: number | null;
  readonly targetSquareMetres: number | null;
}

function measuredSquareMetres(measure: TargetMeasure, totals: CountyTotals): number | null {
  switch (measure.kind) {
    case 'forestCoverage':
      return null;
    case 'layerArea':
      return totals.layers[measure.layer]?.areaSquareMetres ?? null;
    case 'categoryArea': {
      const layer = totals.layers[measure.layer];
      if (!layer) return null;
      return layer.categories[measure.category]?.areaSquareMetres ?? 0;
    }
  }
}

/**
 * Progress of every target from the county totals.
 *
 * @example
 * targetProgress(plan, totals)[0] // { actual: 206950.78, fraction: 0.99976, met: false, … }
 */
export function targetProgress(plan: PlanTargets, totals: CountyTotals): TargetProgress[] {
  return plan.targets.map((target) => {
    let actual: number | null;
    let actualSquareMetres: number | null = null;
    if (target.measure.kind === 'forestCoverage') {
      actual = totals.forestCoverage;
    } else {
      actualSquareMetres = measuredSquareMetres(target.measure, totals);
      actual = actualSquareMetres === null ? null : squareMetresToMu(actualSquareMetres);
    }
    const fraction = actual === null || target.target === 0 ? null : actual / target.target;
    const met = actual === null ? null : target.comparison === 'atLeast' ? actual >= target.target : actual <= target.target;
    return {
      target,
      actual,
      fraction,
      met,
      actualSquareMetres,
      targetSquareMetres: target.unit === 'mu' ? muToSquareMetres(target.target) : null,
    };
  });
}

/**
 * Checks a parsed plan file and names what is wrong (so a typo in next year's file is caught).
 * @throws Error naming the target and field.
 */
export function parsePlanTargets(value: unknown, fileName = 'plan-targets.json'): PlanTargets {
  const plan = value as PlanTargets;
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.targets)) throw new Error(`${fileName}: "targets" must be a list`);
  if (!Number.isInteger(plan.year)) throw new Error(`${fileName}: "year" must be a whole number`);
  plan.targets.forEach((target, index) => {
    const where = `${fileName}: target ${index + 1} (${target?.id ?? '?'})`;
    if (typeof target?.id !== 'string') throw new Error(`${where}: "id" is missing`);
    if (!target.label?.zh || !target.label?.en) throw new Error(`${where}: "label" needs zh and en`);
    if (!(typeof target.target === 'number' && target.target > 0)) throw new Error(`${where}: "target" must be a positive number`);
    if (target.unit !== 'mu' && target.unit !== 'ratio') throw new Error(`${where}: "unit" must be "mu" or "ratio"`);
    if (target.comparison !== 'atLeast' && target.comparison !== 'atMost') throw new Error(`${where}: "comparison" must be "atLeast" or "atMost"`);
    const kind = target.measure?.kind;
    if (kind !== 'layerArea' && kind !== 'categoryArea' && kind !== 'forestCoverage') throw new Error(`${where}: unknown measure kind "${String(kind)}"`);
  });
  return { ...plan, notMapped: plan.notMapped ?? [] };
}
