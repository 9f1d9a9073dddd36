/**
 * A statistics job as the worker runs it: inputs as GeoJSON or FlatGeobuf bytes, decoded here,
 * then the overlay engine and the county totals. Also the message protocol between
 * statistics-client.ts and statistics.worker.ts (the worker itself has no logic).
 */
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { Feature, FeatureCollection } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { findCrs, WGS84_CODE } from '../crs/registry';
import { createTransform, mapGeoJsonPositions } from '../crs/transform';
import { countyTotals, type CountyTotals } from './county-totals';
import { classifyZones, type TownshipReference, type ZonesKind } from './county-zones';
import type { CanopyReport } from './statistics-notes';
import { geometryAreaSquareMetres } from '../area';
import { DEFAULT_CANOPY_UNKNOWN_RULE, surveyCanopy, type CanopyUnknownRule } from '../forest-cover';
import { computeOverlayStatistics } from './engine';
import { OverlayInputError, type InvalidGeometryPolicy, type OverlayOptions, type OverlayProgress, type OverlayResult } from './types';
import type { LocalizedText } from '../../i18n/locale';

/**
 * A layer's data: a FeatureCollection in longitude/latitude, or the bytes of a FlatGeobuf file
 * (its header CRS is honoured). Bytes are transferred to the worker, not copied.
 */
export type LayerSource = FeatureCollection | ArrayBuffer | Uint8Array;

export interface StatisticsRequest {
  readonly zones: LayerSource;
  readonly zoneIdField?: string;
  readonly zoneNameField?: string;
  readonly layers: ReadonlyArray<{ readonly id: string; readonly source: LayerSource; readonly categoryField?: string }>;
  readonly forestLayerId?: string;
  readonly invalidGeometry?: InvalidGeometryPolicy;
  /** Whether arbor forest land without a canopy density counts as forest (default 'not-forest'). */
  readonly canopyUnknown?: CanopyUnknownRule;
  /** The county's township list and outline: tells whether the zones are its townships. */
  readonly reference?: { readonly townships: readonly TownshipReference[]; readonly county: LayerSource };
}

export interface StatisticsResult {
  readonly overlay: OverlayResult;
  readonly totals: CountyTotals;
  /** How complete the forest layer's canopy densities are, and the rule applied; null without a forest layer. */
  readonly canopy: CanopyReport | null;
  /** Whether the zones are the county's townships; null without a reference. */
  readonly zonesKind: ZonesKind | null;
  /** Decoding FlatGeobuf and the engine, in milliseconds. */
  readonly timings: { readonly decodeMilliseconds: number; readonly computeMilliseconds: number };
}

/** Client → worker. */
export type StatisticsWorkerRequest = { readonly type: 'compute'; readonly request: StatisticsRequest } | { readonly type: 'cancel' };

/** Worker → client. */
export type StatisticsWorkerResponse =
  | { readonly type: 'progress'; readonly progress: OverlayProgress }
  | { readonly type: 'result'; readonly result: StatisticsResult }
  | { readonly type: 'error'; readonly name: string; readonly message: LocalizedText };

/** Decodes one source into a longitude/latitude FeatureCollection. */
export async function decodeLayerSource(source: LayerSource, name: string): Promise<FeatureCollection> {
  if (!(source instanceof ArrayBuffer) && !(source instanceof Uint8Array)) return source;
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  if (bytes[0] !== 0x66 || bytes[1] !== 0x67 || bytes[2] !== 0x62) {
    throw new OverlayInputError({ zh: `${name}：不是FlatGeobuf文件`, en: `${name}: not a FlatGeobuf file (missing "fgb" header)` });
  }
  // Decoded here rather than through src/lib/io so that the geo core does not depend on io.
  let crsCode: string | null = null;
  const features: Feature[] = [];
  const options = { headerMetaFn: (header: HeaderMeta) => void (crsCode = header.crs?.code ? `${header.crs.org ?? 'EPSG'}:${header.crs.code}` : null) };
  for await (const feature of deserialize(bytes, options)) features.push(feature as Feature);
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  if (crsCode === null) return collection;
  const definition = findCrs(crsCode);
  if (!definition) {
    throw new OverlayInputError({ zh: `${name}：不支持的坐标系 ${crsCode}`, en: `${name}: unsupported coordinate system ${crsCode}` });
  }
  if (definition.kind === 'geographic') return collection;
  return mapGeoJsonPositions(collection, createTransform(definition.code, WGS84_CODE));
}

