/**
 * A statistics job as the statistics worker runs it: inputs as GeoJSON or FlatGeobuf bytes, then
 * the overlay engine and the county totals. A statistics layer of plain polygons in FlatGeobuf is
 * decoded straight into flat typed arrays (./flat-source.ts, as `npm run stats` does); anything
 * else goes through lib/io's checked reader, so a damaged file ends in a message naming the layer
 * instead of a hang.
 */
import type { FeatureCollection } from 'geojson';
import { ImportError } from '../io/errors';
import { readFlatGeobuf } from '../io/flatgeobuf';
import { findCrs, WGS84_CODE } from '../geo/crs/registry';
import { createTransform, mapGeoJsonPositions } from '../geo/crs/transform';
import { countyTotals, type CountyTotals } from '../geo/overlay/county-totals';
import { classifyZones, type TownshipReference, type ZonesKind } from '../geo/overlay/county-zones';
import type { CanopyReport } from '../geo/overlay/statistics-notes';
import { geometryAreaSquareMetres } from '../geo/area';
import { DEFAULT_CANOPY_UNKNOWN_RULE, surveyCanopy, type CanopyUnknownRule } from '../geo/forest-cover';
import { computeOverlayStatistics } from '../geo/overlay/engine';
import { propertiesOf, type FlatFeatureLayer } from '../geo/overlay/flat-layer';
import { OverlayInputError, type InvalidGeometryPolicy, type OverlayOptions, type OverlayResult } from '../geo/overlay/types';
import type { LocalizedText } from '../i18n/locale';
import { decodeFlatLayerSource, headerCrsCode } from './flat-source';

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

/** A failed computation; `messages` has the zh and en text for the UI; name 'AbortError' when cancelled. */
export class StatisticsError extends Error {
  constructor(
    readonly messages: LocalizedText,
    readonly kind: string,
  ) {
    super(messages.en);
    this.name = kind === 'AbortError' ? 'AbortError' : 'StatisticsError';
  }
}

/** The statistics' sources, for the list of buffers to transfer to the worker. */
export function requestSources(request: StatisticsRequest): LayerSource[] {
  return [request.zones, ...request.layers.map((layer) => layer.source), ...(request.reference ? [request.reference.county] : [])];
}

/**
 * Decodes one source into a longitude/latitude FeatureCollection.
 * @throws OverlayInputError naming the layer for a damaged FlatGeobuf file or an unsupported CRS.
 */
export async function decodeLayerSource(source: LayerSource, name: string): Promise<FeatureCollection> {
  if (!(source instanceof ArrayBuffer) && !(source instanceof Uint8Array)) return source;
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  let crsCode: string | null = null;
  let collection: FeatureCollection;
  try {
    collection = await readFlatGeobuf(bytes, name, (header) => {
      crsCode = headerCrsCode(header);
    });
  } catch (error) {
    if (error instanceof ImportError) throw new OverlayInputError(error.failure.message);
    throw error;
  }
  if (crsCode === null) return collection;
  const definition = findCrs(crsCode);
  if (!definition) {
    throw new OverlayInputError({ zh: `${name}：不支持的坐标系 ${crsCode}`, en: `${name}: unsupported coordinate system ${crsCode}` });
  }
  if (definition.kind === 'geographic') return collection;
  return mapGeoJsonPositions(collection, createTransform(definition.code, WGS84_CODE));
}

/**
 * A statistics layer's features: flat arrays when it is FlatGeobuf of plain polygons, else GeoJSON.
 * @param owned whether the bytes may be overwritten (see decodeFlatLayerSource).
 */
async function decodeStatisticsLayer(source: LayerSource, name: string, owned: boolean): Promise<FeatureCollection | FlatFeatureLayer> {
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) {
    const flat = decodeFlatLayerSource(source instanceof Uint8Array ? source : new Uint8Array(source), name, owned);
    if (flat) return flat;
  }
  return decodeLayerSource(source, name);
}

/** Buffers that exactly one source of the request uses (another source's bytes must stay intact). */
function unsharedBuffers(request: StatisticsRequest): Set<ArrayBufferLike> {
  const uses = new Map<ArrayBufferLike, number>();
  for (const source of requestSources(request)) {
    const buffer = source instanceof ArrayBuffer ? source : source instanceof Uint8Array ? source.buffer : null;
    if (buffer) uses.set(buffer, (uses.get(buffer) ?? 0) + 1);
  }
  return new Set([...uses].filter(([, count]) => count === 1).map(([buffer]) => buffer));
}

/**
 * Decodes the inputs and computes the per-zone statistics and county totals.
 * @param sources.owned the request's bytes are the job's to overwrite (the worker's copy): layers
 *   are then decoded in place where they can be. Leave false when the caller still needs them.
 * @throws OverlayInputError for unusable input; the signal's reason when cancelled.
 */
export async function runStatisticsJob(request: StatisticsRequest, options: OverlayOptions = {}, sources: { readonly owned?: boolean } = {}): Promise<StatisticsResult> {
  const started = performance.now();
  const zones = await decodeLayerSource(request.zones, 'zones');
  const unshared = sources.owned === true ? unsharedBuffers(request) : new Set<ArrayBufferLike>();
  const layers = [];
  for (const layer of request.layers) {
    const buffer = layer.source instanceof ArrayBuffer ? layer.source : layer.source instanceof Uint8Array ? layer.source.buffer : null;
    const features = await decodeStatisticsLayer(layer.source, layer.id, buffer !== null && unshared.has(buffer));
    layers.push({ id: layer.id, features, ...(layer.categoryField ? { categoryField: layer.categoryField } : {}) });
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
    canopy: forestLayer ? { rule: request.canopyUnknown ?? DEFAULT_CANOPY_UNKNOWN_RULE, survey: surveyCanopy(propertiesOf(forestLayer.features)) } : null,
    zonesKind,
    timings: { decodeMilliseconds: decoded - started, computeMilliseconds: performance.now() - decoded },
  };
}

const CANCELLED: LocalizedText = { zh: '统计已取消', en: 'the statistics computation was cancelled' };

/**
 * Any failure as a StatisticsError with zh/en text: input errors keep their own messages (also
 * when they crossed from the worker as plain Errors carrying `messages`), cancellation says so,
 * anything else reads "统计失败：…".
 */
export function toStatisticsError(error: unknown): StatisticsError {
  if (error instanceof StatisticsError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'AbortError') return new StatisticsError(CANCELLED, 'AbortError');
  const messages = (error as { messages?: LocalizedText } | null)?.messages;
  if (messages && typeof messages.zh === 'string' && typeof messages.en === 'string') return new StatisticsError(messages, name);
  const text = error instanceof Error ? error.message : String(error);
  return new StatisticsError({ zh: `统计失败：${text}`, en: `statistics failed: ${text}` }, name);
}
