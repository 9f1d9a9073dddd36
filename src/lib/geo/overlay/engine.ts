/**
 * The overlay statistics engine: for every zone, its ellipsoidal area, each layer's area and
 * feature count inside it (by category if asked), and forest coverage.
 *
 * @example
 * const result = await computeOverlayStatistics({ zones: townships, layers: [{ id: 'subcompartments', features }] });
 * result.zones[0].forestCoverage // e.g. 0.6431
 */
import type { Feature } from 'geojson';
import { geometryAreaSquareMetres } from '../area';
import { createGeodesicPlaneArea } from '../geodesic-plane-area';
import { readField } from '../forest-cover';
import { LayerAccumulator } from './accumulator';
import { flattenPolygons, type FlatGeometry } from './flat-rings';
import { measureFeatures, type LayerPassTotals } from './layer-pass';
import { NoteCollector, prepareFeatures, type PreparedFeature } from './prepare-features';
import {
  OverlayInputError,
  type LayerSummary,
  type OverlayOptions,
  type OverlayRequest,
  type OverlayResult,
  type ZoneStatistics,
} from './types';
import { buildZoneIndex } from './zone-index';

/** Features measured between checks of the clock (progress, cancellation, yielding). */
const BATCH = 512;
/** Yield to the event loop at least this often (ms) when progress or cancellation is wanted. */
const YIELD_INTERVAL = 100;

