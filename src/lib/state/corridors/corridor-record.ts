/**
 * What a saved corridor is: the river it follows (its line kept with it, so the corridor can be
 * rebuilt even after an imported layer is removed), the widths, and the polygon they made.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { CorridorSpec } from '../../geo/corridor-spec';

/** Where the river line came from. */
export type CorridorRiver =
  /** A feature of the catalog's rivers layer, by its NAME (乌江, 阿蓬江). */
  | { readonly kind: 'catalog'; readonly name: string }
  /** A line layer the user imported (its features joined as one river). */
  | { readonly kind: 'imported'; readonly layerId: string; readonly layerName: string };

export interface StoredCorridorDetails {
  readonly name: string;
  readonly river: CorridorRiver;
  /** The river line (WGS84 parts) the corridor was built from. */
  readonly line: readonly (readonly Position[])[];
  readonly spec: CorridorSpec;
  /** The corridor, clipped to the county. */
  readonly geometry: Polygon | MultiPolygon;
  /** Ellipsoidal area (GeographicLib), m². */
  readonly areaSquareMetres: number;
  /** 'sample': one of the two shipped corridors (corridors.fgb); 'user': made with the tool. */
  readonly origin: 'sample' | 'user';
  readonly createdAt: string;
}

/** Stable ids of the shipped corridors, so two tabs seeding at once write the same records. */
export function sampleCorridorId(riverName: string): string {
  return `sample-corridor-${riverName}`;
}

/** A river choice as one string (for a select): 'catalog:乌江' or 'imported:<layer id>'. */
export function riverKey(river: CorridorRiver): string {
  return river.kind === 'catalog' ? `catalog:${river.name}` : `imported:${river.layerId}`;
}
