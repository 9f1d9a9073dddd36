/**
 * What a river corridor is made of — a width per bank, optionally per reach — and the checks on
 * it. Kept apart from the buffer itself (corridor.ts, which pulls in Turf and JSTS) so the page can
 * validate a width as it is typed without loading the buffer code.
 */

/** Widths are whole-ish metres per bank; beyond 10 km it is no longer a river corridor. */
export const CORRIDOR_WIDTH_LIMITS = { min: 1, max: 10_000 } as const;

/** A stretch of the river, by distance along it from its first vertex, with its own width. */
export interface CorridorReach {
  readonly fromMetres: number;
  readonly toMetres: number;
  /** Width of the corridor on each bank (m). */
  readonly widthMetres: number;
}

export interface CorridorSpec {
  /** Width on each bank (m) wherever no reach says otherwise. */
  readonly widthMetres: number;
  readonly reaches?: readonly CorridorReach[];
}

export type CorridorIssueCode = 'noLine' | 'width' | 'reachWidth' | 'reachOrder' | 'reachBeyond' | 'reachOverlap';

/** A reason a corridor cannot be built; the text is `corridor.issue.<code>` in the i18n catalogue. */
export interface CorridorIssue {
  readonly code: CorridorIssueCode;
  readonly params: Readonly<Record<string, string | number>>;
}

const widthOk = (value: number): boolean =>
  Number.isFinite(value) && value >= CORRIDOR_WIDTH_LIMITS.min && value <= CORRIDOR_WIDTH_LIMITS.max;

/**
 * Every problem of a spec for a river of the given length (m; omit when unknown): widths outside
 * 1 m–10 km or not numbers, reaches reversed, beyond the river's end, or overlapping.
 * Reaches are numbered from 1 in the messages.
 */
export function corridorSpecIssues(spec: CorridorSpec, riverLengthMetres?: number): CorridorIssue[] {
  const issues: CorridorIssue[] = [];
  const limits = { min: CORRIDOR_WIDTH_LIMITS.min, max: CORRIDOR_WIDTH_LIMITS.max };
  if (!widthOk(spec.widthMetres)) issues.push({ code: 'width', params: { value: String(spec.widthMetres), ...limits } });
  const reaches = spec.reaches ?? [];
  for (const [index, reach] of reaches.entries()) {
    const number = index + 1;
    if (!widthOk(reach.widthMetres)) issues.push({ code: 'reachWidth', params: { reach: number, value: String(reach.widthMetres), ...limits } });
    if (!Number.isFinite(reach.fromMetres) || !Number.isFinite(reach.toMetres) || reach.fromMetres < 0 || reach.fromMetres >= reach.toMetres) {
      issues.push({ code: 'reachOrder', params: { reach: number } });
    } else if (riverLengthMetres !== undefined && reach.fromMetres >= riverLengthMetres) {
      issues.push({ code: 'reachBeyond', params: { reach: number, length: Math.round(riverLengthMetres) } });
    }
  }
  const ordered = reaches
    .map((reach, index) => ({ reach, number: index + 1 }))
    .filter(({ reach }) => Number.isFinite(reach.fromMetres) && Number.isFinite(reach.toMetres) && reach.fromMetres < reach.toMetres)
    .sort((a, b) => a.reach.fromMetres - b.reach.fromMetres);
  for (let index = 1; index < ordered.length; index++) {
    const previous = ordered[index - 1]!;
    const current = ordered[index]!;
    if (current.reach.fromMetres < previous.reach.toMetres) {
      issues.push({ code: 'reachOverlap', params: { first: Math.min(previous.number, current.number), second: Math.max(previous.number, current.number) } });
    }
  }
  return issues;
}

/** The width (m) that applies at a distance along the river. */
export function widthAt(spec: CorridorSpec, chainageMetres: number): number {
  const reach = (spec.reaches ?? []).find((candidate) => chainageMetres >= candidate.fromMetres && chainageMetres < candidate.toMetres);
  return reach ? reach.widthMetres : spec.widthMetres;
}
