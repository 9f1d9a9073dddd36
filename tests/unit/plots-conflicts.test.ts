import * as geographiclib from 'geographiclib-geodesic';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { GRS80 } from '../../src/lib/geo/ellipsoid';
import { ConflictIndex } from '../../src/lib/geo/plot-conflict-index';
import { computePlotConflicts, type PlotConflicts } from '../../src/lib/geo/plot-conflicts';
import { box, collection, feature } from './fixtures/geo/synthetic';

const geodesic = new geographiclib.Geodesic.Geodesic(GRS80.semiMajorAxis, GRS80.flattening);

/**
 * Where the geodesic from `from` to `to` crosses the meridian `longitude` (bisection along the
 * line): a clip vertex lies exactly there, so hand-built answers put their vertices there too.
 */
function crossing(from: Position, to: Position, longitude: number): Position {
  const line = geodesic.InverseLine(from[1]!, from[0]!, to[1]!, to[0]!);
  let low = 0;
  let high = line.s13 as number;
  for (let step = 0; step < 80; step++) {
    const middle = (low + high) / 2;
    const position = line.Position(middle) as { lon2: number };
    if ((position.lon2 - longitude) * (to[0]! - from[0]!) < 0) low = middle;
    else high = middle;
  }
  const point = line.Position((low + high) / 2) as { lon2: number; lat2: number };
  return [point.lon2, point.lat2];
}

const polygon = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const area = (ring: Position[]) => geometryAreaSquareMetres(polygon(ring));
const overlapOf = (result: PlotConflicts, layerId: string) => result.layers.find((layer) => layer.layerId === layerId)!;

// Plot P: 0.01° × 0.01° at 108.80 E, 28.80 N (≈ 976 m × 1,109 m, ≈ 1,627 亩).
const P = box(108.8, 28.8, 0.01);
const [SW, SE, NE, NW] = P as [Position, Position, Position, Position];

/** The part of P west of `longitude` (P's own geodesic edges, cut by the meridian). */
function westPart(longitude: number): Position[] {
  const south = crossing(SW, SE, longitude);
  const north = crossing(NE, NW, longitude);
  return [SW, south, north, NW, SW];
}

