/**
 * The stored form of a plot's geometry: longitude/latitude rounded to 1e-9° (≈ 0.1 mm, what the
 * drawing tool produces), rings closed, consecutive duplicate vertices dropped. Storing exactly
 * what is drawn and exported means the figures on screen, in IndexedDB and in every export are
 * computed from the same numbers.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonParts } from './polygons';

/** Decimal places kept in plot coordinates. */
export const PLOT_COORDINATE_DECIMALS = 9;

const FACTOR = 10 ** PLOT_COORDINATE_DECIMALS;
const round = (value: number) => Math.round(value * FACTOR) / FACTOR;

function cleanRing(ring: readonly Position[]): Position[] {
  const cleaned: Position[] = [];
  for (const position of ring) {
    const next: Position = [round(position[0]!), round(position[1]!)];
    const previous = cleaned[cleaned.length - 1];
    if (previous && previous[0] === next[0] && previous[1] === next[1]) continue;
    cleaned.push(next);
  }
  const first = cleaned[0];
  const last = cleaned[cleaned.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) cleaned.push([first[0]!, first[1]!]);
  return cleaned;
}

/**
 * Normalises polygonal geometry for storage; null when nothing polygonal with at least three
 * distinct vertices is left (points, lines, degenerate rings).
 */
export function normalisePlotGeometry(geometry: Geometry | null | undefined): Polygon | MultiPolygon | null {
  const polygons: Position[][][] = [];
  for (const rings of polygonParts(geometry)) {
    const [outer, ...holes] = rings.map(cleanRing);
    // A polygon whose outer ring collapsed is dropped with its holes.
    if (outer && outer.length >= 4) polygons.push([outer, ...holes.filter((ring) => ring.length >= 4)]);
  }
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** True when the geometry is one polygon without holes (what the vertex editor can edit). */
export function isSimplePolygon(geometry: Polygon | MultiPolygon): geometry is Polygon {
  return geometry.type === 'Polygon' && geometry.coordinates.length === 1;
}
