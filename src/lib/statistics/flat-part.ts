/**
 * One worker's share of a statistics job on a FlatGeobuf layer: decode features [from, to) of the
 * file straight into flat arrays (no GeoJSON), reproject if the file is not in longitude/latitude,
 * validate and measure them against the zones, a batch of features at a time. The pool (src/cli/stats-pool.ts in Node; a page
 * could run the same in Web Workers) splits a layer by features and adds the parts in order with
 * computeOverlayStatisticsInParts. Pure lib code: runs in Node worker_threads and Web Workers.
 */
import type { FeatureCollection } from 'geojson';
import { createTransform, type PositionTransform } from '../geo/crs/transform';
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
  /** The whole file, when the caller holds it; else the caller passes a ReadFileRange. */
  readonly bytes?: Uint8Array;
  /** The file's header and feature offsets (scanFlatGeobuf), so that no worker scans it again. */
  readonly scan: FlatGeobufScan;
  readonly crs: FlatPartCrs | null;
  readonly from: number;
  readonly to: number;
  /**
   * Decode `bytes` in place (decodeFlatFeatures' inPlace): they are overwritten, so only for a
   * caller that reads each range once and rereads the file when the part comes back null.
   */
  readonly inPlace?: boolean;
}

/**
 * Reads `length` bytes of the layer's file from `position`: a view that may be of a reused buffer
 * (valid until the next call), its byte offset congruent to `position` modulo 8 so that the
 * file's aligned coordinate vectors stay aligned. Its bytes are the measurer's to overwrite.
 */
export type ReadFileRange = (position: number, length: number) => Uint8Array;

/**
 * Features are decoded and measured a batch of about this many bytes at a time: the memory a
 * range touches stays small and warm (on a VM the first touch of fresh memory costs more than
 * decoding), and the engine's per-feature objects die young.
 */
export const BATCH_BYTES = 4 << 20;

export interface FlatPartResult {
  /** The range's parts in feature order; null when a feature is not a plain polygon (read the layer the GeoJSON way). */
  readonly parts: LayerPart[] | null;
  /** Canopy densities of the range when it is the forest layer's. */
  readonly survey: CanopySurvey | null;
  /** Decoding the range and measuring it (zones prepared, features validated and measured), ms. */
  readonly timings: { readonly decode: number; readonly measure: number };
}

/** The transform to longitude/latitude of a flat-read layer's CRS; null when none is needed, undefined when unknown. */
function transformOf(crs: FlatPartCrs): PositionTransform | null | undefined {
  const definition = findCrs(crs.code);
  if (!definition) return undefined;
  if (definition.kind === 'geographic' && !crs.swapped) return null;
  return createTransform(definition.code, WGS84_CODE, { swapInput: crs.swapped });
}

function reprojectWith(layer: FlatFeatureLayer, transform: PositionTransform): boolean {
  const coordinates = layer.coordinates;
  for (let index = 0; index < coordinates.length; index += 2) {
    const [x, y] = transform([coordinates[index]!, coordinates[index + 1]!]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    coordinates[index] = x!;
    coordinates[index + 1] = y!;
  }
  return true;
}

/** Reprojects a flat layer's coordinates in place; false when a result is not finite. */
export function reprojectFlat(layer: FlatFeatureLayer, crs: FlatPartCrs): boolean {
  const transform = transformOf(crs);
  if (transform === undefined) return false;
  return transform === null || reprojectWith(layer, transform);
}

/** The end of the batch starting at feature `from`: about BATCH_BYTES, one feature at least. */
function batchEnd(offsets: Float64Array, from: number, to: number, batchBytes: number): number {
  const limit = offsets[from]! + batchBytes;
  let end = from + 1;
  while (end < to && offsets[end + 1]! <= limit) end++;
  return end;
}

/**
 * Decodes and measures one range of a FlatGeobuf layer, a batch at a time (see the module comment).
 * @param zones the zones already prepared for this request (the caller's thread has them).
 * @param read where the bytes come from when the job holds none (a file read in pieces).
 * @param batchBytes about how many bytes of features to decode and measure at a time.
 */
export function measureFlatGeobufPart(job: FlatPartJob, zones?: PreparedZones, read?: ReadFileRange, batchBytes = BATCH_BYTES): FlatPartResult {
  const { scan, from, to } = job;
  const offsets = scan.offsets;
  const whole = job.bytes;
  // Read batches are the measurer's own bytes; the caller's whole file only when it gives it up.
  const readRange: ReadFileRange = read ?? ((position, length) => whole!.subarray(position, position + length));
  const inPlace = read !== undefined || job.inPlace === true;
  const request: OverlayRequest = {
    zones: job.zones,
    ...(job.zoneIdField ? { zoneIdField: job.zoneIdField } : {}),
    ...(job.invalidGeometry ? { invalidGeometry: job.invalidGeometry } : {}),
    ...(job.canopyUnknown ? { canopyUnknown: job.canopyUnknown } : {}),
    ...(job.forestLayerId ? { forestLayerId: job.forestLayerId } : {}),
    layers: job.layers.map((meta) => ({ ...meta, features: emptyFlatLayer() })),
  };
  const forest = job.layers[job.layerIndex]!.id === pickForestLayer(request);
  let decode = 0;
  let measure = 0;
  const failed = (): FlatPartResult => ({ parts: null, survey: null, timings: { decode, measure } });
  const transform = job.crs ? transformOf(job.crs) : null;
  if (transform === undefined) return failed();
  // The zones' notes and areas are the caller's (it prepares the same zones for the result).
  const prepared = zones ?? prepareZones(request, new NoteCollector(), false);
  const parts: LayerPart[] = [];
  const surveys: (CanopySurvey | null)[] = [];
  for (let batch = from; batch < to; ) {
    const end = batchEnd(offsets, batch, to, batchBytes);
    const started = performance.now();
    const base = offsets[batch]!;
    const bytes = readRange(base, offsets[end]! - base);
    const layer = decodeFlatFeatures(bytes, scan, batch, end, { inPlace, base });
    const reprojected = layer !== null && (transform === null || reprojectWith(layer, transform));
    const decoded = performance.now();
    decode += decoded - started;
    if (!reprojected) return failed();
    const layers = request.layers.map((meta, index) => (index === job.layerIndex ? { ...meta, features: layer } : meta));
    parts.push(measureLayerPart({ ...request, layers }, job.layerIndex, prepared));
    if (forest) surveys.push(surveyCanopy(propertiesOf(layer)));
    measure += performance.now() - decoded;
    batch = end;
  }
  return { parts, survey: forest ? mergeSurveys(surveys) : null, timings: { decode, measure } };
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
