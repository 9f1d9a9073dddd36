/**
 * Deterministic area-driven selection helpers: ranking by a score, taking a prefix that hits an
 * area target, filling a target from a priority list, and splitting by area shares.
 */

/** Indices sorted by descending score (ties by index, so the order never depends on sort stability). */
export function rankDescending(indices: readonly number[], score: (index: number) => number): number[] {
  const scores = new Map<number, number>();
  for (const index of indices) scores.set(index, score(index));
  return [...indices].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
}

/** Length of the prefix of `order` whose cumulative area is nearest to `target`. */
export function prefixForArea(order: readonly number[], area: (index: number) => number, target: number): number {
  let total = 0;
  for (let position = 0; position < order.length; position++) {
    const next = area(order[position]!);
    if (total + next > target) return total + next - target < target - total ? position + 1 : position;
    total += next;
  }
  return order.length;
}

/**
 * Walks candidates in priority order and takes each one that still fits under `target`, stopping
 * once within `tolerance` of it. Keeps clusters (the priority order) while landing on the target.
 */
export function fillToTarget(
  order: readonly number[],
  area: (index: number) => number,
  target: number,
  tolerance: number,
): { taken: number[]; total: number } {
  const taken: number[] = [];
  let total = 0;
  for (const index of order) {
    if (target - total <= tolerance) break;
    const next = area(index);
    if (total + next <= target + tolerance * 0.5) {
      taken.push(index);
      total += next;
    }
  }
  return { taken, total };
}

/**
 * Splits `indices`, ordered by ascending score, into consecutive classes holding the given shares
 * of their total area. Returns the class number of each index.
 */
export function splitByAreaShares(
  indices: readonly number[],
  score: (index: number) => number,
  area: (index: number) => number,
  shares: readonly number[],
): Map<number, number> {
  const order = rankDescending(indices, (index) => -score(index));
  const total = order.reduce((sum, index) => sum + area(index), 0);
  const result = new Map<number, number>();
  let cumulative = 0;
  let klass = 0;
  let boundary = total * (shares[0] ?? 1);
  for (const index of order) {
    const middle = cumulative + area(index) / 2;
    while (klass < shares.length - 1 && middle > boundary) {
      klass++;
      boundary += total * shares[klass]!;
    }
    result.set(index, klass);
    cumulative += area(index);
  }
  return result;
}