/**
 * The buffers of a request that can be transferred to a worker: FlatGeobuf ArrayBuffers, and
 * Uint8Arrays that own their whole buffer (a view into a larger buffer is copied instead).
 */
export function transferableBuffers(request: StatisticsRequest): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const source of [request.zones, ...request.layers.map((layer) => layer.source)]) {
    let buffer: ArrayBufferLike | null = null;
    if (source instanceof ArrayBuffer) buffer = source;
    else if (source instanceof Uint8Array && source.byteOffset === 0 && source.byteLength === source.buffer.byteLength) buffer = source.buffer;
    if (buffer instanceof ArrayBuffer && !buffers.includes(buffer)) buffers.push(buffer);
  }
  return buffers;
}

/**
 * Decodes the inputs and computes the per-zone statistics and county totals.
 * @throws OverlayInputError for unusable input; the signal's reason when cancelled.
 */
export async function runStatisticsJob(request: StatisticsRequest, options: OverlayOptions = {}): Promise<StatisticsResult> {
  const started = performance.now();
  const zones = await decodeLayerSource(request.zones, 'zones');
  const layers = [];
  for (const layer of request.layers) {
    layers.push({ id: layer.id, features: await decodeLayerSource(layer.source, layer.id), ...(layer.categoryField ? { categoryField: layer.categoryField } : {}) });
  }
  const decoded = performance.now();
  const overlay = await computeOverlayStatistics(
    {
      zones,
      layers,
      ...(request.zoneIdField ? { zoneIdField: request.zoneIdField } : {}),
      ...(request.zoneNameField ? { zoneNameField: request.zoneNameField } : {}),
      ...(request.forestLayerId ? { forestLayerId: request.forestLayerId } : {}),
      ...(request.invalidGeometry ? { invalidGeometry: request.invalidGeometry } : {}),
      ...(request.canopyUnknown ? { canopyUnknown: request.canopyUnknown } : {}),
    },
    options,
  );
  const forestLayer = layers.find((layer) => layer.id === overlay.forestLayerId);
  let zonesKind: ZonesKind | null = null;
  if (request.reference) {
    const county = await decodeLayerSource(request.reference.county, 'county');
    const countyAreaSquareMetres = county.features.reduce((sum, feature) => sum + geometryAreaSquareMetres(feature.geometry), 0);
    zonesKind = classifyZones(overlay.zones, { townships: request.reference.townships, countyAreaSquareMetres });
  }
  return {
    overlay,
    totals: countyTotals(overlay),
    canopy: forestLayer ? { rule: request.canopyUnknown ?? DEFAULT_CANOPY_UNKNOWN_RULE, survey: surveyCanopy(forestLayer.features.features) } : null,
    zonesKind,
    timings: { decodeMilliseconds: decoded - started, computeMilliseconds: performance.now() - decoded },
  };
}

/** Turns any failure into the worker's error message (zh/en). */
export function errorResponse(error: unknown): StatisticsWorkerResponse {
  if (error instanceof OverlayInputError) return { type: 'error', name: error.name, message: error.messages };
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : String(error);
  if (name === 'AbortError') return { type: 'error', name, message: { zh: '统计已取消', en: 'the statistics computation was cancelled' } };
  return { type: 'error', name, message: { zh: `统计失败：${text}`, en: `statistics failed: ${text}` } };
}
