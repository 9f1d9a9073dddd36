import { readFileSync } from 'node:fs';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reprojectGeoJson } from '../../src/lib/geo/crs';
import { decodeLayerSource, requestSources, runStatisticsJob, toStatisticsError, StatisticsError } from '../../src/lib/statistics/job';
import { OverlayInputError } from '../../src/lib/geo/overlay/types';
import { transferableBuffers } from '../../src/workers/rpc';
import { api } from '../../src/workers/statistics.worker';
import { computeTownshipStatistics } from '../../src/workers/statistics-client';
import { installFakeWorker, type FakeWorkers } from './fixtures/fake-worker';
import { box, collection, feature, gridCells, gridZones } from './fixtures/geo/synthetic';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { parseTownshipList } from '../../src/lib/geo/overlay/county-zones';
import { buildStatisticsTable } from '../../src/lib/statistics/table';

const fgb = (value: FeatureCollection, crs?: number) => serialize(value as Parameters<typeof serialize>[0], crs);

describe('statistics job (what the worker runs)', () => {
  it('accepts FlatGeobuf bytes and GeoJSON alike, honouring the FlatGeobuf CRS', async () => {
    const zones = gridZones();
    const forest = collection([feature([box(108.71, 28.81, 0.01)], { DI_LEI: '竹林地' })]);
    const fromGeoJson = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: forest }] });
    const projected = reprojectGeoJson(forest, 'EPSG:4326', 'EPSG:4545');
    const fromBytes = await runStatisticsJob({ zones: fgb(zones, 4326), layers: [{ id: 'subcompartments', source: fgb(projected, 4545).slice().buffer }] });
    const expected = fromGeoJson.overlay.zones[0]!.forestAreaSquareMetres;
    expect(expected).toBeGreaterThan(1e6);
    expect(Math.abs(fromBytes.overlay.zones[0]!.forestAreaSquareMetres - expected) / expected).toBeLessThan(1e-7);
    expect(fromBytes.totals.forestCoverage).toBeCloseTo(fromGeoJson.totals.forestCoverage!, 9);
    expect(fromBytes.timings.decodeMilliseconds).toBeGreaterThanOrEqual(0);
  });

  it('lists only whole buffers for transfer, the county outline included', () => {
    const whole = new Uint8Array(8);
    const view = new Uint8Array(new ArrayBuffer(16), 4, 4);
    const buffer = new ArrayBuffer(4);
    const county = new ArrayBuffer(2);
    const request = { zones: whole, layers: [{ id: 'a', source: view }, { id: 'b', source: buffer }, { id: 'c', source: collection([]) }], reference: { townships: [], county } };
    expect(transferableBuffers(requestSources(request))).toEqual([whole.buffer, buffer, county]);
  });

  it('turns input errors and cancellation into zh/en messages', async () => {
    const projected = collection([feature([box(575000, 3191000, 100)])]);
    const failure = await runStatisticsJob({ zones: gridZones(), layers: [{ id: 'x', source: projected }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OverlayInputError);
    expect(toStatisticsError(failure)).toMatchObject({ name: 'StatisticsError', kind: 'OverlayInputError', messages: { en: expect.stringMatching(/not longitude\/latitude/) } });
    expect(toStatisticsError(new DOMException('x', 'AbortError'))).toMatchObject({ name: 'AbortError', messages: { zh: '统计已取消' } });
    expect(toStatisticsError(new Error('boom')).messages).toEqual({ zh: '统计失败：boom', en: 'statistics failed: boom' });
  });

  it('decodes FlatGeobuf through io: bytes that are not FlatGeobuf give an input error naming the layer', async () => {
    const failure = await decodeLayerSource(new Uint8Array([1, 2, 3]), 'reserve').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OverlayInputError);
    expect((failure as OverlayInputError).messages.en).toBe('reserve: the FlatGeobuf file is damaged: the file does not start with the FlatGeobuf signature (fgb 3)');
  });
});

