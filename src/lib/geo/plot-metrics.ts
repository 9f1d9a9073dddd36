/**
 * What a planner reads while drawing: ellipsoidal area, perimeter and vertex count of a plot,
 * length of a measuring line. All figures come from GeographicLib (area.ts), never from a
 * projection, so the live read-out equals what the statistics and exports report.
 *
 * @example
 * plotMetrics(square).areaSquareMetres   // same number as geometryAreaSquareMetres(square)
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { distanceMetres, geometryAreaSquareMetres, geometryPerimeterMetres, lineLengthMetres, ringVertexCount } from './area';
import { polygonParts } from './polygons';
import { formatNumber } from './units';

export interface PlotMetrics {
  readonly areaSquareMetres: number;
  /** Sum of every ring's geodesic length (outer rings and holes). */
  readonly perimeterMetres: number;
  /** Distinct vertices over all rings (a ring's closing vertex is not counted twice). */
  readonly vertexCount: number;
}

export interface LineMetrics {
  readonly lengthMetres: number;
  readonly vertexCount: number;
  /** Geodesic length of the last segment (what the pointer is stretching), 0 without one. */
  readonly lastSegmentMetres: number;
}

/** Area, perimeter and vertex count of a polygonal plot. */
export function plotMetrics(geometry: Polygon | MultiPolygon): PlotMetrics {
  let vertexCount = 0;
  for (const rings of polygonParts(geometry)) for (const ring of rings) vertexCount += ringVertexCount(ring);
  return {
    areaSquareMetres: geometryAreaSquareMetres(geometry),
    perimeterMetres: geometryPerimeterMetres(geometry),
    vertexCount,
  };
}

/** Length of a measuring line through the positions. */
export function lineMetrics(positions: readonly Position[]): LineMetrics {
  const count = positions.length;
  return {
    lengthMetres: count > 1 ? lineLengthMetres(positions) : 0,
    vertexCount: count,
    lastSegmentMetres: count > 1 ? distanceMetres(positions[count - 2]!, positions[count - 1]!) : 0,
  };
}

/**
 * Formats a length: metres below 1 km ("856.3 m" / "856.3 米"), kilometres above ("1.234 km").
 */
export function formatLength(metres: number, locale: 'zh' | 'en'): string {
  if (!Number.isFinite(metres)) return '—';
  if (Math.abs(metres) < 1000) return `${formatNumber(metres, 1)} ${locale === 'zh' ? '米' : 'm'}`;
  return `${formatNumber(metres / 1000, 3)} ${locale === 'zh' ? '千米' : 'km'}`;
}
