/** Types for the parts of shpjs 6 used here (the package ships none). */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Geometries of a .shp, in file order (null shapes as null); `projection` false = no reprojection. */
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array, projection?: false | string): Array<Geometry | null>;
  /** Records of a .dbf decoded with the given TextDecoder label (or the .cpg text). */
  export function parseDbf(dbf: DataView | ArrayBuffer | Uint8Array, encoding?: string): Array<Record<string, unknown>>;
}
