/**
 * The county outline in the equal-area plane: inside tests, fast clipping of small cells to the
 * outline, and the conversion of plane vertices back to WGS84.
 *
 * Vertices that fall on the outline are put exactly on the outline's geodesic edges (or on its
 * original vertices), so pieces clipped to the county add up, in GeographicLib's ellipsoidal area,
 * to the county's own area: a straight plane edge and a geodesic edge differ by centimetres, which
 * over thousands of border vertices would otherwise show up as square metres.
 */
import Flatbush from 'flatbush';
import * as geographiclibNamespace from 'geographiclib-geodesic';
import * as polyclip from 'polyclip-ts';
import type { Position } from 'geojson';
import { GRS80 } from '../../src/lib/geo/ellipsoid';
import { YOUYANG_EQUAL_AREA_PLANE } from '../../src/lib/geo/equal-area';
import { boundingBoxOf, type BoundingBox } from '../../src/lib/geo/bounds';
import { pointInRing } from '../../src/lib/geo/planar';
import { type Ring, type XY, counterClockwise, openRing, segmentDistance } from './planar';

// Under Node's native ESM (tsx) this CommonJS package exposes only `default` (as in area.ts).
const geographiclib =
  (geographiclibNamespace as unknown as { default?: typeof geographiclibNamespace }).default ?? geographiclibNamespace;
const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.semiMajorAxis, GRS80.flattening);
const plane = YOUYANG_EQUAL_AREA_PLANE;

/** Plane distance (m) under which a clipped vertex is taken to lie on an input edge or vertex. */
const SNAP_TOLERANCE = 1e-5;
/** Tile size and margin (m) of the cached county windows used to clip small cells quickly. */
const WINDOW_TILE = 4000;
const WINDOW_MARGIN = 2000;

export type CountyRelation = 'inside' | 'outside' | 'crossing';

export function toPlane(position: Position): XY {
  return plane.forward(position[0]!, position[1]!);
}

export function toLonLat(point: XY): Position {
  return plane.inverse(point[0], point[1]);
}

export class CountyFrame {
  readonly lonLatRing: Position[];
  readonly ring: Ring;
  readonly box: BoundingBox;
  private readonly edgeIndex: Flatbush;
  private readonly windows = new Map<string, Ring[]>();
  private readonly geodesicLines = new Map<number, ReturnType<typeof geodesic.InverseLine>>();
  /** Vertices that could not be matched to an input vertex or the outline (diagnostics). */
  unmatchedVertices = 0;

  constructor(lonLatRing: readonly Position[]) {
    const open = openRing(lonLatRing as number[][]);
    // Keep the outline counter-clockwise in both frames (the projection preserves orientation).
    const planeRing = open.map((position) => toPlane(position));
    const reverse = planeRing.length > 2 && counterClockwise(planeRing) !== planeRing;
    this.lonLatRing = (reverse ? open.slice().reverse() : open).map((position) => [position[0], position[1]]);
    this.ring = reverse ? planeRing.reverse() : planeRing;
    this.box = ringBox(this.ring);
    const count = this.ring.length;
    this.edgeIndex = new Flatbush(count);
    for (let index = 0; index < count; index++) {
      const a = this.ring[index]!;
      const b = this.ring[(index + 1) % count]!;
      this.edgeIndex.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    }
    this.edgeIndex.finish();
  }

  contains(point: XY): boolean {
    return pointInRing(point[0], point[1], this.ring) > 0;
  }

  /** Whether a convex ring lies inside, outside or across the outline. */
  relation(ring: readonly XY[]): CountyRelation {
    const box = ringBox(ring);
    const edges = this.edgeIndex.search(...box);
    if (edges.length > 0 && this.crossesAnyEdge(ring, edges)) return 'crossing';
    return this.contains(ring[0]!) ? 'inside' : 'outside';
  }

  private crossesAnyEdge(ring: readonly XY[], edges: readonly number[]): boolean {
    const count = this.ring.length;
    for (const edge of edges) {
      const a = this.ring[edge]!;
      const b = this.ring[(edge + 1) % count]!;
      if (pointInRing(a[0], a[1], ring) > 0) return true;
      for (let index = 0; index < ring.length; index++) {
        if (segmentsIntersect(a, b, ring[index]!, ring[(index + 1) % ring.length]!)) return true;
      }
    }
    return false;
  }

  /**
   * Clips a small ring (a cell piece) to the county; returns the pieces inside, each an open ring
   * (a convex cell can be cut into several pieces by a concave outline).
   */
  clip(ring: readonly XY[]): Ring[] {
    const box = ringBox(ring);
    const tileX = Math.floor((box[0] + box[2]) / 2 / WINDOW_TILE);
    const tileY = Math.floor((box[1] + box[3]) / 2 / WINDOW_TILE);
    const windowBox: BoundingBox = [
      tileX * WINDOW_TILE - WINDOW_MARGIN,
      tileY * WINDOW_TILE - WINDOW_MARGIN,
      (tileX + 1) * WINDOW_TILE + WINDOW_MARGIN,
      (tileY + 1) * WINDOW_TILE + WINDOW_MARGIN,
    ];
    const fits =
      box[0] > windowBox[0] && box[1] > windowBox[1] && box[2] < windowBox[2] && box[3] < windowBox[3];
    const clipGeometry = fits ? this.window(tileX, tileY, windowBox) : [this.ring];
    if (clipGeometry.length === 0) return [];
    const result = polyclip.intersection([ring as XY[]], clipGeometry.map((piece) => [piece]));
    return result.map((polygon) => openRing(polygon[0]!)).filter((piece) => piece.length >= 3);
  }

