/**
 * The corridor tool's computation through its worker API (a stand-in Worker in Node) on the
 * served sample data: the Wujiang at 1,000 m per bank is the shipped Wujiang corridor; the
 * per-township areas add up to the corridor's area; overlaps are measured; bad input is named.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, Polygon } from 'geojson';
import { api } from '../../src/workers/corridor.worker';
import { CorridorClient, type CorridorProgress } from '../../src/workers/corridor-client';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

const DATA = 'public/data/';
let workers: FakeWorkers;
let previousFetch: typeof fetch;
let rivers: FeatureCollection;
let shipped: FeatureCollection;

beforeAll(async () => {
  previousFetch = globalThis.fetch;
  // The worker reads the catalog files by URL: serve them from public/data.
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const name = String(input).replace('http://data.test/', '');
    const bytes = await readFile(`${DATA}${name}`);
    return new Response(bytes, { status: 200, headers: { 'content-length': String(bytes.byteLength) } });
  }) as typeof fetch;
  workers = installFakeWorker(api);
  rivers = await readFlatGeobuf(new Uint8Array(await readFile(`${DATA}rivers.fgb`)), 'rivers.fgb');
  shipped = await readFlatGeobuf(new Uint8Array(await readFile(`${DATA}corridors.fgb`)), 'corridors.fgb');
}, 300_000);

afterAll(() => {
  workers?.restore();
  globalThis.fetch = previousFetch;
});

const wujiang = () => [(rivers.features.find((feature) => feature.properties?.NAME === '乌江')!.geometry as LineString).coordinates];

describe('corridor analysis', () => {
  it('the Wujiang at 1,000 m per bank is the shipped corridor; townships add up; overlaps measured', async () => {
    const client = new CorridorClient('http://data.test/');
    const stages: CorridorProgress['stage'][] = [];
    const plot: Polygon = { type: 'Polygon', coordinates: [[[108.33, 28.95], [108.36, 28.95], [108.36, 28.97], [108.33, 28.97], [108.33, 28.95]]] };
    const answer = await client.analyse({ line: wujiang(), spec: { widthMetres: 1000 }, plots: [{ id: 'p1', name: '测试地块', geometry: plot }] }, (progress) => stages.push(progress.stage));
    client.dispose();
    expect(answer?.ok).toBe(true);
    if (!answer?.ok) return;
    const shippedArea = geometryAreaSquareMetres(shipped.features.find((feature) => feature.properties?.HE_LIU === '乌江')!.geometry);
    // Same function, same width; the generator clips in its equal-area plane, the tool in its own frame.
    expect(Math.abs(answer.areaSquareMetres - shippedArea) / shippedArea).toBeLessThan(1e-4);
    const byTownship = answer.townships.reduce((sum, township) => sum + township.areaSquareMetres, 0);
    expect(Math.abs(byTownship - answer.areaSquareMetres) / answer.areaSquareMetres).toBeLessThan(1e-4);
    expect(answer.townships.length).toBeGreaterThan(3);
    expect(answer.townships.map((township) => township.name)).toContain('龚滩镇');
    expect(answer.overlaps.farmlandSquareMetres).toBeGreaterThan(0);
    expect(answer.overlaps.farmlandSquareMetres).toBeLessThan(answer.areaSquareMetres);
    expect(stages).toContain('townships');
    expect(stages).toContain('overlaps');
  }, 300_000);

  it('names bad widths and reaches instead of computing', async () => {
    const client = new CorridorClient('http://data.test/');
    const bad = await client.analyse({ line: wujiang(), spec: { widthMetres: Number.NaN }, plots: [] });
    expect(bad).toEqual({ ok: false, issues: [{ code: 'width', params: { value: 'NaN', min: 1, max: 10_000 } }] });
    const beyond = await client.analyse({ line: wujiang(), spec: { widthMetres: 100, reaches: [{ fromMetres: 900_000, toMetres: 901_000, widthMetres: 50 }] }, plots: [] });
    expect(beyond?.ok).toBe(false);
    expect(!beyond?.ok && beyond?.issues[0]?.code).toBe('reachBeyond');
    const noLine = await client.analyse({ line: [[[108.5, 28.6]]], spec: { widthMetres: 100 }, plots: [] });
    expect(!noLine?.ok && noLine?.issues[0]?.code).toBe('noLine');
    client.dispose();
  }, 300_000);
});
