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
 * decoding), and the engine's per-feature objects die young: at 1 MB (~1,000 sub-compartments of
 * 60 vertices) a batch's prepared features were still alive at most scavenges and were copied;
 * 256 KB took the 20k misaligned CLI run from 0.97 to 0.88 s (docs/benchmarks.md).
 */
export const BATCH_BYTES = 1 << 18;

export interface FlatPartResult {
  /** The parts of the batches measured, in the order measured; null when a feature is not a plain polygon (read the layer the GeoJSON way). */
  readonly parts: LayerPart[] | null;
  /** The first feature of each part (parts from several threads are added in feature order). */
  readonly partStarts: number[];
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

/** Claims the next batch to measure: features [from, to), or null when none is left. */
export type ClaimBatch = () => readonly [number, number] | null;

/**
 * Batch boundaries over features [from, to): the first feature of each batch of about
 * `batchBytes` (one feature at least), then `to`. Fixed for a file, so that the parts — and the
 * order their sums are added in — do not depend on how many threads measure them.
 */
export function batchBoundaries(offsets: Float64Array, from: number, to: number, batchBytes = BATCH_BYTES): Uint32Array {
  const starts: number[] = [];
  let batch = from;
  while (batch < to) {
    starts.push(batch);
    const limit = offsets[batch]! + batchBytes;
    let end = batch + 1;
    while (end < to && offsets[end + 1]! <= limit) end++;
    batch = end;
  }
  starts.push(to);
  return Uint32Array.from(starts);
}

/** The batches one after another (one thread). */
export function claimInOrder(boundaries: Uint32Array): ClaimBatch {
  let next = 0;
  return () => (next + 1 < boundaries.length ? [boundaries[next]!, boundaries[++next]!] : null);
}

/**
 * The batches shared by threads: each claims the next free one through a counter in shared memory,
 * so a thread that started late (a worker loading its code) or runs slower simply takes fewer.
 */
export function claimShared(boundaries: Uint32Array, counter: Int32Array): ClaimBatch {
  return () => {
    const batch = Atomics.add(counter, 0, 1);
    return batch + 1 < boundaries.length ? [boundaries[batch]!, boundaries[batch + 1]!] : null;
  };
}

/**
 * Decodes and measures batches of a FlatGeobuf layer (see the module comment).
 * @param zones the zones already prepared for this request (the caller's thread has them).
 * @param read where the bytes come from when the job holds none (a file read in pieces).
 * @param claim which batches to measure: by default all of [from, to), in order.
 */
export function measureFlatGeobufPart(job: FlatPartJob, zones?: PreparedZones, read?: ReadFileRange, claim?: ClaimBatch): FlatPartResult {
  const { scan } = job;
  const offsets = scan.offsets;
  const whole = job.bytes;
  // Read batches are the measurer's own bytes; the caller's whole file only when it gives it up.
  const readRange: ReadFileRange = read ?? ((position, length) => whole!.subarray(position, position + length));
  const inPlace = read !== undefined || job.inPlace === true;
  const nextBatch = claim ?? claimInOrder(batchBoundaries(offsets, job.from, job.to));
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
  const failed = (): FlatPartResult => ({ parts: null, partStarts: [], survey: null, timings: { decode, measure } });
  const transform = job.crs ? transformOf(job.crs) : null;
  if (transform === undefined) return failed();
  // The zones' notes and areas are the caller's (it prepares the same zones for the result).
  const prepared = zones ?? prepareZones(request, new NoteCollector(), false);
  const parts: LayerPart[] = [];
  const partStarts: number[] = [];
  const surveys: (CanopySurvey | null)[] = [];
  for (let batch = nextBatch(); batch !== null; batch = nextBatch()) {
    const [from, to] = batch;
    const started = performance.now();
    const base = offsets[from]!;
    const bytes = readRange(base, offsets[to]! - base);
    const layer = decodeFlatFeatures(bytes, scan, from, to, { inPlace, base });
    const reprojected = layer !== null && (transform === null || reprojectWith(layer, transform));
    const decoded = performance.now();
    decode += decoded - started;
    if (!reprojected) return failed();
    const layers = request.layers.map((meta, index) => (index === job.layerIndex ? { ...meta, features: layer } : meta));
    parts.push(measureLayerPart({ ...request, layers }, job.layerIndex, prepared));
    partStarts.push(from);
    if (forest) surveys.push(surveyCanopy(propertiesOf(layer)));
    measure += performance.now() - decoded;
  }
  return { parts, partStarts, survey: forest ? mergeSurveys(surveys) : null, timings: { decode, measure } };
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
