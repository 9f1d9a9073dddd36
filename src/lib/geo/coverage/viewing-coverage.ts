/**
 * How much of each forest-fire high-risk zone lies within sight of at least one watchtower or
 * camera: zone ∩ (union of the facilities' viewing circles), with overlapping circles counted
 * once. Areas are ellipsoidal (GeographicLib); the uncovered parts are returned for the map.
 */
import { difference, intersection, union, type Geom } from 'polyclip-ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { geometryAreaSquareMetres } from '../area';
import { geodesicCircle } from './geodesic-circle';
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

type Box = [number, number, number, number];

function boxOf(coordinates: Position[][][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of coordinates)
    for (const ring of polygon)
      for (const [x, y] of ring) {
        if (x! < box[0]) box[0] = x!;
        if (y! < box[1]) box[1] = y!;
        if (x! > box[2]) box[2] = x!;
        if (y! > box[3]) box[3] = y!;
      }
  return box;
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export function asMultiPolygon(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function toGeometry(coordinates: Position[][][]): MultiPolygon | null {
  return coordinates.length === 0 ? null : { type: 'MultiPolygon', coordinates };
}

/** Viewing circles of facilities, built once and reused across zones. */
export class ViewingCircles {
  private readonly circles = new Map<string, { polygon: Position[][][]; box: Box }>();

  constructor(facilities: readonly Facility[]) {
    for (const facility of facilities) {
      if (facility.radiusMetres <= 0) continue;
      const polygon = [geodesicCircle(facility.position, facility.radiusMetres).coordinates];
      this.circles.set(facility.id, { polygon, box: boxOf(polygon) });
    }
  }

  /** Circles whose bounding box meets `box`. */
  near(box: Box): { id: string; polygon: Position[][][] }[] {
    const found: { id: string; polygon: Position[][][] }[] = [];
    for (const [id, circle] of this.circles) if (boxesOverlap(circle.box, box)) found.push({ id, polygon: circle.polygon });
    return found;
  }
}

/** Coverage of one zone by the given circles. */
export function zoneCoverage(zone: CoverageZone, circles: ViewingCircles): ZoneCoverage {
  const zonePolygons = asMultiPolygon(zone.geometry);
  const zoneSquareMetres = geometryAreaSquareMetres(zone.geometry);
  const candidates = circles.near(boxOf(zonePolygons));
  if (candidates.length === 0 || zoneSquareMetres === 0) {
    return { zoneId: zone.id, zoneSquareMetres, coveredSquareMetres: 0, share: 0, uncovered: toGeometry(zonePolygons), facilityIds: [] };
  }
  const [first, ...rest] = candidates.map((candidate) => candidate.polygon as Geom);
  const seen = rest.length === 0 ? (first as Position[][][]) : (union(first!, ...rest) as Position[][][]);
  const covered = intersection(zonePolygons as Geom, seen as Geom) as Position[][][];
  const uncovered = difference(zonePolygons as Geom, seen as Geom) as Position[][][];
  const coveredGeometry = toGeometry(covered);
  const coveredSquareMetres = coveredGeometry ? geometryAreaSquareMetres(coveredGeometry) : 0;
  const facilityIds = candidates
    .filter((candidate) => (intersection(zonePolygons as Geom, candidate.polygon as Geom) as Position[][][]).length > 0)
    .map((candidate) => candidate.id);
  return {
    zoneId: zone.id,
    zoneSquareMetres,
    coveredSquareMetres,
    share: coveredSquareMetres / zoneSquareMetres,
    uncovered: toGeometry(uncovered),
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
