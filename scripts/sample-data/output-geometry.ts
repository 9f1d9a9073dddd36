/**
 * Plane polygons back to GeoJSON: vertices that came from sub-compartments reuse their exact
 * WGS84 positions (so dissolved zones share boundaries with the inventory), vertices on the county
 * outline go onto its geodesic edges, and anything else is inverse-projected.
 *
 * Where a polygon runs along the county outline, the sub-compartment vertices on that stretch are
 * put back into its ring (clipping drops them as collinear, or never had them): the townships
 * carry them too, and a zone edge that skipped them would be a different line in
 * longitude/latitude, leaving slivers outside every township when the zone is clipped to them.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Piece } from './cells';
import { type CountyFrame, toLonLat } from './county';
import { planarSignedArea } from '../../src/lib/geo/planar';
import type { Ring, XY } from './planar';
import type { VertexRegistry } from './vertex-registry';

const key = (point: XY): string => `${Math.round(point[0] * 1000)},${Math.round(point[1] * 1000)}`;

/** A registry vertex on an outline edge, at parameter t along it. */
interface OutlineVertex {
  readonly t: number;
  readonly position: Position;
}

export class VertexLookup {
  private readonly positions = new Map<string, Position>();
  private onOutline: Map<number, OutlineVertex[]> | null = null;

  constructor(
    private readonly county: CountyFrame,
    private readonly registry: VertexRegistry,
  ) {}

  addPiece(piece: Piece): void {
    for (const [index, point] of piece.ring.entries()) this.positions.set(key(point), piece.lonLat[index]!);
  }

  position(point: XY): Position {
    return this.positions.get(key(point)) ?? this.county.resolveOnOutline(point) ?? toLonLat(point);
  }

  /** Closed WGS84 rings, outer counter-clockwise and holes clockwise. */
  polygon(rings: readonly Ring[]): Position[][] {
    return rings.map((ring, index) => {
      const wantPositive = index === 0;
      const oriented = planarSignedArea(ring) > 0 === wantPositive ? ring : ring.slice().reverse();
      const positions: Position[] = [];
      const push = (position: Position): void => {
        const last = positions.at(-1);
        if (!last || last[0] !== position[0] || last[1] !== position[1]) positions.push(position);
      };
      for (const [vertex, point] of oriented.entries()) {
        push(this.position(point));
        for (const position of this.outlineVerticesBetween(point, oriented[(vertex + 1) % oriented.length]!)) push(position);
      }
      const first = positions[0]!;
      while (positions.length > 1 && positions.at(-1)![0] === first[0] && positions.at(-1)![1] === first[1]) positions.pop();
      return [...positions, first];
    });
  }

  multiPolygon(polygons: readonly Ring[][]): MultiPolygon {
    return { type: 'MultiPolygon', coordinates: polygons.map((rings) => this.polygon(rings)) };
  }

  /** Registry vertices strictly between a and b when both lie on the same outline edge, in order. */
  private outlineVerticesBetween(a: XY, b: XY): Position[] {
    const from = this.county.edgesAt(a);
    if (from.length === 0) return [];
    const to = this.county.edgesAt(b);
    for (const start of from) {
      const end = to.find((candidate) => candidate.edge === start.edge);
      if (!end) continue;
      const low = Math.min(start.t, end.t);
      const high = Math.max(start.t, end.t);
      const between = (this.outlineVertices().get(start.edge) ?? []).filter((vertex) => vertex.t > low && vertex.t < high);
      if (start.t > end.t) between.reverse();
      const ends = new Set([this.position(a), this.position(b)].map((position) => position.join(',')));
      return between.filter((vertex) => !ends.has(vertex.position.join(','))).map((vertex) => vertex.position);
    }
    return [];
  }

  /** Registry vertices on each outline edge, sorted along it (built on first use). */
  private outlineVertices(): Map<number, OutlineVertex[]> {
    if (!this.onOutline) {
      const byEdge = new Map<number, OutlineVertex[]>();
      for (const vertex of this.registry.vertices) {
        for (const { edge, t } of this.county.edgesAt(vertex.point)) {
          const list = byEdge.get(edge);
          if (list) list.push({ t, position: vertex.position });
          else byEdge.set(edge, [{ t, position: vertex.position }]);
        }
      }
      for (const list of byEdge.values()) list.sort((p, q) => p.t - q.t);
      this.onOutline = byEdge;
    }
    return this.onOutline;
  }
}

/** Copied input rings in RFC 7946 winding: outer ring counter-clockwise, holes clockwise. */
export function rightHandRings(rings: readonly Position[][]): Position[][] {
  return rings.map((ring, index) => (planarSignedArea(ring as XY[]) > 0 === (index === 0) ? ring : ring.slice().reverse()));
}

/** One polygon as a Polygon, several as a MultiPolygon. */
export function polygonal(coordinates: Position[][][]): Polygon | MultiPolygon {
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0]! } : { type: 'MultiPolygon', coordinates };
}
