/**
 * One sub-compartment piece (cells.ts makes them; townships.ts and dissolve.ts merge them). Its
 * own module so that those three do not import one another in a cycle.
 */
import type { Position } from 'geojson';
import type { Ring, XY } from './planar';

export interface Piece {
  /** Open ring in plane metres, counter-clockwise (the registry's points). */
  readonly ring: Ring;
  /** Registry ids of the ring's vertices (no two consecutive alike). */
  readonly vertices: readonly number[];
  /** Closed ring in WGS84, counter-clockwise. */
  readonly lonLat: Position[];
  readonly township: number;
  /** Voronoi site the piece comes from. */
  readonly site: number;
  readonly centroid: XY;
  /** Ellipsoidal area (m², GeographicLib). */
  readonly area: number;
}