function index(): ConflictIndex {
  return new ConflictIndex([
    {
      id: 'nanmuProtection',
      // A protection zone wholly inside P, one wholly outside.
      features: collection([feature([box(108.802, 28.802, 0.002)], { MING_CHENG: '楠木湾' }), feature([box(108.85, 28.85, 0.01)], { MING_CHENG: '远处' })]),
      categoryField: 'MING_CHENG',
    },
    {
      id: 'reserveForest',
      // Planned: a strip crossing P's east edge; taken: a large block containing P.
      features: collection([
        feature([box(108.805, 28.79, 0.02, 0.03)], { ZHUANG_TAI: '规划' }),
        feature([box(108.7, 28.7, 0.3)], { ZHUANG_TAI: '2023年已收储' }),
      ]),
      categoryField: 'ZHUANG_TAI',
    },
    {
      id: 'fireZones',
      // Level 3 west of 108.803, level 5 east of it, both spanning P's latitudes.
      features: collection([feature([box(108.79, 28.79, 0.013, 0.03)], { DENG_JI: 3 }), feature([box(108.803, 28.79, 0.03, 0.03)], { DENG_JI: 5 })]),
      categoryField: 'DENG_JI',
    },
    { id: 'pineRetrofit', features: collection([feature([box(108.9, 28.9, 0.01)])]) },
    {
      id: 'townships',
      // Two townships meeting on the meridian 108.806, west one only reaching 28.9 N.
      features: collection([feature([box(108.7, 28.7, 0.106, 0.2)], { NAME: '甲乡' }), feature([box(108.806, 28.7, 0.1, 0.2)], { NAME: '乙镇' })]),
      categoryField: 'NAME',
    },
  ]);
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

describe('plot conflict check (overlay engine with the plots as zones)', () => {
  it('gives exact answers for containment, disjointness and cuts along a meridian', async () => {
    const [result] = await computePlotConflicts(index(), [{ id: 'p', geometry: polygon(P) }]);
    expect(result!.areaSquareMetres).toBe(area(P));

    // A protection zone inside the plot overlaps by its whole area; the far one not at all.
    const nanmu = overlapOf(result!, 'nanmuProtection');
    expect(relative(nanmu.areaSquareMetres, area(box(108.802, 28.802, 0.002)))).toBeLessThan(1e-9);
    expect(nanmu.featureCount).toBe(1);
    expect(nanmu.categories.map((category) => category.value)).toEqual(['楠木湾']);
    expect(result!.flags.layers).toEqual(['nanmuProtection']);

    // Reserve: taken block contains P (the part east of 108.805 is also planned).
    const reserve = overlapOf(result!, 'reserveForest');
    const taken = reserve.categories.find((category) => category.value === '2023年已收储')!;
    const planned = reserve.categories.find((category) => category.value === '规划')!;
    expect(relative(taken.areaSquareMetres, area(P))).toBeLessThan(1e-9);
    const eastOf805 = area(P) - area(westPart(108.805));
    expect(relative(planned.areaSquareMetres, eastOf805)).toBeLessThan(1e-7);

    // Fire levels split P along 108.803: both pieces and their sum.
    const fire = overlapOf(result!, 'fireZones');
    const level3 = fire.categories.find((category) => category.value === '3')!.areaSquareMetres;
    const level5 = fire.categories.find((category) => category.value === '5')!.areaSquareMetres;
    expect(relative(level3, area(westPart(108.803)))).toBeLessThan(1e-7);
    expect(relative(level5, area(P) - area(westPart(108.803)))).toBeLessThan(1e-7);
    expect(relative(fire.areaSquareMetres, area(P))).toBeLessThan(1e-9);

    // No pine retrofit nearby.
    expect(overlapOf(result!, 'pineRetrofit')).toEqual({ layerId: 'pineRetrofit', areaSquareMetres: 0, featureCount: 0, categories: [] });

    // Township split: larger share first, shares add up to the plot, nothing outside the county.
    expect(result!.townships.map((township) => township.name)).toEqual(['甲乡', '乙镇']);
    expect(relative(result!.townships[0]!.areaSquareMetres, area(westPart(108.806)))).toBeLessThan(1e-7);
    expect(relative(result!.townships[0]!.areaSquareMetres + result!.townships[1]!.areaSquareMetres, area(P))).toBeLessThan(1e-9);
    expect(result!.outsideTownshipsSquareMetres).toBeLessThan(1e-3);
    expect(result!.layers.map((layer) => layer.layerId)).toEqual(['nanmuProtection', 'reserveForest', 'fireZones', 'pineRetrofit']);
  });

  it('reports overlaps between plots to both of them, but not plots that only share an edge', async () => {
    const plots = [
      { id: 'a', geometry: polygon(P) },
      // b covers P's eastern part from 108.807 and beyond.
      { id: 'b', geometry: polygon(box(108.807, 28.8, 0.01)) },
      // c touches a along a's west edge only.
      { id: 'c', geometry: polygon(box(108.79, 28.8, 0.01)) },
    ];
    const results = await computePlotConflicts(index(), plots);
    const byId = new Map(results.map((result) => [result.plotId, result]));
    // b's west edge is the meridian 108.807; the overlap is P east of it.
    const expected = area(P) - area(westPart(108.807));
    expect(byId.get('a')!.otherPlots.map((other) => other.plotId)).toEqual(['b']);
    expect(relative(byId.get('a')!.otherPlots[0]!.areaSquareMetres, expected)).toBeLessThan(1e-6);
    expect(byId.get('b')!.otherPlots.map((other) => other.plotId)).toEqual(['a']);
    expect(byId.get('a')!.flags.otherPlots).toBe(true);
    expect(byId.get('c')!.otherPlots).toEqual([]);
    expect(byId.get('c')!.flags).toEqual({ layers: [], otherPlots: false });
  });

  it('checks only the targets asked for, against all plots', async () => {
    const plots = [
      { id: 'a', geometry: polygon(P) },
      { id: 'b', geometry: polygon(box(108.805, 28.805, 0.01)) },
    ];
    const results = await computePlotConflicts(index(), plots, { targets: ['b'] });
    expect(results.map((result) => result.plotId)).toEqual(['b']);
    expect(results[0]!.otherPlots.map((other) => other.plotId)).toEqual(['a']);
    expect(await computePlotConflicts(index(), plots, { targets: ['nope'] })).toEqual([]);
  });

  it('counts the part of a plot beyond every township as outside the county', async () => {
    const beyond = box(108.9, 28.85, 0.02, 0.1); // reaches north of 28.9 where no township is
    const [result] = await computePlotConflicts(index(), [{ id: 'x', geometry: polygon(beyond) }]);
    const inside = result!.townships.reduce((sum, township) => sum + township.areaSquareMetres, 0);
    expect(result!.townships.map((township) => township.name)).toEqual(['乙镇']);
    expect(result!.outsideTownshipsSquareMetres).toBeGreaterThan(0.4 * result!.areaSquareMetres);
    expect(relative(inside + result!.outsideTownshipsSquareMetres, result!.areaSquareMetres)).toBeLessThan(1e-9);
  });
});
