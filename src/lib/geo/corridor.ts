/**
 * River corridors: a line buffered by a width per bank (optionally per reach) with Turf's
 * `buffer`, in a frame where Turf's metres are metres on the ellipsoid.
 *
 * Why a frame: `turf.buffer` projects the line with a spherical azimuthal-equidistant projection
 * (radius 6,371,008.8 m) centred on the line. At Youyang (28.8°N) a metre of that sphere is
 * 0.9967 m on the GRS80 ellipsoid north–south and 1.0019 m east–west, so a 1,000 m corridor
 * would come out 3.3 m too narrow across an east–west river and 1.9 m too wide across a
 * north–south one. Here the line is first put into a local transverse Mercator on GRS80
 * (conformal, scale 1 on its central meridian through the line's centre; ≤ 3×10⁻⁵ off within
 * 50 km), and those plane metres are handed to Turf as arc lengths on its sphere at the equator,
 * where its projection is isometric to ≤ 2×10⁻⁵ for the same extent. Widths then hold to
 * 5×10⁻⁵ of themselves (5 cm at 1 km) in every direction (tests/unit/corridor.test.ts).
 *
 * Per-reach widths: the line is cut where the width changes, each piece is buffered with its own
 * width and the pieces are united (polyclip-ts), so a wider reach ends in a round cap that
 * reaches into the narrower one, as a hand-drawn corridor would. Areas are never Turf's: measure
 * the result with area.ts (GeographicLib).
 */
import { buffer } from '@turf/turf';
import proj4 from 'proj4';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { GRS80 } from './ellipsoid';
import { difference, intersection, polygonalGeometry, union, type Geom } from './polygon-clipping';
import { widthAt, type CorridorSpec } from './corridor-spec';

export { lineParts } from './corridor-parts';
export { corridorSpecIssues, widthAt, CORRIDOR_WIDTH_LIMITS, type CorridorSpec, type CorridorReach, type CorridorIssue } from './corridor-spec';

/** Turf's sphere (its `earthRadius`), in metres. */
const TURF_EARTH_RADIUS = 6_371_008.8;
/** Segments per quarter circle of the round caps and bends (Turf's default is 8). */
export const CORRIDOR_STEPS = 16;

type XY = [number, number];

export interface CorridorOptions {
  /** Keep only what lies inside (the county outline). */
  readonly clipTo?: Polygon | MultiPolygon | null;
  /** Leave out what lies inside (e.g. a main river's corridor from a tributary's). */
  readonly exclude?: Polygon | MultiPolygon | null;
  /** Segments per quarter circle (default CORRIDOR_STEPS). */
  readonly steps?: number;
}

export interface CorridorGeometry {
  /** The corridor in WGS84, or null when nothing is left after clipping. */
  readonly geometry: Polygon | MultiPolygon | null;
  /** Length of the river line (m), the scale of the reaches' distances. */
  readonly lengthMetres: number;
}

/** A local conformal frame around the lines: WGS84 ⇄ plane metres. */
class LocalFrame {
  private readonly converter: proj4.Converter;

