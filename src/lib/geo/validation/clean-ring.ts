/**
 * Ring clean-up shared by validation and repair: drops non-finite vertices, consecutive duplicates
 * and the closing vertex, reporting what it found.
 */
import type { Position } from 'geojson';

export interface CleanedRing {
  /** Distinct consecutive vertices, not closed: x0, y0, x1, y1, … */
  readonly coordinates: Float64Array;
  /** Index (in the input ring) of the first non-finite vertex, or -1. */
  readonly firstNonFinite: number;
  readonly nonFiniteCount: number;
  /** Index of the first vertex that repeats its predecessor, or -1. */
  readonly firstDuplicate: number;
  readonly duplicateCount: number;
  /** The input's first and last vertices differ (the ring is open). */
  readonly unclosed: boolean;
}

/** Cleans one ring; never throws on malformed positions (a non-number counts as non-finite). */
export function cleanRing(ring: readonly Position[]): CleanedRing {
  const flat = new Float64Array(ring.length * 2);
  for (let index = 0; index < ring.length; index++) {
    const position = ring[index];
    const x = Array.isArray(position) ? position[0] : undefined;
    const y = Array.isArray(position) ? position[1] : undefined;
    flat[2 * index] = typeof x === 'number' ? x : NaN;
    flat[2 * index + 1] = typeof y === 'number' ? y : NaN;
  }
  return cleanFlatRing(flat, 0, ring.length);
}

/**
 * cleanRing for a ring of a flat coordinate array (vertices [from, to) of x, y pairs): the same
 * result without GeoJSON position arrays, for layers decoded flat (overlay/flat-layer.ts).
 */
export function cleanFlatRing(flat: Float64Array, from: number, to: number): CleanedRing {
  const count = to - from;
  // Most rings are clean (every vertex finite, none repeating its predecessor): then the result is
  // a view of the input, without copying. (x - x === 0 is false for NaN and ±Infinity.)
  let clean = count > 0;
  for (let index = 2 * from; clean && index < 2 * to; index += 2) {
    const x = flat[index]!;
    const y = flat[index + 1]!;
    if (!(x - x === 0 && y - y === 0) || (index > 2 * from && x === flat[index - 2] && y === flat[index - 1])) clean = false;
  }
  if (clean) {
    const closed = flat[2 * to - 2] === flat[2 * from] && flat[2 * to - 1] === flat[2 * from + 1];
    // A closing vertex repeats the first and is dropped (no repeats: the one before cannot be the first too).
    const length = closed && count > 1 ? count - 1 : count;
    return { coordinates: flat.subarray(2 * from, 2 * (from + length)), firstNonFinite: -1, nonFiniteCount: 0, firstDuplicate: -1, duplicateCount: 0, unclosed: !closed };
  }
  const output = new Float64Array(count * 2);
  let length = 0;
  let firstNonFinite = -1;
  let nonFiniteCount = 0;
  let firstDuplicate = -1;
  let duplicateCount = 0;
  let firstX = NaN;
  let firstY = NaN;
  let lastX = NaN;
  let lastY = NaN;
  for (let index = 0; index < count; index++) {
    const x = flat[2 * (from + index)]!;
    const y = flat[2 * (from + index) + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (firstNonFinite < 0) firstNonFinite = index;
      nonFiniteCount++;
      continue;
    }
    if (index === 0) {
      firstX = x;
      firstY = y;
    }
    lastX = x;
    lastY = y;
    if (length > 0 && output[2 * length - 2] === x && output[2 * length - 1] === y) {
      // The closing vertex repeats the first, not its predecessor: only count true repeats.
      if (!(index === count - 1 && x === output[0] && y === output[1])) {
        if (firstDuplicate < 0) firstDuplicate = index;
        duplicateCount++;
      }
      continue;
    }
    output[2 * length] = x;
    output[2 * length + 1] = y;
    length++;
  }
  const unclosed = count > 0 && !(firstX === lastX && firstY === lastY);
  // Drop the closing vertex (and any run of vertices equal to the first at the end).
  while (length > 1 && output[2 * length - 2] === output[0] && output[2 * length - 1] === output[1]) length--;
  return { coordinates: output.subarray(0, 2 * length), firstNonFinite, nonFiniteCount, firstDuplicate, duplicateCount, unclosed };
}

/** Converts cleaned coordinates back to a closed GeoJSON ring. */
export function toClosedRing(coordinates: Float64Array): Position[] {
  const ring: Position[] = [];
  for (let index = 0; index < coordinates.length; index += 2) ring.push([coordinates[index]!, coordinates[index + 1]!]);
  if (ring.length > 0) ring.push([coordinates[0]!, coordinates[1]!]);
  return ring;
}

/** True when all vertices of a cleaned ring lie on one line (the ring encloses no area). */
export function isCollinear(coordinates: Float64Array): boolean {
  const x0 = coordinates[0]!;
  const y0 = coordinates[1]!;
  const x1 = coordinates[2]!;
  const y1 = coordinates[3]!;
  for (let index = 4; index < coordinates.length; index += 2) {
    if ((x1 - x0) * (coordinates[index + 1]! - y0) - (y1 - y0) * (coordinates[index]! - x0) !== 0) return false;
  }
  return true;
}
