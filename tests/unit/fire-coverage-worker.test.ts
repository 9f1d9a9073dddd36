/**
 * The fire coverage analysis (lib/geo/coverage/coverage-analysis.ts) and its worker client: the
 * client returns the analysis with progress, and a newer request supersedes an older one (the
 * older resolves to null and its worker is terminated).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { analyseCoverage } from '../../src/lib/geo/coverage/coverage-analysis';
import type { Facility } from '../../src/lib/geo/coverage/facility';
import { api } from '../../src/workers/fire-coverage.worker';
import { FireCoverageClient } from '../../src/workers/fire-coverage-client';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';

const zone: Polygon = { type: 'Polygon', coordinates: [[[108.7, 28.8], [108.74, 28.8], [108.74, 28.84], [108.7, 28.84], [108.7, 28.8]]] };
const zones = [{ id: 'z1', geometry: zone }];
const camera: Facility = { id: 'c1', kind: 'camera', name: '1号', position: [108.705, 28.805], radiusMetres: 1500 };

let workers: FakeWorkers;
beforeAll(() => {
  workers = installFakeWorker(api);
});
afterAll(() => workers.restore());

describe('fire coverage analysis', () => {
  it('reports the uncovered part of the zone and suggests one camera there, progress ending at 0.8', () => {
    const fractions: number[] = [];
    const analysis = analyseCoverage(zones, [camera], 2000, (fraction) => fractions.push(fraction));
    expect(analysis.summary.zones).toHaveLength(1);
    expect(analysis.uncovered).toHaveLength(1);
    expect(analysis.suggestions).toHaveLength(1);
    expect(fractions.at(-1)).toBeCloseTo(0.8);
  });

  it('the client returns the same analysis from its worker, and terminates the worker', async () => {
    const before = workers.terminated();
    const fractions: number[] = [];
    const analysis = await new FireCoverageClient().compute(zones, [camera], 2000, (fraction) => fractions.push(fraction));
    const direct = analyseCoverage(zones, [camera], 2000);
    expect(analysis?.summary).toEqual(direct.summary);
    expect(analysis?.suggestions).toEqual(direct.suggestions);
    expect(workers.terminated()).toBe(before + 1);
  });

  it('a newer request supersedes an older one: the older resolves to null', async () => {
    const client = new FireCoverageClient();
    const older = client.compute(zones, [camera], 2000, () => {});
    const newer = client.compute(zones, [], 2000, () => {});
    await expect(older).resolves.toBeNull();
    const analysis = await newer;
    expect(analysis?.uncovered).toHaveLength(1);
    expect(analysis?.summary.zones[0]).toBeDefined();
  });
});