  /** Clips any polygon (outer ring only, e.g. a buffer) to the county with the full outline. */
  clipLarge(rings: readonly Ring[][]): Ring[][] {
    if (rings.length === 0) return [];
    const result = polyclip.intersection(rings as XY[][][], [this.ring]);
    return result.map((polygon) => polygon.map((ring) => openRing(ring)));
  }

  private window(tileX: number, tileY: number, box: BoundingBox): Ring[] {
    const key = `${tileX},${tileY}`;
    let pieces = this.windows.get(key);
    if (!pieces) {
      const rectangle: Ring = [
        [box[0], box[1]],
        [box[2], box[1]],
        [box[2], box[3]],
        [box[0], box[3]],
      ];
      pieces = polyclip.intersection([rectangle], [this.ring]).map((polygon) => openRing(polygon[0]!));
      this.windows.set(key, pieces);
    }
    return pieces;
  }

  /**
   * WGS84 position of a vertex produced by clipping `source` to the county: the exact source
   * vertex if it is one, the outline's own vertex, or the point on the outline's geodesic edge.
   */
  resolveClipped(point: XY, source: readonly XY[]): Position {
    for (const vertex of source) {
      if (Math.abs(vertex[0] - point[0]) <= SNAP_TOLERANCE && Math.abs(vertex[1] - point[1]) <= SNAP_TOLERANCE) {
        return toLonLat(vertex);
      }
    }
    return this.resolveOnOutline(point) ?? this.unmatched(point);
  }

  private unmatched(point: XY): Position {
    this.unmatchedVertices++;
    return toLonLat(point);
  }

  /**
   * The outline edges a plane point lies on (within SNAP_TOLERANCE), with the parameter 0..1 of
   * the nearest point along each edge: one edge, or two at an outline vertex.
   */
  edgesAt(point: XY): { edge: number; t: number }[] {
    const [x, y] = point;
    const count = this.ring.length;
    const found: { edge: number; t: number }[] = [];
    for (const edge of this.edgeIndex.search(x - SNAP_TOLERANCE, y - SNAP_TOLERANCE, x + SNAP_TOLERANCE, y + SNAP_TOLERANCE)) {
      const { distanceSquared, t } = segmentDistance(x, y, this.ring[edge]!, this.ring[(edge + 1) % count]!);
      if (distanceSquared <= SNAP_TOLERANCE * SNAP_TOLERANCE) found.push({ edge, t });
    }
    return found.sort((p, q) => p.edge - q.edge);
  }

  /** The WGS84 position of a plane point on the outline, or null when it is not on it. */
  resolveOnOutline(point: XY): Position | null {
    const [x, y] = point;
    const candidates = this.edgeIndex.search(x - SNAP_TOLERANCE, y - SNAP_TOLERANCE, x + SNAP_TOLERANCE, y + SNAP_TOLERANCE);
    if (candidates.length === 0) return null;
    const count = this.ring.length;
    let bestEdge = -1;
    let bestDistance = Infinity;
    let bestT = 0;
    for (const edge of candidates.sort((a, b) => a - b)) {
      const { distanceSquared, t } = segmentDistance(x, y, this.ring[edge]!, this.ring[(edge + 1) % count]!);
      if (distanceSquared < bestDistance) {
        bestDistance = distanceSquared;
        bestEdge = edge;
        bestT = t;
      }
    }
    if (bestEdge < 0 || bestDistance > SNAP_TOLERANCE * SNAP_TOLERANCE) return null;
    const a = this.ring[bestEdge]!;
    const b = this.ring[(bestEdge + 1) % count]!;
    if (Math.hypot(a[0] - x, a[1] - y) <= SNAP_TOLERANCE) return this.lonLatRing[bestEdge]!.slice();
    if (Math.hypot(b[0] - x, b[1] - y) <= SNAP_TOLERANCE) return this.lonLatRing[(bestEdge + 1) % count]!.slice();
    let line = this.geodesicLines.get(bestEdge);
    if (!line) {
      const from = this.lonLatRing[bestEdge]!;
      const to = this.lonLatRing[(bestEdge + 1) % count]!;
      line = geodesic.InverseLine(from[1]!, from[0]!, to[1]!, to[0]!);
      this.geodesicLines.set(bestEdge, line);
    }
    const position = line.Position(bestT * line.s13);
    return [position.lon2!, position.lat2!];
  }
}

function orientation(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Proper or touching intersection of two segments. */
export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  return o1 * o2 <= 0 && o3 * o4 <= 0 && !(o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0);
}

/** Bounding box of an open ring in plane metres. */
function ringBox(ring: readonly XY[]): BoundingBox {
  return boundingBoxOf([{ type: 'LineString', coordinates: ring as XY[] }])!;
}
