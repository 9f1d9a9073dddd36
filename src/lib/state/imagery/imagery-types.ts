/** What the app knows of an opened orthophoto, shared by the imagery worker and state. */
import type { RasterProblem } from '../../io/geotiff';

export interface ImageryDescription {
  /** Absent in layers remembered before tile archives were read: a GeoTIFF. */
  readonly kind?: 'geotiff' | 'pmtiles' | 'mbtiles';
  readonly crs: string;
  readonly crsSource: 'geokeys' | 'chosen';
  readonly width: number;
  readonly height: number;
  /** Resolution levels in the file (1 = no overviews). */
  readonly levels: number;
  /** West, south, east, north in WGS84. */
  readonly bounds: [number, number, number, number];
  readonly pixelSizeMetres: number;
  /** Tile archives only: the tiles' image format and zoom range. */
  readonly tiles?: { readonly format: string; readonly minZoom: number; readonly maxZoom: number };
  /** Set for an elevation model: drawn as hillshade (tiles in this terrain encoding), used for slope. */
  readonly dem?: { readonly encoding: 'mapbox' | 'terrarium' };
}

export type ImageryOpenResult =
  | { readonly ok: true; readonly description: ImageryDescription }
  | { readonly ok: false; readonly problem: RasterProblem; readonly detail: string };

/** One orthophoto in the layer list. */
export interface ImageryLayer extends ImageryDescription {
  readonly id: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly visible: boolean;
  readonly opacity: number;
  /** True when a copy is kept in the browser's storage (OPFS) and it reopens after a reload. */
  readonly remembered: boolean;
}
