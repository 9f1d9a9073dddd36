/**
 * The layer loader: lib/io's fetchBytes and loadFlatGeobufLayer, and the worker client that runs
 * them (behind a stand-in Worker), against a local HTTP server serving real FlatGeobuf bytes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geojson } from 'flatgeobuf';
import type { FeatureCollection } from 'geojson';
import { fetchBytes } from '../../src/lib/io/fetch-bytes';
import { loadFlatGeobufLayer } from '../../src/lib/io/load-layer';
import { loadedLayer } from '../../src/lib/io/loaded-layer';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { labelPoints } from '../../src/lib/geo/label-point';
import { api } from '../../src/workers/layer-loader.worker';
import { LayerLoaderClient } from '../../src/workers/layer-loader-client';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

const square = (x: number, name: string) => ({
  type: 'Feature' as const,
  properties: { NAME: name },
  geometry: { type: 'Polygon' as const, coordinates: [[[x, 28.8], [x + 0.01, 28.8], [x + 0.01, 28.81], [x, 28.81], [x, 28.8]]] },
});
const layer: FeatureCollection = {
  type: 'FeatureCollection',
  features: [square(108.7, '甲'), { type: 'Feature', properties: { NAME: '点' }, geometry: { type: 'Point', coordinates: [108.8, 28.9] } }, square(108.9, '乙')],
};
const bytes = geojson.serialize(layer);
/** Polygons only: the flat reader takes it. */
const polygons: FeatureCollection = { type: 'FeatureCollection', features: [square(108.7, '甲'), square(108.9, '乙'), square(109.1, '丙')] };
const polygonBytes = geojson.serialize(polygons);

let server: Server;
let base = '';
let workers: FakeWorkers;

beforeAll(async () => {
  server = createServer((request, response) => {
    const served = request.url === '/layer.fgb' ? bytes : request.url === '/polygons.fgb' ? polygonBytes : null;
    if (served) {
      response.writeHead(200, { 'content-length': String(served.byteLength) });
      response.end(Buffer.from(served));
    } else {
      response.writeHead(404, 'Not Found');
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workers = installFakeWorker(api);
});

afterAll(async () => {
  workers.restore();
  await new Promise((resolve) => server.close(resolve));
});

describe('layer loader', () => {
  it('fetchBytes returns the whole file and reports progress against Content-Length', async () => {
    const progress: Array<[number, number]> = [];
    const fetched = await fetchBytes(`${base}/layer.fgb`, 'layer.fgb', (loaded, total) => progress.push([loaded, total]));
    expect(fetched).toEqual(bytes);
    expect(progress.at(-1)).toEqual([bytes.byteLength, bytes.byteLength]);
  });

  it('fetchBytes names the file and the HTTP status when the server answers with an error', async () => {
    await expect(fetchBytes(`${base}/missing.fgb`, 'missing.fgb')).rejects.toThrow('missing.fgb: HTTP 404 Not Found');
  });

  it('loadFlatGeobufLayer numbers the features and places one label per polygon', async () => {
    const fractions: number[] = [];
    const loaded = loadedLayer(await loadFlatGeobufLayer(`${base}/layer.fgb`, 'layer.fgb', true, (fraction) => fractions.push(fraction)));
    expect(loaded.collection.features.map((feature) => feature.id)).toEqual([0, 1, 2]);
    expect(loaded.labelPoints!.features.map((point) => [point.id, point.properties!.NAME])).toEqual([[0, '甲'], [2, '乙']]);
    expect(fractions.at(-1)).toBe(1);
    expect(loadedLayer(await loadFlatGeobufLayer(`${base}/layer.fgb`, 'layer.fgb', false)).labelPoints).toBeNull();
  });

  it('a polygon layer crosses as flat arrays and reads back as the checked reader reads the file', async () => {
    const wire = await loadFlatGeobufLayer(`${base}/polygons.fgb`, 'polygons.fgb', false);
    expect('flat' in wire && wire.flat.count).toBe(3);
    const { collection } = loadedLayer(wire);
    const checked = await readFlatGeobuf(polygonBytes, 'polygons.fgb');
    expect(collection.features.map((feature) => feature.id)).toEqual([0, 1, 2]);
    expect(JSON.parse(JSON.stringify(collection.features))).toEqual(checked.features.map((feature, id) => ({ ...feature, id })));
    // A layer with a point in it, or one asked for label points, is read as GeoJSON.
    expect('flat' in (await loadFlatGeobufLayer(`${base}/layer.fgb`, 'layer.fgb', false))).toBe(false);
    expect('flat' in (await loadFlatGeobufLayer(`${base}/polygons.fgb`, 'polygons.fgb', true))).toBe(false);
  });

  it('labelPoints puts each label inside its polygon', () => {
    const [point] = labelPoints({ type: 'FeatureCollection', features: [square(108.7, '甲')] }).features;
    const [x, y] = point!.geometry.coordinates as [number, number];
    expect(x).toBeGreaterThan(108.7);
    expect(x).toBeLessThan(108.71);
    expect(y).toBeGreaterThan(28.8);
    expect(y).toBeLessThan(28.81);
  });

  it('the client loads through its worker, with progress; errors arrive with their message', async () => {
    const client = new LayerLoaderClient();
    const fractions: number[] = [];
    const loaded = await client.load(`${base}/layer.fgb`, 'layer.fgb', { withLabelPoints: true, onProgress: (fraction) => fractions.push(fraction) });
    expect(loaded.collection.features).toHaveLength(3);
    expect(loaded.labelPoints!.features).toHaveLength(2);
    await expect(client.load(`${base}/missing.fgb`, 'missing.fgb')).rejects.toThrow('missing.fgb: HTTP 404 Not Found');
    const pending = client.load(`${base}/layer.fgb`, 'layer.fgb');
    client.dispose();
    await expect(pending).rejects.toThrow('layer loader closed');
    expect(fractions.at(-1)).toBe(1);
  });

  it('the client hands over a flat layer as a collection, its geometries intact', async () => {
    const client = new LayerLoaderClient();
    const loaded = await client.load(`${base}/polygons.fgb`, 'polygons.fgb');
    client.dispose();
    expect(loaded.labelPoints).toBeNull();
    expect(loaded.collection.features.map((feature) => [feature.id, feature.properties?.NAME])).toEqual([[0, '甲'], [1, '乙'], [2, '丙']]);
    expect(loaded.collection.features[2]!.geometry).toEqual(polygons.features[2]!.geometry);
  });
});
