/** Types for the parts of shpjs 6 used here (the package ships none). */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Geometries of a .shp, in file order (null shapes as null); `projection` false = no reprojection. */
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array, projection?: false | string): Array<Geometry | null>;
}
