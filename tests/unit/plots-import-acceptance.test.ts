/**
 * The rule for what becomes a plot on import (plot-acceptance.ts and plotsFromImport): bad
 * geometry built here feature by feature is refused with its reason and never becomes a plot;
 * good polygons pass, normalised as stored.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { checkPlotGeometry } from '../../src/lib/state/plots/plot-acceptance';
import { plotsFromImport } from '../../src/lib/state/plots/plot-import';
import { importReport } from '../../src/lib/state/plots/plot-import-report';
import { importFiles } from '../../src/lib/io/import-files';
import type { ImportedLayer, ImportResult } from '../../src/lib/io/types';

const ring = (x: number) => [[108.8 + x, 28.8], [108.81 + x, 28.8], [108.81 + x, 28.81], [108.8 + x, 28.81], [108.8 + x, 28.8]];
const good = { type: 'Polygon', coordinates: [ring(0)] };

/** Geometry no plot may have, with a word its reason must contain (zh). */
const BAD: readonly [string, unknown, RegExp][] = [
  ['Infinity from JSON 1e400', JSON.parse('{"type":"Polygon","coordinates":[[[1e400,28.8],[108.81,28.8],[108.81,28.81],[1e400,28.8]]]}'), /无穷大/],
  ['-Infinity', { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, -Infinity], [108.81, 28.81], [108.8, 28.8]]] }, /无穷大/],
  ['NaN', { type: 'Polygon', coordinates: [[[108.8, 28.8], [NaN, 28.8], [108.81, 28.81], [108.8, 28.8]]] }, /NaN/],
  ['an unknown type (Circle)', { type: 'Circle', coordinates: [108.8, 28.8], radius: 100 }, /未知的几何类型“Circle”/],
  ['no type', { coordinates: [ring(0)] }, /没有类型/],
  ['string coordinates', { type: 'Polygon', coordinates: [[['108.8', '28.8'], ['108.81', '28.8'], ['108.81', '28.81'], ['108.8', '28.8']]] }, /不是数值：".*108\.8"/],
  ['a position that is not a pair', { type: 'Polygon', coordinates: [[[108.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] }, /不是坐标对/],
  ['a polygon without rings', { type: 'Polygon', coordinates: [] }, /多边形为空/],
  ['an empty ring', { type: 'Polygon', coordinates: [[]] }, /外环为空/],
  ['an empty hole', { type: 'Polygon', coordinates: [ring(0), []] }, /内环1为空/],
  ['an empty part of a MultiPolygon', { type: 'MultiPolygon', coordinates: [[ring(0)], []] }, /第2部分为空/],
  ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, /几何为空/],
  ['a point', { type: 'Point', coordinates: [108.8, 28.8] }, /不是面要素（Point）/],
  ['a line', { type: 'LineString', coordinates: [[108.8, 28.8], [108.81, 28.81]] }, /不是面要素（LineString）/],
  ['a collection with a line', { type: 'GeometryCollection', geometries: [good, { type: 'LineString', coordinates: [[108.8, 28.8], [108.81, 28.81]] }] }, /非面几何/],
  ['no geometry', null, /没有几何/],
  ['a self-intersecting ring (bow tie)', { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.81], [108.81, 28.8], [108.8, 28.81], [108.8, 28.8]]] }, /自相交/],
  ['fewer than three distinct vertices', { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.8, 28.8], [108.8, 28.8]]] }, /少于3个/],
  ['a hole outside its ring', { type: 'Polygon', coordinates: [ring(0), ring(0.1).reverse()] }, /外环之外/],
  ['overlapping parts', { type: 'MultiPolygon', coordinates: [[ring(0)], [[[108.805, 28.805], [108.815, 28.805], [108.815, 28.815], [108.805, 28.815], [108.805, 28.805]]]] }, /相互重叠/],
  ['projected metres, not degrees', { type: 'Polygon', coordinates: [[[500000, 3190000], [500100, 3190000], [500100, 3190100], [500000, 3190000]]] }, /超出经纬度范围/],
];

describe('plot acceptance rule', () => {
  for (const [what, geometry, reason] of BAD) {
    it(`refuses ${what} with the reason`, () => {
      const check = checkPlotGeometry(geometry);
      expect(check.ok).toBe(false);
      if (check.ok) return;
      expect(check.reason.zh).toMatch(reason);
      expect(check.reason.en.length).toBeGreaterThan(5);
    });
  }

  it('accepts polygons, multipolygons and polygon collections, as stored', () => {
    expect(checkPlotGeometry(good)).toEqual({ ok: true, geometry: good });
    const holed = { type: 'Polygon', coordinates: [ring(0), [[108.802, 28.802], [108.802, 28.804], [108.804, 28.804], [108.804, 28.802], [108.802, 28.802]]] };
    expect(checkPlotGeometry(holed)).toMatchObject({ ok: true, geometry: holed });
    const multi = { type: 'MultiPolygon', coordinates: [[ring(0)], [ring(0.02)]] };
    expect(checkPlotGeometry(multi)).toMatchObject({ ok: true, geometry: multi });
    const collection = { type: 'GeometryCollection', geometries: [good, { type: 'Polygon', coordinates: [ring(0.02)] }] };
    expect(checkPlotGeometry(collection)).toMatchObject({ ok: true, geometry: multi });
    // Rings are closed and rounded as the store keeps them.
    const open = { type: 'Polygon', coordinates: [[[108.80000000012, 28.8], [108.81, 28.8], [108.81, 28.81]]] };
    expect(checkPlotGeometry(open)).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [[[108.8, 28.8], [108.81, 28.8], [108.81, 28.81], [108.8, 28.8]]] } });
  });
});

