import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { computeOverlayStatistics } from '../../src/lib/geo/overlay/engine';
import { countyTotals } from '../../src/lib/geo/overlay/county-totals';
import { OverlayInputError, type OverlayResult } from '../../src/lib/geo/overlay/types';
import { SLIVER_FRACTION } from '../../src/lib/geo/overlay/layer-pass';
import { box, collection, feature, gridCells, gridZones, randomPlots } from './fixtures/geo/synthetic';
import { referenceStatistics } from './geo-overlay-reference';

const relative = (actual: number, expected: number) => (expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected));

function expectMatchesReference(result: OverlayResult, zones: FeatureCollection, layers: Array<{ id: string; features: FeatureCollection; categoryField?: string }>, tolerance: number) {
  const reference = referenceStatistics(zones, layers, result.forestLayerId, SLIVER_FRACTION);
  result.zones.forEach((zone, index) => {
    const expected = reference[index]!;
    // Zone areas come from the engine's plane measure, the reference's from GeographicLib.
    expect(relative(zone.areaSquareMetres, expected.area), `area of ${zone.name}`).toBeLessThan(tolerance);
    expect(relative(zone.forestAreaSquareMetres, expected.forestArea), `forest in ${zone.name}`).toBeLessThan(tolerance);
    for (const layer of layers) {
      const actual = zone.layers[layer.id]!;
      const wanted = expected.layers[layer.id]!;
      expect(relative(actual.areaSquareMetres, wanted.area), `${layer.id} in ${zone.name}`).toBeLessThan(tolerance);
      expect(actual.featureCount, `${layer.id} count in ${zone.name}`).toBe(wanted.count);
      for (const [key, value] of Object.entries(wanted.categories)) {
        expect(relative(actual.categories[key]!.areaSquareMetres, value.area)).toBeLessThan(tolerance);
        expect(actual.categories[key]!.featureCount).toBe(value.count);
      }
    }
  });
}

