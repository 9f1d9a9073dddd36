/**
 * How much of each forest-fire high-risk zone lies within sight of at least one watchtower or
 * camera: zone ∩ (union of the facilities' viewing circles), with overlapping circles counted
 * once. Areas are ellipsoidal (GeographicLib); the uncovered parts are returned for the map.
 */
import { difference, intersection, multiPolygonOrNull, union, type Geom } from '../polygon-clipping';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { geometryAreaSquareMetres, polygonAreaSquareMetres } from '../area';
import { boundingBoxesOverlap, boundingBoxOf, emptyBoundingBox, type BoundingBox } from '../bounds';
import { CIRCLE_SEGMENTS, geodesicCircle } from './geodesic-circle';

/** Uncovered parts smaller than this are clipping residue, not gaps in the watch. */
export const MIN_UNCOVERED_SQUARE_METRES = 1;
import type { Facility } from './facility';

export interface CoverageZone {
  readonly id: string;
  readonly geometry: Polygon | MultiPolygon;
}

export interface ZoneCoverage {
  readonly zoneId: string;
  readonly zoneSquareMetres: number;
  readonly coveredSquareMetres: number;
  /** covered ÷ zone (0..1); 0 for an empty zone. */
  readonly share: number;
  /** The part of the zone no facility sees, or null when fully covered. */
  readonly uncovered: MultiPolygon | null;
  /** Facilities whose circle reaches into the zone. */
  readonly facilityIds: readonly string[];
}

export interface CoverageSummary {
  readonly zones: readonly ZoneCoverage[];
  readonly zoneSquareMetres: number;
  readonly coveredSquareMetres: number;
  readonly share: number;
}

function boxOf(coordinates: Position[][][]): BoundingBox {
  return boundingBoxOf([{ type: 'MultiPolygon', coordinates }]) ?? emptyBoundingBox();
}

