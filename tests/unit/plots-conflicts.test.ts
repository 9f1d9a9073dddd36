import * as geographiclib from 'geographiclib-geodesic';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { GRS80 } from '../../src/lib/geo/ellipsoid';
import { ConflictIndex } from '../../src/lib/geo/plot-conflict-index';
import { computePlotConflicts, dangerLevel, type PlotConflicts } from '../../src/lib/geo/plot-conflicts';
import { PLOT_CONFLICT_RULES } from '../../src/lib/layers/derived';
import { landClassName } from '../../src/lib/geo/land-class';
import { squareMetresToMu } from '../../src/lib/geo/units';
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

  it('flags a plot laid out on 建设用地, 耕地 (named or coded) and 水域 with their 亩, and 2023 afforestation and fire zones of level ≥ 4', async () => {
    // The issue: a plot on 1,491 亩 of 建设用地 reported "no conflict". Here P (≈1,627 亩) lies on
    // 建设用地 west of 108.809 and on cultivated land coded 0210 east of it; a pond (水域) and an
    // arbor stand are far away; an afforestation plot and a level-5 fire zone reach into P.
    const conflictIndex = new ConflictIndex([
      {
        id: 'subcompartments',
        features: collection([
          feature([westPart(108.809)], { DI_LEI: '建设用地', YU_BI_DU: 0 }),
          feature([box(108.809, 28.79, 0.01, 0.03)], { DI_LEI: '0210' }),
          feature([box(108.85, 28.85, 0.01)], { DI_LEI: '水域' }),
          feature([box(108.86, 28.85, 0.01)], { DI_LEI: '乔木林地', YU_BI_DU: 0.6 }),
        ]),
        categoryField: 'DI_LEI',
      },
      { id: 'afforestation2023', features: collection([feature([box(108.802, 28.802, 0.002)], { ZAO_LIN_LX: '人工造林' })]), categoryField: 'ZAO_LIN_LX' },
      {
        id: 'fireZones',
        features: collection([feature([box(108.79, 28.79, 0.013, 0.03)], { DENG_JI: '3' }), feature([box(108.803, 28.79, 0.03, 0.03)], { DENG_JI: '五级' })]),
        categoryField: 'DENG_JI',
      },
    ]);
    const [result] = await computePlotConflicts(conflictIndex, [{ id: 'p', geometry: polygon(P) }], { flagRules: PLOT_CONFLICT_RULES });
    const built = result!.findings.find((finding) => finding.value === '建设用地')!;
    expect(built).toMatchObject({ layerId: 'subcompartments', kind: 'landClass' });
    expect(relative(built.areaSquareMetres, area(westPart(108.809)))).toBeLessThan(1e-5);
    expect(squareMetresToMu(built.areaSquareMetres)).toBeGreaterThan(1400);
    const farmland = result!.findings.find((finding) => finding.value === '耕地')!;
    expect(relative(farmland.areaSquareMetres, area(P) - area(westPart(108.809)))).toBeLessThan(1e-5);
    expect(result!.findings.some((finding) => finding.value === '水域')).toBe(false);
    const planted = result!.findings.find((finding) => finding.layerId === 'afforestation2023')!;
    expect(relative(planted.areaSquareMetres, area(box(108.802, 28.802, 0.002)))).toBeLessThan(1e-9);
    // Only the level-5 part of the fire zones is flagged, as level '5'.
    const fire = result!.findings.filter((finding) => finding.layerId === 'fireZones');
    expect(fire.map((finding) => finding.value)).toEqual(['5']);
    expect(relative(fire[0]!.areaSquareMetres, area(P) - area(westPart(108.803)))).toBeLessThan(1e-7);
    expect(result!.flags.layers).toEqual(['subcompartments', 'afforestation2023', 'fireZones']);

    // A plot on the arbor stand alone: nothing flagged.
    const [clear] = await computePlotConflicts(conflictIndex, [{ id: 'q', geometry: polygon(box(108.862, 28.852, 0.004)) }], { flagRules: PLOT_CONFLICT_RULES });
    expect(clear!.findings).toEqual([]);
    expect(clear!.flags).toEqual({ layers: [], otherPlots: false });
  });

  it('reads land classes as names, variants or national codes, and danger levels as digits or Chinese', () => {
    expect(['建设用地', '0250', '250', '0251', '工矿建设用地'].map(landClassName)).toEqual(Array(5).fill('建设用地'));
    expect(['耕地', '0210', '旱地', '水田', '211'].map(landClassName)).toEqual(Array(5).fill('耕地'));
    expect(['水域', '0230', '河流水面'].map(landClassName)).toEqual(Array(3).fill('水域'));
    expect(['0111', '乔木林', '0113', '0131', '国家特别规定灌木林地'].map(landClassName)).toEqual(['乔木林地', '乔木林地', '竹林地', '特殊灌木林地', '特殊灌木林地']);
    expect(landClassName(' 园地 ')).toBe('园地');
    expect(landClassName('9999')).toBe('9999');
    expect(['4', '4级', '四级', '五级（极高）', '', '高'].map(dangerLevel)).toEqual([4, 4, 4, 5, null, null]);
  });
});
