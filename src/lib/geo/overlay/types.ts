/**
 * Inputs and outputs of the overlay statistics engine (per-zone areas, counts and coverage).
 * All areas are ellipsoidal square metres (GRS80); convert with ../units.ts for display.
 */
import type { FeatureCollection } from 'geojson';
import type { CanopyUnknownRule } from '../forest-cover';
import type { FlatFeatureLayer } from './flat-layer';
import type { RepairAction } from '../validation/repair';
import type { ValidationIssue } from '../validation/issues';
import type { LocalizedText } from '../../i18n/locale';

/** A named polygon layer to measure inside each zone. */
export interface OverlayLayer {
  /** Key of the layer in the results, e.g. 'subcompartments', 'reserve'. */
  readonly id: string;
  /**
   * Longitude/latitude (WGS84/CGCS2000) features; non-polygons are reported and ignored. Either
   * GeoJSON or flat typed arrays (flat-layer.ts, e.g. decoded straight from FlatGeobuf).
   */
  readonly features: FeatureCollection | FlatFeatureLayer;
  /** Property whose values split the layer's area and counts into columns (e.g. 'ZAO_LIN_LX'). */
  readonly categoryField?: string;
}

/** What to do with a feature whose geometry has 'error' problems. */
export type InvalidGeometryPolicy = 'repair' | 'skip' | 'error';

export interface OverlayRequest {
  /** Zone polygons (townships or any user polygons; they may overlap), longitude/latitude. */
  readonly zones: FeatureCollection;
  /** Property holding the zone id (default: 'CODE', else the GeoJSON id, else the index). */
  readonly zoneIdField?: string;
  /** Property holding the zone name (default: 'NAME', else the id). */
  readonly zoneNameField?: string;
  readonly layers: readonly OverlayLayer[];
  /**
   * Layer whose features with isForestCover() give the forest area for coverage. Default: the
   * layer with id 'subcompartments', else 'forest'; without one, coverage is not computed.
   */
  readonly forestLayerId?: string;
  /** Whether arbor forest land without a canopy density counts as forest (default 'not-forest'). */
  readonly canopyUnknown?: CanopyUnknownRule;
  /** Default 'repair': invalid features are repaired and the repairs listed in the result. */
  readonly invalidGeometry?: InvalidGeometryPolicy;
}

export interface CategoryStatistics {
  readonly areaSquareMetres: number;
  readonly featureCount: number;
}

export interface LayerZoneStatistics {
  /** Area of the layer inside the zone (exact clipping for features crossing the zone border). */
  readonly areaSquareMetres: number;
  /** Features with area inside the zone; a feature straddling two zones counts in both. */
  readonly featureCount: number;
  /** Per value of the layer's category field (missing values under ''). */
  readonly categories: Readonly<Record<string, CategoryStatistics>>;
}

export interface ZoneStatistics {
  readonly index: number;
  readonly id: string | number;
  readonly name: string;
  /** Ellipsoidal area of the zone (GeographicLib), used as its land area. */
  readonly areaSquareMetres: number;
  /** Area of forest-cover sub-compartments inside the zone; 0 without a forest layer. */
  readonly forestAreaSquareMetres: number;
  /** forestArea ÷ area (0..1); null without a forest layer. */
  readonly forestCoverage: number | null;
  readonly layers: Readonly<Record<string, LayerZoneStatistics>>;
}

export interface LayerSummary {
  readonly id: string;
  readonly categoryField?: string;
  /** Features in the input. */
  readonly featureCount: number;
  /** Features measured (polygonal, valid or repaired). */
  readonly measuredFeatureCount: number;
  /** Distinct features with area in at least one zone (a straddling feature counts once). */
  readonly featuresInZones: number;
  /** The same per category value (only with a category field). */
  readonly categoryFeaturesInZones: Readonly<Record<string, number>>;
  /** Total ellipsoidal area of the measured features. */
  readonly areaSquareMetres: number;
  /** Part of that area outside every zone. */
  readonly outsideAreaSquareMetres: number;
  /** How features were handled: wholly inside one zone, near a border but not crossing, clipped. */
  readonly path: { readonly interior: number; readonly touching: number; readonly clipped: number };
}

/** A problem with the input, with zh/en message; validation issues carry their location. */
export interface OverlayNote {
  readonly severity: 'error' | 'warning' | 'info';
  readonly layer?: string;
  readonly code: string;
  readonly message: LocalizedText;
  readonly issue?: ValidationIssue;
  readonly repair?: RepairAction;
}

export interface OverlayResult {
  readonly zones: ZoneStatistics[];
  readonly layers: LayerSummary[];
  readonly forestLayerId: string | null;
  readonly notes: OverlayNote[];
  /** Wall time of the computation in milliseconds. */
  readonly elapsedMilliseconds: number;
}

export interface OverlayProgress {
  /** 0..1 over all features of all layers. */
  readonly fraction: number;
  readonly layer: string;
  readonly processed: number;
  readonly total: number;
}

export interface OverlayOptions {
  readonly onProgress?: (progress: OverlayProgress) => void;
  readonly signal?: AbortSignal;
}

/** Thrown when the input cannot give meaningful statistics (the message says why, zh and en). */
export class OverlayInputError extends Error {
  constructor(
    readonly messages: LocalizedText,
    readonly notes: OverlayNote[] = [],
  ) {
    super(messages.en);
    this.name = 'OverlayInputError';
  }
}
