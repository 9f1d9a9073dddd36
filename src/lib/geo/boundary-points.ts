/**
 * Boundary-point coordinate table (界址点坐标表) of a plot, as land surveys lay it out:
 * vertices numbered J1, J2 … clockwise from the north-west corner, with CGCS2000 3° Gauss–Krüger
 * X (northing) and Y (easting) in metres, longitude/latitude, and the length of each edge.
 *
 * Conventions:
 * - The north-west corner is the vertex nearest the north-west corner of the ring's bounding box
 *   in the projection plane (min easting, max northing).
 * - Outer rings run clockwise, holes anticlockwise (the usual 宗地 convention); numbering runs on
 *   through every ring of every part. Each ring ends by repeating its first point, as printed
 *   tables do, so the closing edge has a row.
 * - Edge lengths are plane distances between the listed X/Y (what a surveyor staking out the
 *   points measures against); the area is the ellipsoidal one every other figure uses.
 * - X is northing and Y easting (EPSG axis order for these systems); a zone-prefixed system puts
 *   the zone number in front of Y (36575144.430).
 *
 * @example
 * const table = boundaryPointTable(plot.geometry);                   // EPSG:4545, CM 108°E
 * table.rings[0].points[0]                                           // { label: 'J1', x: 3191779.380, y: 575144.430, … }
 * boundaryPointTable(plot.geometry, { crs: gaussKrugerCode(36, true) }) // EPSG:4524, Y = 36575144.430
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { geometryAreaSquareMetres, geometryPerimeterMetres, ringVertexCount } from './area';
import { findCrs, listCrs, type CrsDefinition } from './crs';
import { createTransform } from './crs/transform';
import { polygonParts } from './polygons';
import type { LocalizedText } from '../i18n/locale';

/** CGCS2000 3° Gauss–Krüger, CM 108°E, no zone prefix (Youyang's zone 36). */
export const DEFAULT_BOUNDARY_CRS = 'EPSG:4545';

export interface BoundaryPoint {
  /** J1, J2 … (the closing row repeats its ring's first label). */
  readonly label: string;
  readonly longitude: number;
  readonly latitude: number;
  /** Northing in metres. */
  readonly x: number;
  /** Easting in metres (with the zone number in front for zone-prefixed systems). */
  readonly y: number;
  /** Plane distance to the next row's point in metres; null on a ring's closing row. */
  readonly edgeMetres: number | null;
}

export interface BoundaryRing {
  /** 1-based polygon part. */
  readonly part: number;
  readonly kind: 'outer' | 'hole';
  /** The ring's points in order, the first repeated at the end. */
  readonly points: readonly BoundaryPoint[];
}

export interface BoundaryPointTable {
  readonly crs: CrsDefinition;
  readonly rings: readonly BoundaryRing[];
  /** Distinct boundary points (J1 … Jn). */
  readonly pointCount: number;
  /** Ellipsoidal area (GRS80, GeographicLib). */
  readonly areaSquareMetres: number;
  /** Ellipsoidal perimeter. */
  readonly perimeterMetres: number;
  /** E.g. the plot lies outside the chosen zone (large scale distortion). */
  readonly warnings: readonly LocalizedText[];
}

/** A table that cannot be made (unknown or unsuitable coordinate system, no polygon). */
export class BoundaryTableError extends Error {
  constructor(readonly messages: LocalizedText) {
    super(messages.en);
    this.name = 'BoundaryTableError';
  }
}

/** The registry's CGCS2000 3° Gauss–Krüger systems (with and without zone prefix). */
export function gaussKrugerSystems(): CrsDefinition[] {
  return listCrs().filter((definition) => definition.datum === 'CGCS2000' && definition.gaussKruger?.zoneWidth === 3);
}

/**
 * Registry code of the CGCS2000 3° zone, e.g. gaussKrugerCode(36, false) = 'EPSG:4545',
 * gaussKrugerCode(36, true) = 'EPSG:4524'.
 * @throws BoundaryTableError for a zone the registry does not have.
 */
export function gaussKrugerCode(zone: number, zonePrefixed: boolean): string {
  const found = gaussKrugerSystems().find((definition) => definition.gaussKruger!.zone === zone && definition.gaussKruger!.zonePrefixed === zonePrefixed);
  if (!found) {
    const zones = [...new Set(gaussKrugerSystems().map((definition) => definition.gaussKruger!.zone))].join(', ');
    throw new BoundaryTableError({ zh: `没有第${zone}带（3°带）的坐标系；可选：${zones}`, en: `no 3° zone ${zone} in the registry; available: ${zones}` });
  }
  return found.code;
}

/** The projected registry CRS for a code, or a BoundaryTableError saying what is wrong. */
export function boundaryCrs(code: string): CrsDefinition {
  const definition = findCrs(code);
  const known = gaussKrugerSystems().map((system) => system.code).join(', ');
  if (!definition) {
    throw new BoundaryTableError({
      zh: `未知坐标系“${code}”。可选的CGCS2000高斯-克吕格坐标系：${known}`,
      en: `unknown coordinate system "${code}". CGCS2000 Gauss–Krüger systems available: ${known}`,
    });
  }
  if (definition.kind !== 'projected') {
    throw new BoundaryTableError({
      zh: `“${definition.name.zh}”不是平面坐标系，界址点坐标须用高斯-克吕格投影（如 ${DEFAULT_BOUNDARY_CRS}）`,
      en: `"${definition.name.en}" is not a projected system; boundary points need Gauss–Krüger coordinates (e.g. ${DEFAULT_BOUNDARY_CRS})`,
    });
  }
  return definition;
}

