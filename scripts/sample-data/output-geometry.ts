/**
 * Plane polygons back to GeoJSON: vertices that came from sub-compartments reuse their exact
 * WGS84 positions (so dissolved zones share boundaries with the inventory), vertices on the county
 * outline go onto its geodesic edges, and anything else is inverse-projected.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Piece } from './cells';
import { type CountyFrame, toLonLat } from './county';
import { type Ring, type XY, signedArea } from './planar';

const key = (point: XY): string => `${Math.round(point[0] * 1000)},${Math.round(point[1] * 1000)}`;

export class VertexLookup {
  private readonly positions = new Map<string, Position>();

  constructor(private readonly county: CountyFrame) {}

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
      const oriented = signedArea(ring) > 0 === wantPositive ? ring : ring.slice().reverse();
      const positions = oriented.map((point) => this.position(point));
      return [...positions, positions[0]!];
    });
  }

  multiPolygon(polygons: readonly Ring[][]): MultiPolygon {
    return { type: 'MultiPolygon', coordinates: polygons.map((rings) => this.polygon(rings)) };
  }
}

/** One polygon as a Polygon, several as a MultiPolygon. */
export function polygonal(coordinates: Position[][][]): Polygon | MultiPolygon {
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0]! } : { type: 'MultiPolygon', coordinates };
}