function zoneIdentity(feature: Feature, index: number, idField?: string, nameField?: string): { id: string | number; name: string } {
  const fromField = idField ? readField(feature.properties, idField) : undefined;
  const raw = fromField ?? readField(feature.properties, 'CODE') ?? feature.id ?? index;
  const id = typeof raw === 'number' || typeof raw === 'string' ? raw : String(raw);
  const name = readField(feature.properties, nameField ?? 'NAME');
  return { id, name: name === undefined || name === null ? String(id) : String(name) };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The statistics computation was cancelled', 'AbortError');
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Default forest layer: 'subcompartments', else 'forest'. */
function pickForestLayer(request: OverlayRequest): string | null {
  const ids = request.layers.map((layer) => layer.id);
  if (request.forestLayerId !== undefined) {
    if (!ids.includes(request.forestLayerId)) {
      throw new OverlayInputError({
        zh: `未找到森林覆盖率所用的图层“${request.forestLayerId}”`,
        en: `forest layer "${request.forestLayerId}" is not among the layers (${ids.join(', ')})`,
      });
    }
    return request.forestLayerId;
  }
  return ids.find((id) => id === 'subcompartments') ?? ids.find((id) => id === 'forest') ?? null;
}

/**
 * Computes the per-zone statistics. Runs in the browser, a worker or Node.
 * Areas: zones by GeographicLib; features and clipped pieces by an equal-area plane centred on
 * the zones with a geodesic-edge correction (~1e-10 relative of GeographicLib).
 * @throws OverlayInputError for unusable input (coordinates not lon/lat, duplicate layer ids,
 *   invalid geometry with policy 'error'); the AbortSignal's reason when cancelled.
 */
export async function computeOverlayStatistics(request: OverlayRequest, options: OverlayOptions = {}): Promise<OverlayResult> {
  const started = performance.now();
  const { signal, onProgress } = options;
  const cooperative = signal !== undefined || onProgress !== undefined;
  if (signal?.aborted) throw abortError(signal);
  const policy = request.invalidGeometry ?? 'repair';
  const notes = new NoteCollector();
  const layerIds = request.layers.map((layer) => layer.id);
  const duplicate = layerIds.find((id, position) => layerIds.indexOf(id) !== position);
  if (duplicate !== undefined) {
    throw new OverlayInputError({ zh: `图层名“${duplicate}”重复`, en: `layer id "${duplicate}" is used twice` });
  }
  const forestLayerId = pickForestLayer(request);

  // Zones: validated like any layer; a zone left without geometry keeps its row with area 0.
  const zonePrepared = prepareFeatures(request.zones, 'zones', policy === 'error' ? 'error' : 'repair', notes, request.zoneIdField);
  const zoneGeometries: FlatGeometry[] = request.zones.features.map(() => flattenPolygons([]));
  const zoneAreas = new Float64Array(request.zones.features.length);
  for (const zone of zonePrepared) {
    zoneGeometries[zone.index] = zone.geometry;
    zoneAreas[zone.index] = geometryAreaSquareMetres(zone.source);
  }
  if (zonePrepared.length === 0) {
    notes.add({ severity: 'warning', code: 'no-zones', message: { zh: '没有可用的区域多边形', en: 'there are no usable zone polygons' } });
  }
  const index = buildZoneIndex(zoneGeometries);
  const extent = index.edgeIndex;
  const measure = createGeodesicPlaneArea(
    Number.isFinite(extent.minX) ? (extent.minX + extent.maxX) / 2 : 108.8,
    Number.isFinite(extent.minY) ? (extent.minY + extent.maxY) / 2 : 28.85,
  );

  const prepared: PreparedFeature[][] = request.layers.map((layer) => prepareFeatures(layer.features, layer.id, policy, notes));
  const total = prepared.reduce((sum, features) => sum + features.length, 0);
  const accumulators = request.layers.map(() => new LayerAccumulator(zoneGeometries.length));
  const summaries: LayerSummary[] = [];
  let processed = 0;
  let lastYield = performance.now();

  for (let layerIndex = 0; layerIndex < request.layers.length; layerIndex++) {
    const layer = request.layers[layerIndex]!;
    const features = prepared[layerIndex]!;
    const totals: LayerPassTotals = { area: 0, outside: 0, featuresInZones: 0, interior: 0, touching: 0, clipped: 0 };
    const passOptions = { ...(layer.categoryField ? { categoryField: layer.categoryField } : {}), forest: layer.id === forestLayerId, ...(request.canopyUnknown ? { canopyUnknown: request.canopyUnknown } : {}) };
    for (let from = 0; from < features.length; from += BATCH) {
      const to = Math.min(features.length, from + BATCH);
      measureFeatures(features, from, to, index, measure, passOptions, accumulators[layerIndex]!, totals);
      processed += to - from;
      if (cooperative && performance.now() - lastYield >= YIELD_INTERVAL) {
        onProgress?.({ fraction: total > 0 ? processed / total : 1, layer: layer.id, processed, total });
        await nextTask();
        lastYield = performance.now();
        if (signal?.aborted) throw abortError(signal);
      }
    }
    if (features.length > 0 && totals.featuresInZones === 0 && zonePrepared.length > 0) {
      notes.add({
        severity: 'warning',
        layer: layer.id,
        code: 'no-overlap',
        message: {
          zh: `图层“${layer.id}”与区域没有重叠（坐标系或范围不同？）`,
          en: `layer "${layer.id}" does not overlap any zone (different coordinate system or area?)`,
        },
      });
    }
    if (layer.features.features.length === 0) {
      notes.add({ severity: 'info', layer: layer.id, code: 'empty-layer', message: { zh: `图层“${layer.id}”没有要素`, en: `layer "${layer.id}" has no features` } });
    }
    summaries.push({
      id: layer.id,
      ...(layer.categoryField ? { categoryField: layer.categoryField } : {}),
      featureCount: layer.features.features.length,
      measuredFeatureCount: features.length,
      featuresInZones: totals.featuresInZones,
      categoryFeaturesInZones: layer.categoryField ? Object.fromEntries(accumulators[layerIndex]!.distinctByCategory) : {},
      areaSquareMetres: totals.area,
      outsideAreaSquareMetres: totals.outside,
      path: { interior: totals.interior, touching: totals.touching, clipped: totals.clipped },
    });
  }
  onProgress?.({ fraction: 1, layer: request.layers.at(-1)?.id ?? 'zones', processed, total });

  const forestIndex = forestLayerId === null ? -1 : layerIds.indexOf(forestLayerId);
  const zones: ZoneStatistics[] = request.zones.features.map((feature, zone) => {
    const { id, name } = zoneIdentity(feature, zone, request.zoneIdField, request.zoneNameField);
    const area = zoneAreas[zone]!;
    const forestArea = forestIndex >= 0 ? accumulators[forestIndex]!.forestArea[zone]! : 0;
    const layers: ZoneStatistics['layers'] = Object.fromEntries(request.layers.map((layer, layerIndex) => [layer.id, accumulators[layerIndex]!.zone(zone)]));
    return {
      index: zone,
      id,
      name,
      areaSquareMetres: area,
      forestAreaSquareMetres: forestArea,
      forestCoverage: forestIndex >= 0 && area > 0 ? forestArea / area : null,
      layers,
    };
  });
  return { zones, layers: summaries, forestLayerId, notes: notes.finish(), elapsedMilliseconds: performance.now() - started };
}
