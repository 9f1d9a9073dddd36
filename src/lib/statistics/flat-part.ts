/**
 * One worker's share of a statistics job on a FlatGeobuf layer: decode features [from, to) of the
 * file straight into flat arrays (no GeoJSON), reproject if the file is not in longitude/latitude,
 * validate and measure them against the zones. The pool (src/cli/stats-pool.ts in Node; a page
 * could run the same in Web Workers) splits a layer by features and adds the parts in order with
 * computeOverlayStatisticsInParts. Pure lib code: runs in Node worker_threads and Web Workers.
 */
import type { FeatureCollection } from 'geojson';
import { createTransform } from '../geo/crs/transform';
import { findCrs, WGS84_CODE } from '../geo/crs/registry';
import { surveyCanopy, type CanopySurvey, type CanopyUnknownRule } from '../geo/forest-cover';
import { measureLayerPart, pickForestLayer, prepareZones, type LayerPart, type PreparedZones } from '../geo/overlay/engine';
import { emptyFlatLayer, propertiesOf, type FlatFeatureLayer } from '../geo/overlay/flat-layer';
import { NoteCollector } from '../geo/overlay/prepare-features';
import type { InvalidGeometryPolicy, OverlayRequest } from '../geo/overlay/types';
import { decodeFlatFeatures, type FlatGeobufScan } from '../io/flatgeobuf-flat';

/** The source CRS of a flat-read layer: a registry code, axes possibly swapped; null for lon/lat. */
export interface FlatPartCrs {
  readonly code: string;
  readonly swapped: boolean;
}

export interface FlatPartJob {
  readonly zones: FeatureCollection;
  readonly zoneIdField?: string;
  readonly invalidGeometry?: InvalidGeometryPolicy;
  readonly canopyUnknown?: CanopyUnknownRule;
  readonly forestLayerId?: string;
  /** Every layer of the request (ids decide the forest layer), and which one this part is of. */
  readonly layers: ReadonlyArray<{ readonly id: string; readonly categoryField?: string }>;
  readonly layerIndex: number;
  /** The whole file (a SharedArrayBuffer view in a pool: not copied per worker). */
  readonly bytes: Uint8Array;
  /** The file's header and feature offsets (scanFlatGeobuf), so that no worker scans it again. */
  readonly scan: FlatGeobufScan;
  readonly crs: FlatPartCrs | null;
  readonly from: number;
  readonly to: number;
  /**
   * Decode the range in place (decodeFlatFeatures' inPlace): its bytes are overwritten, so only for
   * a caller that reads each range once and rereads the file when the part comes back null.
   */
  readonly inPlace?: boolean;
}

export interface FlatPartResult {
  /** Null when a feature of the range is not a plain polygon: read the layer the GeoJSON way. */
  readonly part: LayerPart | null;
  /** Canopy densities of the range when it is the forest layer's. */
  readonly survey: CanopySurvey | null;
  /** Decoding the range and measuring it (zones prepared, features validated and measured), ms. */
  readonly timings: { readonly decode: number; readonly measure: number };
}

/** Reprojects a flat layer's coordinates in place; false when a result is not finite. */
export function reprojectFlat(layer: FlatFeatureLayer, crs: FlatPartCrs): boolean {
  const definition = findCrs(crs.code);
  if (!definition) return false;
  if (definition.kind === 'geographic' && !crs.swapped) return true;
  const transform = createTransform(definition.code, WGS84_CODE, { swapInput: crs.swapped });
  const coordinates = layer.coordinates;
  for (let index = 0; index < coordinates.length; index += 2) {
    const [x, y] = transform([coordinates[index]!, coordinates[index + 1]!]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    coordinates[index] = x!;
    coordinates[index + 1] = y!;
  }
  return true;
}

/**
 * Decodes and measures one range of a FlatGeobuf layer (see the module comment).
 * @param zones the zones already prepared for this request (the caller's thread has them).
 */
export function measureFlatGeobufPart(job: FlatPartJob, zones?: PreparedZones): FlatPartResult {
  const started = performance.now();
  const layer = decodeFlatFeatures(job.bytes, job.scan, job.from, job.to, { inPlace: job.inPlace === true });
  if (!layer || (job.crs && !reprojectFlat(layer, job.crs))) return { part: null, survey: null, timings: { decode: performance.now() - started, measure: 0 } };
  const decoded = performance.now();
  const request: OverlayRequest = {
    zones: job.zones,
    ...(job.zoneIdField ? { zoneIdField: job.zoneIdField } : {}),
    ...(job.invalidGeometry ? { invalidGeometry: job.invalidGeometry } : {}),
    ...(job.canopyUnknown ? { canopyUnknown: job.canopyUnknown } : {}),
    ...(job.forestLayerId ? { forestLayerId: job.forestLayerId } : {}),
    layers: job.layers.map((meta, index) => ({ ...meta, features: index === job.layerIndex ? layer : emptyFlatLayer() })),
  };
  // The zones' notes and areas are the caller's (it prepares the same zones for the result).
  const part = measureLayerPart(request, job.layerIndex, zones ?? prepareZones(request, new NoteCollector(), false));
  const forest = request.layers[job.layerIndex]!.id === pickForestLayer(request);
  return { part, survey: forest ? surveyCanopy(propertiesOf(layer)) : null, timings: { decode: decoded - started, measure: performance.now() - decoded } };
}

/** Sums the canopy surveys of a layer's parts. */
export function mergeSurveys(surveys: ReadonlyArray<CanopySurvey | null>): CanopySurvey | null {
  const present = surveys.filter((survey): survey is CanopySurvey => survey !== null);
  if (present.length === 0) return null;
  return present.reduce((sum, survey) => ({
    featureCount: sum.featureCount + survey.featureCount,
    arborCount: sum.arborCount + survey.arborCount,
    arborWithoutCanopy: sum.arborWithoutCanopy + survey.arborWithoutCanopy,
    fieldPresent: sum.fieldPresent || survey.fieldPresent,
  }));
}