describe('statistics worker and client (in-process, behind a stand-in Worker)', () => {
  let workers: FakeWorkers;
  beforeAll(() => {
    workers = installFakeWorker(api);
  });
  afterAll(() => workers.restore());

  it('reports progress and returns the result; FlatGeobuf bytes are moved, not copied', async () => {
    const progress: number[] = [];
    const zones = fgb(gridZones(), 4326);
    const result = await computeTownshipStatistics(
      { zones, layers: [{ id: 'subcompartments', source: gridCells(120, 0.00125, 108.7, 28.8, 1) }] },
      { onProgress: (event) => progress.push(event.fraction) },
    );
    expect(result.totals.layers.subcompartments!.featureCount).toBe(14400);
    // Progress comes over its own message port, so the last event may land just after the result.
    await expect.poll(() => progress.at(-1)).toBe(1);
    expect(zones.byteLength).toBe(0);
  });

  it('cancels: the worker is terminated and the promise rejects with an AbortError saying so', async () => {
    const before = workers.terminated();
    const controller = new AbortController();
    const running = computeTownshipStatistics(
      { zones: gridZones(), layers: [{ id: 'subcompartments', source: gridCells(200, 0.00075, 108.7, 28.8, 2) }] },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    const error = await running.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StatisticsError);
    expect(error).toMatchObject({ name: 'AbortError', messages: { zh: '统计已取消' } });
    expect(workers.terminated()).toBe(before + 1);
  });

  it('an input error thrown in the worker arrives with its zh/en messages', async () => {
    const projected = collection([feature([box(575000, 3191000, 100)])]);
    const error = await computeTownshipStatistics({ zones: gridZones(), layers: [{ id: 'x', source: projected }] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StatisticsError);
    expect((error as StatisticsError).messages.en).toMatch(/not longitude\/latitude/);
    expect((error as StatisticsError).messages.zh).not.toMatch(/^统计失败/);
  });

  describe('canopy density (郁闭度) missing from a bureau inventory', () => {
    // One zone; three arbor stands (乔木林地, one coded 0111) and a bamboo stand.
    const zones = gridZones(1, 1);
    const stands = [box(108.705, 28.805, 0.01), box(108.72, 28.805, 0.01), box(108.735, 28.805, 0.01), box(108.705, 28.82, 0.01)];
    const zoneArea = geometryAreaSquareMetres(zones.features[0]!.geometry);
    const standArea = (index: number) => geometryAreaSquareMetres({ type: 'Polygon', coordinates: [stands[index]!] });

    it('says the YU_BI_DU field is missing and, by the chosen rule, counts such arbor land as forest or not', async () => {
      // No YU_BI_DU anywhere: the inventory was delivered without canopy density.
      const inventory = collection([
        feature([stands[0]!], { DI_LEI: '乔木林地' }),
        feature([stands[1]!], { DI_LEI: '0111' }),
        feature([stands[2]!], { DI_LEI: '乔木林地' }),
        feature([stands[3]!], { DI_LEI: '竹林地' }),
      ]);
      const strict = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: inventory }] });
      expect(strict.canopy).toEqual({ rule: 'not-forest', survey: { featureCount: 4, arborCount: 3, arborWithoutCanopy: 3, fieldPresent: false } });
      expect(strict.overlay.zones[0]!.forestAreaSquareMetres / standArea(3)).toBeCloseTo(1, 9);
      const table = buildStatisticsTable(strict.overlay, strict.totals, { canopy: strict.canopy });
      const warning = table.notes.find((note) => note.severity === 'warning')!;
      expect(warning.code).toBe('canopy-field-missing');
      expect(warning.message.zh).toContain('没有郁闭度字段（YU_BI_DU）：3个乔木林地小班');
      expect(table.notes.find((note) => note.code === 'coverage-rule')!.message.zh).toContain('不计为森林（严格）');

      const lenient = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: inventory }], canopyUnknown: 'forest' });
      const forest = standArea(0) + standArea(1) + standArea(2) + standArea(3);
      expect(lenient.overlay.zones[0]!.forestAreaSquareMetres / forest).toBeCloseTo(1, 9);
      expect(lenient.totals.forestCoverage! / (forest / zoneArea)).toBeCloseTo(1, 9);
      const lenientTable = buildStatisticsTable(lenient.overlay, lenient.totals, { canopy: lenient.canopy });
      expect(lenientTable.notes.map((note) => note.message.en).join('\n')).toMatch(/arbor forest land of unknown canopy density counted as forest/);
    });

    it('tells blank values on some stands from a missing field, and applies canopy ≥ 0.2 where known', async () => {
      const inventory = collection([
        feature([stands[0]!], { DI_LEI: '乔木林地', YU_BI_DU: 0.45 }),
        feature([stands[1]!], { DI_LEI: '乔木林地', YU_BI_DU: 0.15 }),
        feature([stands[2]!], { DI_LEI: '乔木林地', YU_BI_DU: '' }),
        feature([stands[3]!], { DI_LEI: '竹林地', YU_BI_DU: null }),
      ]);
      const result = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: inventory }] });
      expect(result.canopy!.survey).toEqual({ featureCount: 4, arborCount: 3, arborWithoutCanopy: 1, fieldPresent: true });
      expect(result.overlay.zones[0]!.forestAreaSquareMetres / (standArea(0) + standArea(3))).toBeCloseTo(1, 9);
      const table = buildStatisticsTable(result.overlay, result.totals, { canopy: result.canopy });
      expect(table.notes[0]).toMatchObject({ severity: 'warning', code: 'canopy-values-missing' });
      expect(table.notes[0]!.message.zh).toBe('3个乔木林地小班中有1个缺少郁闭度（YU_BI_DU）值，均未计为森林，覆盖率可能偏低');
      const lenient = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: inventory }], canopyUnknown: 'forest' });
      expect(lenient.overlay.zones[0]!.forestAreaSquareMetres / (standArea(0) + standArea(2) + standArea(3))).toBeCloseTo(1, 9);
    });

    it('adds no warning when every arbor stand has its canopy density', async () => {
      const inventory = collection([feature([stands[0]!], { DI_LEI: '乔木林地', YU_BI_DU: 0.3 })]);
      const result = await runStatisticsJob({ zones, layers: [{ id: 'subcompartments', source: inventory }] });
      const table = buildStatisticsTable(result.overlay, result.totals, { canopy: result.canopy });
      expect(table.notes.map((note) => note.code)).toEqual(['coverage-rule']);
    });
  });

  describe('zones that are not the county’s townships', () => {
    const townships = parseTownshipList(readFileSync('data/youyang-townships.csv', 'utf8'));
    const county = new Uint8Array(readFileSync('public/data/county.fgb'));

    it('recognises the 39 townships of the county (codes and area) and sums them as 全县合计', async () => {
      const zones = new Uint8Array(readFileSync('public/data/townships.fgb'));
      const result = await runStatisticsJob({ zones, layers: [], reference: { townships, county } });
      expect(result.zonesKind).toEqual({ kind: 'townships', zoneCount: 39 });
      expect(buildStatisticsTable(result.overlay, result.totals, { zonesKind: result.zonesKind }).totalLabel).toEqual({ zh: '全县合计', en: 'County total' });
    });

    it('calls the sum of ten county outlines "合计（10个区域）" and says why it is not the county', async () => {
      const neighbours = JSON.parse(readFileSync('data/neighbor-counties.geojson', 'utf8')) as FeatureCollection;
      const youyang = JSON.parse(readFileSync('data/youyang-county.geojson', 'utf8')) as FeatureCollection;
      const zones: FeatureCollection = { type: 'FeatureCollection', features: [...youyang.features, ...neighbours.features] };
      const result = await runStatisticsJob({ zones, layers: [], zoneNameField: 'name', reference: { townships, county } });
      expect(result.zonesKind?.kind).toBe('other');
      const table = buildStatisticsTable(result.overlay, result.totals, { zonesKind: result.zonesKind });
      expect(table.totalLabel).toEqual({ zh: '合计（10个区域）', en: 'Total of 10 zones' });
      const note = table.notes.find((entry) => entry.code === 'zones-not-townships')!;
      expect(note.message.zh).toContain('合计行是10个区域之和，不是全县合计');
      expect(note.message.zh).toContain('10个区域中有0个与本县39个乡镇的代码或名称对应');
    });

    it('refuses a subset of the townships, and townships whose area is not the county’s', async () => {
      const all = new Uint8Array(readFileSync('public/data/townships.fgb'));
      const decoded = await decodeLayerSource(all, 'townships');
      const some: FeatureCollection = { type: 'FeatureCollection', features: decoded.features.slice(0, 30) };
      const subset = await runStatisticsJob({ zones: some, layers: [], reference: { townships, county } });
      expect(subset.zonesKind).toMatchObject({ kind: 'other', reason: { zh: expect.stringContaining('9个乡镇未唯一对应') } });
      // The same codes on shapes far smaller than the county: the area check catches it.
      const shrunk: FeatureCollection = {
        type: 'FeatureCollection',
        features: decoded.features.map((zone, index) => feature([box(108.3 + (index % 8) * 0.1, 28.4 + Math.floor(index / 8) * 0.1, 0.05)], zone.properties ?? {})),
      };
      const small = await runStatisticsJob({ zones: shrunk, layers: [], reference: { townships, county } });
      expect(small.zonesKind).toMatchObject({ kind: 'other', reason: { en: expect.stringMatching(/km² \(\d+(\.\d)?% apart\)/) } });
    });
  });
});