function layerOf(collection: FeatureCollection): ImportedLayer {
  return {
    name: '外业地块',
    format: 'geojson',
    files: ['外业地块.geojson'],
    collection,
    featureCount: collection.features.length,
    geometryTypes: ['Polygon'],
    fields: [],
    bbox: null,
    crs: { code: 'EPSG:4326', source: 'format', confidence: 1, swapped: false, candidates: [], reason: { zh: '', en: '' } },
    issues: [],
    invalidCount: 0,
    repairedCount: 0,
    skippedCount: 0,
    warnings: [],
  };
}

describe('plots from an import', () => {
  it('takes every good feature and lists every bad one with its number, name and reason; none reaches the plots', () => {
    const features = [
      { type: 'Feature', properties: { MING_CHENG: '好地块' }, geometry: good },
      ...BAD.map(([what, geometry]) => ({ type: 'Feature', properties: { name: what }, geometry })),
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(0.03)] } },
    ] as unknown as FeatureCollection['features'];
    const result: ImportResult = { layers: [layerOf({ type: 'FeatureCollection', features })], errors: [], warnings: [] };
    const { layers } = plotsFromImport(result, 2030);
    const [layer] = layers;
    expect(layer!.file).toBe('外业地块.geojson');
    expect(layer!.plots.map((plot) => [plot.featureNumber, plot.attributes.name])).toEqual([
      [1, '好地块'],
      [BAD.length + 2, `外业地块 ${BAD.length + 2}`],
    ]);
    expect(layer!.refused.map((feature) => feature.featureNumber)).toEqual(BAD.map((_, index) => index + 2));
    layer!.refused.forEach((feature, index) => {
      expect(feature.name).toBe(BAD[index]![0]);
      expect(feature.reason.zh).toMatch(BAD[index]![2]);
    });
    for (const plot of layer!.plots) {
      const values = (plot.geometry.type === 'Polygon' ? [plot.geometry.coordinates] : plot.geometry.coordinates).flat(3);
      expect(values.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
    }

    const report = importReport(layer!, 2, 0);
    expect(report.kind).toBe('warning');
    expect(report.text.zh).toBe(`外业地块.geojson：导入 2 个地块，拒绝 ${BAD.length} 个要素`);
    expect(report.details[0]!.zh).toMatch(/^第2个要素“Infinity from JSON 1e400”：坐标不是有限数值/);
    expect(report.details).toHaveLength(BAD.length > 20 ? 21 : BAD.length);
  });

  it('reads a GeoJSON file with one good and two bad plots: one plot, two refusals with reasons', async () => {
    const text = `{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"MING_CHENG":"好地块"},"geometry":${JSON.stringify(good)}},
      {"type":"Feature","properties":{"MING_CHENG":"坐标溢出地块"},"geometry":{"type":"Polygon","coordinates":[[[1e400,28.8],[108.81,28.8],[108.81,28.81],[1e400,28.8]]]}},
      {"type":"Feature","properties":{"MING_CHENG":"圆形地块"},"geometry":{"type":"Circle","coordinates":[108.8,28.8],"radius":100}}
    ]}`;
    const result = await importFiles([{ name: '外业地块.geojson', bytes: new TextEncoder().encode(text) }], { invalid: 'keep' });
    const [layer] = plotsFromImport(result, 2030).layers;
    expect(layer!.plots.map((plot) => plot.attributes.name)).toEqual(['好地块']);
    // The reader takes such features out before anything else sees them (their names with them):
    // they are still listed, by their number in the file.
    expect(layer!.refused.map((feature) => feature.featureNumber)).toEqual([2, 3]);
    expect(layer!.refused[0]!.reason.en).toContain('not a finite number');
    expect(layer!.refused[1]!.reason.en).toContain('unknown geometry type "Circle"');
    const report = importReport(layer!, 1, 0);
    expect(report.text.en).toBe('外业地块.geojson: 1 plot(s) imported, 2 feature(s) refused');
    expect(report.details.map((line) => line.zh)).toEqual(['第2个要素：坐标不是有限数值（Infinity）', '第3个要素：未知的几何类型“Circle”']);
  });

  it('numbers the features after ones the reader took out by their place in the file', async () => {
    const text = `{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"MING_CHENG":"圆形地块"},"geometry":{"type":"Circle","coordinates":[108.8,28.8],"radius":100}},
      {"type":"Feature","properties":{"MING_CHENG":"好地块"},"geometry":${JSON.stringify(good)}},
      {"type":"Feature","properties":{"MING_CHENG":"蝴蝶结地块"},"geometry":{"type":"Polygon","coordinates":[[[108.8,28.8],[108.81,28.81],[108.81,28.8],[108.8,28.81],[108.8,28.8]]]}}
    ]}`;
    const result = await importFiles([{ name: '外业地块.geojson', bytes: new TextEncoder().encode(text) }], { invalid: 'keep' });
    const [layer] = plotsFromImport(result, 2030).layers;
    expect(layer!.plots.map((plot) => [plot.featureNumber, plot.attributes.name])).toEqual([[2, '好地块']]);
    expect(layer!.refused.map((feature) => [feature.featureNumber, feature.name])).toEqual([
      [1, null],
      [3, '蝴蝶结地块'],
    ]);
    expect(layer!.refused[1]!.reason.zh).toContain('自相交');
  });

  it('says how many plots could not be saved and that they wait for a retry', () => {
    const collection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: good }] } as FeatureCollection;
    const [layer] = plotsFromImport({ layers: [layerOf(collection)], errors: [], warnings: [] }, 2030).layers;
    const report = importReport(layer!, 0, 1);
    expect(report.kind).toBe('error');
    expect(report.text.zh).toBe('外业地块.geojson：导入 0 个地块；1 个地块未能保存，已保留在地图上，可重试');
  });
});