/** Twice the signed area of a ring in the plane (positive anticlockwise, x east, y north). */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index]!;
    const b = ring[(index + 1) % ring.length]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum;
}

/** Index of the vertex nearest the bounding box's north-west corner (ties: the more northern). */
function northWestIndex(ring: readonly Position[]): number {
  let minEast = Infinity;
  let maxNorth = -Infinity;
  for (const position of ring) {
    minEast = Math.min(minEast, position[0]!);
    maxNorth = Math.max(maxNorth, position[1]!);
  }
  let best = 0;
  let bestDistance = Infinity;
  ring.forEach((position, index) => {
    const distance = Math.hypot(position[0]! - minEast, position[1]! - maxNorth);
    if (distance < bestDistance || (distance === bestDistance && position[1]! > ring[best]![1]!)) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * Orders one ring's vertex indices: clockwise (or anticlockwise for holes) from the NW corner.
 * `projected` holds the ring's distinct vertices as [easting, northing].
 */
function ringOrder(projected: readonly Position[], clockwise: boolean): number[] {
  const indices = projected.map((_, index) => index);
  const isClockwise = signedArea(projected) < 0;
  if (isClockwise !== clockwise) indices.reverse();
  const start = indices.indexOf(northWestIndex(projected));
  return [...indices.slice(start), ...indices.slice(0, start)];
}

function zoneWarning(longitudes: readonly number[], crs: CrsDefinition): LocalizedText | null {
  const parameters = crs.gaussKruger;
  if (!parameters) return null;
  const half = parameters.zoneWidth / 2;
  const farthest = Math.max(...longitudes.map((longitude) => Math.abs(longitude - parameters.centralMeridian)));
  if (farthest <= half + 1e-9) return null;
  const suggested = parameters.zoneWidth === 3 ? Math.round(longitudes[0]! / 3) : Math.floor(longitudes[0]! / 6) + 1;
  return {
    zh: `地块距中央经线${parameters.centralMeridian}°达${farthest.toFixed(2)}°，超出该${parameters.zoneWidth}°带范围，投影变形较大；建议改用第${suggested}带`,
    en: `the plot lies ${farthest.toFixed(2)}° from the central meridian ${parameters.centralMeridian}°E, outside this ${parameters.zoneWidth}° zone (large distortion); zone ${suggested} fits better`,
  };
}

/**
 * Builds the boundary-point table of a Polygon or MultiPolygon (longitude/latitude, WGS84/CGCS2000).
 * @param options.crs registry code of a projected system (default EPSG:4545).
 * @throws BoundaryTableError for an unknown or non-projected CRS, or a geometry without a ring.
 */
export function boundaryPointTable(geometry: Polygon | MultiPolygon, options: { crs?: string } = {}): BoundaryPointTable {
  const crs = boundaryCrs(options.crs ?? DEFAULT_BOUNDARY_CRS);
  const project = createTransform('EPSG:4326', crs.code);
  const rings: BoundaryRing[] = [];
  const longitudes: number[] = [];
  let number = 0;
  polygonParts(geometry).forEach((polygon, partIndex) => {
    polygon.forEach((ring, ringIndex) => {
      const count = ringVertexCount(ring);
      if (count < 3) return;
      const vertices = ring.slice(0, count);
      const projected = vertices.map((position) => project(position));
      const order = ringOrder(projected, ringIndex === 0);
      const firstNumber = number + 1;
      const points: BoundaryPoint[] = order.map((vertex, position) => {
        const next = order[(position + 1) % order.length]!;
        const [easting, northing] = projected[vertex] as [number, number];
        const [nextEasting, nextNorthing] = projected[next] as [number, number];
        longitudes.push(vertices[vertex]![0]!);
        return {
          label: `J${firstNumber + position}`,
          longitude: vertices[vertex]![0]!,
          latitude: vertices[vertex]![1]!,
          x: northing,
          y: easting,
          edgeMetres: Math.hypot(nextEasting - easting, nextNorthing - northing),
        };
      });
      number += points.length;
      points.push({ ...points[0]!, edgeMetres: null });
      rings.push({ part: partIndex + 1, kind: ringIndex === 0 ? 'outer' : 'hole', points });
    });
  });
  if (rings.length === 0) {
    throw new BoundaryTableError({ zh: '地块没有可列出界址点的多边形', en: 'the plot has no polygon ring to list boundary points for' });
  }
  const warning = zoneWarning(longitudes, crs);
  return {
    crs,
    rings,
    pointCount: number,
    areaSquareMetres: geometryAreaSquareMetres(geometry),
    perimeterMetres: geometryPerimeterMetres(geometry),
    warnings: warning ? [warning] : [],
  };
}