  constructor(parts: readonly (readonly Position[])[]) {
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    for (const part of parts) {
      for (const position of part) {
        west = Math.min(west, position[0]!);
        east = Math.max(east, position[0]!);
        south = Math.min(south, position[1]!);
        north = Math.max(north, position[1]!);
      }
    }
    const lon0 = (west + east) / 2;
    const lat0 = (south + north) / 2;
    const definition = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +a=${GRS80.semiMajorAxis} +rf=${1 / GRS80.flattening} +units=m +no_defs`;
    this.converter = proj4('EPSG:4326', definition);
  }

  forward(position: Position): XY {
    return this.converter.forward([position[0]!, position[1]!]) as XY;
  }

  inverse(point: XY): Position {
    const [lon, lat] = this.converter.inverse([point[0], point[1]]) as XY;
    return [lon, lat];
  }
}

const DEGREES = 180 / Math.PI;
/** Plane metres as longitude/latitude on Turf's sphere at the equator (arc length = metres). */
const toSphere = (point: XY): Position => [(point[0] / TURF_EARTH_RADIUS) * DEGREES, (point[1] / TURF_EARTH_RADIUS) * DEGREES];
const fromSphere = (position: Position): XY => [(position[0]! / DEGREES) * TURF_EARTH_RADIUS, (position[1]! / DEGREES) * TURF_EARTH_RADIUS];

interface Piece {
  readonly points: XY[];
  readonly width: number;
}

/** Cuts a plane polyline where the width changes; `start` is the chainage of its first vertex. */
function cutByWidth(points: readonly XY[], start: number, spec: CorridorSpec): Piece[] {
  const boundaries = [...new Set((spec.reaches ?? []).flatMap((reach) => [reach.fromMetres, reach.toMetres]))].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let current: XY[] = [points[0]!];
  let chainage = start;
  let width = widthAt(spec, chainage);
  const close = (next: number): void => {
    if (current.length >= 2) pieces.push({ points: current, width });
    current = [current[current.length - 1]!];
    width = next;
  };
  for (let index = 1; index < points.length; index++) {
    const a = points[index - 1]!;
    const b = points[index]!;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const end = chainage + length;
    for (const boundary of boundaries) {
      if (boundary <= chainage || boundary >= end) continue;
      const t = (boundary - chainage) / length;
      current.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      const next = widthAt(spec, boundary);
      if (next !== width) close(next);
    }
    current.push(b);
    chainage = end;
  }
  close(width);
  return pieces;
}

/** One piece buffered by Turf on its sphere, back in plane metres. */
function bufferPiece(piece: Piece, steps: number): Geom {
  const line: LineString = { type: 'LineString', coordinates: piece.points.map(toSphere) };
  const result = buffer(line, piece.width, { units: 'meters', steps });
  const geometry = result?.geometry;
  if (!geometry) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map(fromSphere)));
}

/** Plane length of a polyline. */
function planeLength(points: readonly XY[]): number {
  let length = 0;
  for (let index = 1; index < points.length; index++) length += Math.hypot(points[index]![0] - points[index - 1]![0], points[index]![1] - points[index - 1]![1]);
  return length;
}

function toPlaneGeom(frame: LocalFrame, geometry: Polygon | MultiPolygon): Geom {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map((position) => frame.forward(position))));
}

/** Drops repeated vertices (a buffer's cap can repeat its last point). */
function cleanPart(part: readonly Position[]): Position[] {
  const cleaned: Position[] = [];
  for (const position of part) {
    const last = cleaned[cleaned.length - 1];
    if (!last || last[0] !== position[0] || last[1] !== position[1]) cleaned.push(position);
  }
  return cleaned;
}

/**
 * The corridor of a river: each bank `spec.widthMetres` wide (or a reach's width there), with
 * round ends, as one WGS84 polygon or multipolygon. Check the spec with `corridorSpecIssues`
 * first: this function assumes valid widths.
 * @param parts the river's line parts (WGS84); chainage runs through them in order.
 */
export function buildCorridor(parts: readonly (readonly Position[])[], spec: CorridorSpec, options: CorridorOptions = {}): CorridorGeometry {
  const lines = parts.map(cleanPart).filter((part) => part.length >= 2);
  if (lines.length === 0) return { geometry: null, lengthMetres: 0 };
  const frame = new LocalFrame(lines);
  const steps = options.steps ?? CORRIDOR_STEPS;
  const buffers: Geom[] = [];
  let chainage = 0;
  for (const line of lines) {
    const points = line.map((position) => frame.forward(position));
    for (const piece of cutByWidth(points, chainage, spec)) buffers.push(bufferPiece(piece, steps));
    chainage += planeLength(points);
  }
  let plane: Geom = buffers.length === 1 ? union(buffers[0]!) : union(buffers[0]!, ...buffers.slice(1));
  if (options.clipTo) plane = intersection(plane, toPlaneGeom(frame, options.clipTo));
  if (options.exclude) plane = difference(plane, toPlaneGeom(frame, options.exclude));
  const polygons = (plane as XY[][][]).map((rings) =>
    rings.map((ring) => {
      const positions = ring.map((point) => frame.inverse(point));
      const first = positions[0]!;
      const last = positions[positions.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) positions.push([first[0]!, first[1]!]);
      return positions;
    }),
  );
  return { geometry: polygonalGeometry(polygons), lengthMetres: chainage };
}

/** Length (m) of a river line in the corridor's own frame (the scale of reach distances). */
export function corridorLineLength(parts: readonly (readonly Position[])[]): number {
  const lines = parts.map(cleanPart).filter((part) => part.length >= 2);
  if (lines.length === 0) return 0;
  const frame = new LocalFrame(lines);
  return lines.reduce((sum, line) => sum + planeLength(line.map((position) => frame.forward(position))), 0);
}