describe('overlay statistics — known answers', () => {
  const zones = gridZones();

  it('splits a polygon across a zone border into parts that sum to the whole (1e-9)', async () => {
    // Sub-compartment-sized (600 m × 300 m), cut by the meridian border x = 108.75.
    const crossing = feature([box(108.747, 28.81, 0.006, 0.003)]);
    const result = await computeOverlayStatistics({ zones, layers: [{ id: 'plots', features: collection([crossing]) }] });
    const whole = geometryAreaSquareMetres(crossing.geometry);
    const left = result.zones[0]!.layers.plots!;
    const right = result.zones[1]!.layers.plots!;
    expect(relative(left.areaSquareMetres + right.areaSquareMetres, whole)).toBeLessThan(1e-9);
    expect(relative(left.areaSquareMetres, geometryAreaSquareMetres({ type: 'Polygon', coordinates: [box(108.747, 28.81, 0.003, 0.003)] }))).toBeLessThan(1e-9);
    expect([left.featureCount, right.featureCount]).toEqual([1, 1]);
    expect(result.layers[0]).toMatchObject({ featuresInZones: 1, path: { clipped: 1 } });
    expect(countyTotals(result).layers.plots!.featureCount).toBe(1);
  });

  it('counts features on shared borders once, in the zone they lie in, without clipping', async () => {
    const features = collection([
      feature([box(108.74, 28.81, 0.01, 0.01)]), // right edge on the border x = 108.75
      feature([box(108.75, 28.81, 0.01, 0.01)]), // left edge on the same border
      feature([[[108.75, 28.82], [108.76, 28.83], [108.75, 28.84], [108.75, 28.82]]]), // one edge on the border, vertices on it
      feature([box(108.70, 28.80, 0.05)]), // exactly zone 0
    ]);
    const result = await computeOverlayStatistics({ zones, layers: [{ id: 'forest', features }] });
    expect(result.zones.map((zone) => zone.layers.forest!.featureCount)).toEqual([2, 2, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.layers[0]!.path.touching).toBeGreaterThanOrEqual(3);
    expect(relative(result.zones[0]!.layers.forest!.areaSquareMetres, result.zones[0]!.areaSquareMetres + geometryAreaSquareMetres(features.features[0]!.geometry))).toBeLessThan(1e-9);
  });

  it('treats an edge between two border vertices that runs outside a concave zone as a crossing', async () => {
    // An L-shaped zone and the square filling its notch.
    const lShape = feature([[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]].map(([x, y]) => [108.7 + x! * 0.01, 28.8 + y! * 0.01])], { NAME: 'L' });
    const notch = feature([box(108.71, 28.81, 0.01)], { NAME: 'notch' });
    // A triangle with vertices on the L's border only: (1,0)…(2,1)…(0,2) — its edge from (2,1) to (0,2) cuts the notch.
    const triangle = feature([[[1, 0], [2, 1], [0, 2], [1, 0]].map(([x, y]) => [108.7 + x! * 0.01, 28.8 + y! * 0.01])]);
    const result = await computeOverlayStatistics({ zones: collection([lShape, notch]), layers: [{ id: 'plots', features: collection([triangle]) }] });
    const whole = geometryAreaSquareMetres(triangle.geometry);
    const [inL, inNotch] = result.zones.map((zone) => zone.layers.plots!);
    expect(inNotch!.areaSquareMetres).toBeGreaterThan(0);
    expect([inL!.featureCount, inNotch!.featureCount]).toEqual([1, 1]);
    expectMatchesReference(result, collection([lShape, notch]), [{ id: 'plots', features: collection([triangle]) }], 1e-9);
    // Clipping cuts the 2.2 km diagonal geodesic edge at a point of the straight lon/lat line, which
    // lies ~5 cm off the geodesic: the pieces then sum to the whole only to ~4e-5 (as in the reference).
    expect(relative(inL!.areaSquareMetres + inNotch!.areaSquareMetres, whole)).toBeLessThan(1e-4);
  });

  it('clips a square whose diagonal is a zone border (border enters through vertices)', async () => {
    const lower = feature([[[108.7, 28.8], [108.72, 28.8], [108.72, 28.82], [108.7, 28.8]]]);
    const upper = feature([[[108.7, 28.8], [108.72, 28.82], [108.7, 28.82], [108.7, 28.8]]]);
    const square = feature([box(108.705, 28.805, 0.01)]);
    const result = await computeOverlayStatistics({ zones: collection([lower, upper]), layers: [{ id: 'plots', features: collection([square]) }] });
    const halves = result.zones.map((zone) => zone.layers.plots!.areaSquareMetres);
    expect(relative(halves[0]! + halves[1]!, geometryAreaSquareMetres(square.geometry))).toBeLessThan(1e-9);
    expect(relative(halves[0]!, halves[1]!)).toBeLessThan(1e-3);
  });

  it('clips a feature that wholly contains a small zone', async () => {
    const big = feature([box(108.7, 28.8, 0.1)], { NAME: 'big' });
    const enclave = feature([box(108.74, 28.84, 0.01)], { NAME: 'enclave' });
    const plot = feature([box(108.73, 28.83, 0.03)]);
    const result = await computeOverlayStatistics({
      zones: collection([feature([box(108.7, 28.8, 0.1), box(108.74, 28.84, 0.01)], { NAME: 'big' }), enclave]),
      layers: [{ id: 'plots', features: collection([plot]) }],
    });
    expect(big.properties).toBeDefined();
    expect(relative(result.zones[1]!.layers.plots!.areaSquareMetres, result.zones[1]!.areaSquareMetres)).toBeLessThan(1e-9);
    expect(relative(result.zones[0]!.layers.plots!.areaSquareMetres + result.zones[1]!.layers.plots!.areaSquareMetres, geometryAreaSquareMetres(plot.geometry))).toBeLessThan(1e-9);
  });

  it('reports a zone with no data and an empty layer as zeros, with a note', async () => {
    const result = await computeOverlayStatistics({
      zones,
      layers: [
        { id: 'forest', features: collection([feature([box(108.71, 28.81, 0.01)], { DI_LEI: '竹林地' })]) },
        { id: 'reserve', features: collection([]), categoryField: 'ZHUANG_TAI' },
      ],
    });
    expect(result.forestLayerId).toBe('forest');
    expect(result.zones[8]).toMatchObject({ forestAreaSquareMetres: 0, forestCoverage: 0, layers: { forest: { areaSquareMetres: 0, featureCount: 0 } } });
    expect(result.zones[0]!.layers.reserve).toEqual({ areaSquareMetres: 0, featureCount: 0, categories: {} });
    expect(result.notes.map((note) => note.code)).toContain('empty-layer');
    expect(result.zones[0]!.forestCoverage).toBeCloseTo(result.zones[0]!.forestAreaSquareMetres / result.zones[0]!.areaSquareMetres, 15);
  });

  it('warns when a layer does not overlap the zones and counts its area as outside', async () => {
    const far = collection([feature([box(110, 30, 0.01)])]);
    const result = await computeOverlayStatistics({ zones, layers: [{ id: 'plots', features: far }] });
    expect(result.notes.find((note) => note.code === 'no-overlap')?.message.en).toMatch(/does not overlap any zone/);
    expect(relative(result.layers[0]!.outsideAreaSquareMetres, result.layers[0]!.areaSquareMetres)).toBeLessThan(1e-12);
  });

  it('repairs invalid polygons by default, listing every repair; policy "error" gives a clear message', async () => {
    const bowTie = feature([[[108.71, 28.81], [108.72, 28.82], [108.72, 28.81], [108.71, 28.82], [108.71, 28.81]]], {}, 'bad-1');
    const broken = feature([[[108.71, 28.81], [NaN, 28.82], [108.71, 28.81]]], {}, 'bad-2');
    const features = collection([bowTie, broken]);
    const result = await computeOverlayStatistics({ zones, layers: [{ id: 'plots', features }] });
    const codes = result.notes.map((note) => note.code);
    expect(codes).toEqual(expect.arrayContaining(['self-intersection', 'repaired-self-intersection', 'beyond-repair']));
    expect(result.zones[0]!.layers.plots!.featureCount).toBe(1);
    await expect(computeOverlayStatistics({ zones, layers: [{ id: 'plots', features }], invalidGeometry: 'error' })).rejects.toThrow(
      /layer "plots" has 3 geometry errors: layer "plots", feature 0 \(id bad-1\), part 0, outer ring at \(108.715, 28.815\): ring intersects itself/,
    );
    const skipped = await computeOverlayStatistics({ zones, layers: [{ id: 'plots', features }], invalidGeometry: 'skip' });
    expect(skipped.zones[0]!.layers.plots!.featureCount).toBe(0);
  });

  it('refuses mixed coordinate systems with a message naming the likely CRS', async () => {
    const projected = collection([feature([box(575000, 3191000, 100)])]);
    const attempt = computeOverlayStatistics({ zones, layers: [{ id: 'reserve', features: projected }] });
    await expect(attempt).rejects.toBeInstanceOf(OverlayInputError);
    await expect(attempt).rejects.toThrow(/layer "reserve": coordinates are not longitude\/latitude \(they look like EPSG:4545\)/);
  });

  it('ignores points and lines with a note, and rejects duplicate layer ids', async () => {
    const mixed = collection([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.71, 28.81] } }]);
    const result = await computeOverlayStatistics({ zones, layers: [{ id: 'plots', features: mixed }] });
    expect(result.notes.map((note) => note.code)).toContain('not-polygonal');
    await expect(computeOverlayStatistics({ zones, layers: [{ id: 'a', features: mixed }, { id: 'a', features: mixed }] })).rejects.toThrow(/used twice/);
  });

  it('reports progress and stops when cancelled', async () => {
    const features = gridCells(60, 0.0025, 108.7, 28.8, 3);
    const fractions: number[] = [];
    await computeOverlayStatistics({ zones, layers: [{ id: 'forest', features }] }, { onProgress: (progress) => fractions.push(progress.fraction) });
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(computeOverlayStatistics({ zones, layers: [{ id: 'forest', features }] }, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('overlay statistics — against the slow reference', () => {
  it('matches polyclip-ts × GeographicLib on cells sharing zone borders and random crossing plots (1e-9)', async () => {
    const zones = gridZones();
    const layers = [
      { id: 'subcompartments', features: gridCells(30, 0.005, 108.7, 28.8, 7), categoryField: 'DI_LEI' },
      { id: 'afforestation', features: randomPlots(150, 11), categoryField: 'ZAO_LIN_LX' },
    ];
    const result = await computeOverlayStatistics({ zones, layers });
    expect(result.layers[0]!.path.clipped).toBe(0);
    expect(result.layers[1]!.path.clipped).toBeGreaterThan(10);
    expectMatchesReference(result, zones, layers, 1e-9);
    const totals = countyTotals(result);
    expect(totals.layers.subcompartments!.featureCount).toBe(900);
    // The cells' border vertices lie on straight lon/lat lines, the zones' 5 km edges are geodesics
    // bowing ~0.3 m off them: the cells tile the zones to ~2e-8, not exactly.
    expect(relative(totals.layers.subcompartments!.areaSquareMetres, totals.areaSquareMetres)).toBeLessThan(1e-7);
  });

  it('matches the reference on irregular (Voronoi-like) zones', async () => {
    // Zones: a fan of 7 triangles and quads around a centre, concave unions included.
    const centre = [108.78, 28.88];
    const spokes = [0, 40, 95, 150, 200, 260, 310].map((degrees) => (degrees * Math.PI) / 180);
    const rim = (angle: number) => [centre[0]! + 0.09 * Math.cos(angle), centre[1]! + 0.08 * Math.sin(angle)];
    const zoneFeatures = spokes.map((angle, index) => {
      const nextAngle = spokes[(index + 1) % spokes.length]! + (index === spokes.length - 1 ? 2 * Math.PI : 0);
      const middle = (angle + nextAngle) / 2;
      return feature([[centre, rim(angle), [centre[0]! + 0.11 * Math.cos(middle), centre[1]! + 0.1 * Math.sin(middle)], rim(nextAngle), centre]], { NAME: `扇${index}` });
    });
    const zones = collection(zoneFeatures);
    const layers = [{ id: 'plots', features: randomPlots(200, 5, 108.7, 28.8, 0.16) }];
    const result = await computeOverlayStatistics({ zones, layers });
    expectMatchesReference(result, zones, layers, 1e-9);
  });
});