export function asMultiPolygon(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

interface ViewingCircle {
  readonly id: string;
  readonly polygon: Position[][][];
  readonly box: BoundingBox;
  /** True when every vertex of the polygons lies inside the circle's (inscribed) polygon. */
  contains(polygons: Position[][][]): boolean;
  /** True when some vertex of the polygons lies inside the circle's polygon. */
  reachesAVertex(polygons: Position[][][]): boolean;
}

/** Viewing circles of facilities, built once and reused across zones. */
export class ViewingCircles {
  private readonly circles: ViewingCircle[] = [];

  constructor(facilities: readonly Facility[]) {
    for (const facility of facilities) {
      if (facility.radiusMetres <= 0) continue;
      const polygon = [geodesicCircle(facility.position, facility.radiusMetres).coordinates];
      // The inscribed polygon's edges come no closer to the centre than r·cos(π/n); the local flat
      // distance below is within 0.1 % of the geodesic one at these ranges, so a 0.5 % margin keeps
      // the test on the safe side (a vertex near the edge just falls back to exact clipping).
      const safeRadius = facility.radiusMetres * Math.cos(Math.PI / CIRCLE_SEGMENTS) * 0.995;
      const [centerLongitude, centerLatitude] = facility.position as [number, number];
      const metresPerDegreeLatitude = 110_574 + 1_110 * Math.sin((centerLatitude * Math.PI) / 180) ** 2;
      const metresPerDegreeLongitude = 111_320 * Math.cos((centerLatitude * Math.PI) / 180);
      const inside = (vertex: Position) =>
        Math.hypot((vertex[0]! - centerLongitude) * metresPerDegreeLongitude, (vertex[1]! - centerLatitude) * metresPerDegreeLatitude) < safeRadius;
      const contains = (polygons: Position[][][]) => polygons.every((rings) => rings[0]!.every(inside));
      const reachesAVertex = (polygons: Position[][][]) => polygons.some((rings) => rings[0]!.some(inside));
      this.circles.push({ id: facility.id, polygon, box: boxOf(polygon), contains, reachesAVertex });
    }
  }

  /** Circles whose bounding box meets `box`. */
  near(box: BoundingBox): ViewingCircle[] {
    return this.circles.filter((circle) => boundingBoxesOverlap(circle.box, box));
  }
}

/**
 * Coverage of one zone by the given circles. Each circle is clipped to the zone first and only
 * those small pieces are unioned — far cheaper than uniting whole circles — and a zone that lies
 * entirely inside one circle needs no clipping at all.
 */
export function zoneCoverage(zone: CoverageZone, circles: ViewingCircles): ZoneCoverage {
  const zonePolygons = asMultiPolygon(zone.geometry);
  const zoneSquareMetres = geometryAreaSquareMetres(zone.geometry);
  const candidates = circles.near(boxOf(zonePolygons));
  if (candidates.some((candidate) => candidate.contains(zonePolygons))) {
    // Fully seen: only which facilities reach in is left to find (a vertex in range settles most).
    const facilityIds = candidates
      .filter((candidate) => candidate.reachesAVertex(zonePolygons) || (intersection(zonePolygons as Geom, candidate.polygon as Geom) as Position[][][]).length > 0)
      .map((candidate) => candidate.id);
    return { zoneId: zone.id, zoneSquareMetres, coveredSquareMetres: zoneSquareMetres, share: 1, uncovered: null, facilityIds };
  }
  const pieces: Position[][][][] = [];
  const facilityIds: string[] = [];
  for (const candidate of candidates) {
    const piece = intersection(zonePolygons as Geom, candidate.polygon as Geom) as Position[][][];
    if (piece.length === 0) continue;
    facilityIds.push(candidate.id);
    pieces.push(piece);
  }
  if (pieces.length === 0 || zoneSquareMetres === 0) {
    return { zoneId: zone.id, zoneSquareMetres, coveredSquareMetres: 0, share: 0, uncovered: multiPolygonOrNull(zonePolygons), facilityIds };
  }
  const [first, ...rest] = pieces as Geom[];
  const covered = (rest.length === 0 ? first : union(first!, ...rest)) as Position[][][];
  // Clipping leaves slivers of far below a square metre along shared edges: numerical residue.
  const uncovered = (difference(zonePolygons as Geom, covered as Geom) as Position[][][]).filter(
    (part) => polygonAreaSquareMetres(part) >= MIN_UNCOVERED_SQUARE_METRES,
  );
  const uncoveredSquareMetres = uncovered.reduce((sum, part) => sum + polygonAreaSquareMetres(part), 0);
  const coveredSquareMetres = Math.max(0, zoneSquareMetres - uncoveredSquareMetres);
  return {
    zoneId: zone.id,
    zoneSquareMetres,
    coveredSquareMetres,
    share: coveredSquareMetres / zoneSquareMetres,
    uncovered: multiPolygonOrNull(uncovered),
    facilityIds,
  };
}

/**
 * Coverage of every zone and the county figure (zones are assumed not to overlap).
 * @param onProgress called with the fraction of zones done.
 */
export function computeViewingCoverage(
  zones: readonly CoverageZone[],
  facilities: readonly Facility[],
  onProgress?: (fraction: number) => void,
): CoverageSummary {
  const circles = new ViewingCircles(facilities);
  const results: ZoneCoverage[] = [];
  let zoneSquareMetres = 0;
  let coveredSquareMetres = 0;
  zones.forEach((zone, index) => {
    const coverage = zoneCoverage(zone, circles);
    results.push(coverage);
    zoneSquareMetres += coverage.zoneSquareMetres;
    coveredSquareMetres += coverage.coveredSquareMetres;
    onProgress?.((index + 1) / zones.length);
  });
  return { zones: results, zoneSquareMetres, coveredSquareMetres, share: zoneSquareMetres > 0 ? coveredSquareMetres / zoneSquareMetres : 0 };
}
