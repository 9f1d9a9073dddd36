/**
 * Where one more camera would see the most high-risk area nobody watches yet: a greedy choice
 * over candidate points.
 *
 * Candidates: a square grid (default spacing 500 m on the ground) over the bounding box of each
 * uncovered part, keeping the points inside that part; a part too small to hold a grid point
 * contributes one point on it (Turf's pointOnFeature), so small gaps are not missed.
 * The spacing grows when there would be more than `maxCandidates` points. Each candidate's gain
 * is the exact ellipsoidal area of (its viewing circle ∩ uncovered parts); the best is taken,
 * its circle removed from the uncovered parts, and so on for `count` cameras.
 */
import { difference, intersection, type Geom } from '../polygon-clipping';
import type { MultiPolygon, Position } from 'geojson';
import { geometryAreaSquareMetres } from '../area';
import { pointOnFeature } from '@turf/turf';
import { boundingBoxOf } from '../bounds';
import { pointInRing } from '../planar';
import { geodesicCircle } from './geodesic-circle';

export interface CameraSuggestion {
  readonly position: Position;
  /** Uncovered high-risk area this camera would add, m² (ellipsoidal). */
  readonly gainSquareMetres: number;
  readonly candidatesConsidered: number;
}

const METRES_PER_DEGREE = 111_320;

function insideAny(point: Position, parts: Position[][][]): boolean {
  for (const polygon of parts) {
    if (pointInRing(point[0]!, point[1]!, polygon[0]!) < 0) continue;
    if (polygon.slice(1).some((hole) => pointInRing(point[0]!, point[1]!, hole) > 0)) continue;
    return true;
  }
  return false;
}

/** Candidate points inside the uncovered parts (see the module comment). */
export function candidatePoints(uncovered: Position[][][], spacingMetres: number, maxCandidates: number): Position[] {
  if (uncovered.length === 0) return [];
  let spacing = spacingMetres;
  for (;;) {
    const points: Position[] = [];
    for (const polygon of uncovered) {
      const [west, south, east, north] = boundingBoxOf([{ type: 'LineString', coordinates: polygon[0]! }])!;
      const stepY = spacing / METRES_PER_DEGREE;
      const stepX = spacing / (METRES_PER_DEGREE * Math.cos((((south + north) / 2) * Math.PI) / 180));
      let added = 0;
      // Grid anchored at whole multiples of the step, so neighbouring parts share one lattice.
      for (let y = Math.ceil(south / stepY) * stepY; y <= north; y += stepY)
        for (let x = Math.ceil(west / stepX) * stepX; x <= east; x += stepX) {
          if (insideAny([x, y], [polygon])) {
            points.push([x, y]);
            added++;
          }
        }
      if (added === 0) points.push(pointOnFeature({ type: 'Polygon', coordinates: polygon }).geometry.coordinates);
    }
    if (points.length <= maxCandidates) return points;
    spacing *= Math.sqrt(points.length / maxCandidates) * 1.05;
  }
}

function gainAt(position: Position, radiusMetres: number, uncovered: Position[][][]): number {
  const circle = [geodesicCircle(position, radiusMetres, 64).coordinates];
  const seen = intersection(uncovered as Geom, circle as Geom) as Position[][][];
  return seen.length === 0 ? 0 : geometryAreaSquareMetres({ type: 'MultiPolygon', coordinates: seen });
}

/**
 * Greedy placement of `count` cameras of `radiusMetres` over the uncovered parts.
 * Gains are evaluated with 64-gon circles (fast); the reported gain uses the 128-gon.
 */
export function suggestCameraSites(
  uncoveredParts: readonly MultiPolygon[],
  radiusMetres: number,
  options: { readonly count?: number; readonly spacingMetres?: number; readonly maxCandidates?: number } = {},
): CameraSuggestion[] {
  let uncovered: Position[][][] = uncoveredParts.flatMap((part) => part.coordinates);
  const suggestions: CameraSuggestion[] = [];
  for (let round = 0; round < (options.count ?? 1) && uncovered.length > 0; round++) {
    const candidates = candidatePoints(uncovered, options.spacingMetres ?? 500, options.maxCandidates ?? 400);
    let best: Position | null = null;
    let bestGain = 0;
    for (const candidate of candidates) {
      const gain = gainAt(candidate, radiusMetres, uncovered);
      if (gain > bestGain) {
        bestGain = gain;
        best = candidate;
      }
    }
    if (!best) break;
    const circle = [geodesicCircle(best, radiusMetres).coordinates];
    const gain = geometryAreaSquareMetres({ type: 'MultiPolygon', coordinates: intersection(uncovered as Geom, circle as Geom) as Position[][][] });
    suggestions.push({ position: best, gainSquareMetres: gain, candidatesConsidered: candidates.length });
    uncovered = difference(uncovered as Geom, circle as Geom) as Position[][][];
  }
  return suggestions;
}
