/// <reference lib="webworker" />
/**
 * Fetches a FlatGeobuf layer and parses it off the main thread. No logic of its own beyond
 * wiring: parsing is src/lib/io, label placement src/lib/geo.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { readFlatGeobuf } from '../lib/io/flatgeobuf';
import { labelPoint } from '../lib/geo/label-point';
import type { LoadLayerRequest, LoadLayerResponse } from './layer-loader.protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: LoadLayerResponse): void {
  scope.postMessage(message);
}

async function fetchWithProgress(request: LoadLayerRequest): Promise<Uint8Array> {
  const response = await fetch(request.url);
  if (!response.ok) throw new Error(`${request.fileName}: HTTP ${response.status} ${response.statusText}`);
  const totalBytes = Number(response.headers.get('content-length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loadedBytes += value.byteLength;
    post({ type: 'progress', requestId: request.requestId, loadedBytes, totalBytes });
  }
  const bytes = new Uint8Array(loadedBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function labelPointsOf(collection: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const position = labelPoint(geometry);
    if (position) features.push({ type: 'Feature', id: feature.id, properties: feature.properties, geometry: { type: 'Point', coordinates: position } });
  }
  return { type: 'FeatureCollection', features };
}

scope.onmessage = async (event: MessageEvent<LoadLayerRequest>) => {
  const request = event.data;
  try {
    const bytes = await fetchWithProgress(request);
    const collection = await readFlatGeobuf(bytes, request.fileName);
    // Numeric ids let the map keep per-feature state (selection) and find the source feature.
    collection.features.forEach((feature, index) => {
      feature.id = index;
    });
    post({
      type: 'done',
      requestId: request.requestId,
      collection,
      labelPoints: request.withLabelPoints ? labelPointsOf(collection) : null,
    });
  } catch (error) {
    post({ type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) });
  }
};
