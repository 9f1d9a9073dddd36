/**
 * The sample-data generator, checked from what it writes: the FlatGeobuf files are read back and
 * every invariant of DESIGN.md's "Sample data" section is asserted on them.
 *
 * One run at the default size (~40,000 sub-compartments, ~15 s here) feeds most tests; the
 * determinism test runs a small size (3,000) twice.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Flatbush from 'flatbush';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import * as polyclip from 'polyclip-ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { YOUYANG_EQUAL_AREA_PLANE } from '../../src/lib/geo/equal-area';
import { isForestCover } from '../../src/lib/geo/forest-cover';
import type { OverlayLayer } from '../../src/lib/geo/overlay/types';
import { computeOverlayStatistics } from '../../src/lib/geo/overlay/engine';
import { countyTotals } from '../../src/lib/geo/overlay/county-totals';
import { statisticsCategoryField } from '../../src/lib/layers/derived';
import { restoreDroppedVertices } from '../../src/lib/geo/overlay/restore-vertices';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { validateFeatureCollection } from '../../src/lib/geo/validate';
import { LAYERS, type LayerId, SUBCOMPARTMENT_FIELDS } from '../../src/lib/layers/catalog';
import { parseArguments } from '../../scripts/sample-data/cli';
import { checkSampleData } from '../../scripts/sample-data/ensure';
import { type SampleCatalog, generateSampleData } from '../../scripts/sample-data/generate';
import { DEFAULT_OPTIONS, computeInputsHash } from '../../scripts/sample-data/inputs-hash';
import { NUMERIC_FIELDS } from '../../scripts/sample-data/write';

type Props = Record<string, string | number>;
type AnyFeature = Feature<Geometry, Props>;
type XY = [number, number];

const plane = YOUYANG_EQUAL_AREA_PLANE;
/** m² by which straight plane edges and geodesic outline edges may disagree over the whole outline. */
const PLANE_SLACK = 1000;
const toXY = (position: Position): XY => plane.forward(position[0]!, position[1]!);
const root = join(__dirname, '..', '..');
const designPositions = JSON.parse(readFileSync(join(root, 'data', 'township-positions.json'), 'utf8')).positions as Record<string, Position>;
const townshipCsv = readFileSync(join(root, 'data', 'youyang-townships.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));

let outDir = '';
let catalog: SampleCatalog;
/** inputsHash computed just before generating (other files may be edited while the tests run). */
let hashAtStart = '';
const layers = {} as Record<LayerId, AnyFeature[]>;

async function readLayer(dir: string, file: string): Promise<AnyFeature[]> {
  const features: AnyFeature[] = [];
  for await (const item of deserialize(readFileSync(join(dir, file)))) features.push(item as unknown as AnyFeature);
  return features;
}

const polygonsOf = (geometry: Geometry): Position[][][] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
const planeGeometry = (geometry: Geometry): XY[][][] => polygonsOf(geometry).map((polygon) => polygon.map((ring) => ring.map(toXY)));
const mu = (geometry: Geometry): number => squareMetresToMu(geometryAreaSquareMetres(geometry));
const sumMu = (features: readonly AnyFeature[]): number => features.reduce((sum, item) => sum + mu(item.geometry), 0);
const planeArea = (polygons: XY[][][]): number =>
  polygons.reduce((sum, polygon) => sum + polygon.reduce((inner, ring, index) => inner + (index === 0 ? 1 : -1) * Math.abs(shoelace(ring)), 0), 0);
function shoelace(ring: readonly XY[]): number {
  let twice = 0;
  for (let index = 0; index + 1 < ring.length; index++) twice += ring[index]![0] * ring[index + 1]![1] - ring[index + 1]![0] * ring[index]![1];
  return twice / 2;
}
const overlapArea = (a: Geometry, b: Geometry): number => planeArea(polyclip.intersection(planeGeometry(a), planeGeometry(b)) as XY[][][]);

function pointInPolygons(point: XY, polygons: XY[][][]): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** Middle of the widest span of the horizontal line through the vertex mean: inside any simple polygon. */
function interior(ring: readonly XY[]): XY {
  const y = ring.reduce((sum, point) => sum + point[1], 0) / ring.length + 1e-7;
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  xs.sort((p, q) => p - q);
  let best: XY = [NaN, NaN];
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1]! - xs[k]! > width) {
      width = xs[k + 1]! - xs[k]!;
      best = [(xs[k]! + xs[k + 1]!) / 2, y];
    }
  }
  return best;
}

/** Plane distance from a point to a closed ring. */
function distanceToRing(point: XY, ring: readonly XY[]): number {
  let best = Infinity;
  for (let index = 0; index + 1 < ring.length; index++) {
    const [ax, ay] = ring[index]!;
    const [bx, by] = ring[index + 1]!;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((point[0] - ax) * dx + (point[1] - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(ax + t * dx - point[0], ay + t * dy - point[1]));
  }
  return best;
}

function boxOf(polygons: XY[][][]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) for (const ring of polygon) for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** Sub-compartment properties by exact geometry (plan layers reuse sub-compartment geometries). */
let subByGeometry: Map<string, Props>;
const geometryKey = (geometry: Geometry): string => JSON.stringify(polygonsOf(geometry)[0]![0]);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'sample-data-'));
  hashAtStart = computeInputsHash(DEFAULT_OPTIONS);
  generateSampleData(outDir, DEFAULT_OPTIONS);
  catalog = JSON.parse(readFileSync(join(outDir, 'catalog.json'), 'utf8')) as SampleCatalog;
  for (const layer of LAYERS) layers[layer.id] = await readLayer(outDir, layer.file);
  subByGeometry = new Map(layers.subcompartments.map((item) => [geometryKey(item.geometry), item.properties]));
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('catalog and files', () => {
  test('every catalog layer is written, with the catalog fields, types and counts', () => {
    expect(catalog.illustrative).toBe(true);
    expect(catalog.generator).toMatch(/^youyang-sample-data \d+\.\d+\.\d+$/);
    expect(catalog.seed).toBe(DEFAULT_OPTIONS.seed);
    expect(catalog.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(catalog.inputsHash).toBe(hashAtStart);
    expect(Object.keys(catalog.layers).sort()).toEqual(LAYERS.map((layer) => layer.id).sort());
    for (const layer of LAYERS) {
      const features = layers[layer.id];
      const summary = catalog.layers[layer.id];
      expect(summary.file).toBe(layer.file);
      expect(summary.featureCount).toBe(features.length);
      expect(summary.bytes).toBe(readFileSync(join(outDir, layer.file)).length);
      expect(features.length).toBeGreaterThan(0);
      const expectedAreaMu = layer.geometry === 'polygon' ? sumMu(features) : 0;
      expect(Math.abs(summary.areaMu - expectedAreaMu)).toBeLessThan(0.02);
      const names = layer.fields.map((field) => field.name);
      for (const item of features) {
        expect(Object.keys(item.properties)).toEqual(names);
        for (const name of names) {
          const value = item.properties[name];
          if (NUMERIC_FIELDS.has(name)) expect(Number.isFinite(value), `${layer.id}.${name}`).toBe(true);
          else expect(typeof value, `${layer.id}.${name}`).toBe('string');
        }
        const kind = item.geometry.type;
        expect(layer.geometry === 'polygon' ? kind === 'Polygon' || kind === 'MultiPolygon' : layer.geometry === 'line' ? kind === 'LineString' : kind === 'Point').toBe(true);
      }
    }
    expect(readdirSync(outDir).sort()).toEqual(['catalog.json', ...LAYERS.map((layer) => layer.file)].sort());
  });

  test('catalog totals agree with the files', () => {
    const totals = catalog.totals;
    expect(Math.abs(totals.countyAreaMu! - sumMu(layers.county))).toBeLessThan(0.01);
    expect(totals.subcompartmentCount).toBe(layers.subcompartments.length);
    expect(Math.abs(totals.reserveForestPlannedMu! - sumMu(layers.reserveForest))).toBeLessThan(0.01);
    expect(Math.abs(totals.pineRetrofitMu! - sumMu(layers.pineRetrofit))).toBeLessThan(0.01);
    expect(Math.abs(totals.afforestation2023Mu! - sumMu(layers.afforestation2023))).toBeLessThan(0.01);
    expect(totals.fireZoneCount).toBe(layers.fireZones.length);
    // Generated just above each plan figure, so "at least" comparisons read as met.
    expect(totals.forestCoverageRatio).toBeGreaterThanOrEqual(0.645);
    expect(totals.afforestation2023Mu).toBeGreaterThanOrEqual(207_000);
    expect(totals.reserveForestPlannedMu).toBeGreaterThanOrEqual(1_200_000);
    expect(totals.reserveForestTaken2023Mu).toBeGreaterThanOrEqual(300_000);
    expect(totals.pineRetrofitMu).toBeGreaterThanOrEqual(4_500);
  });

  test('neighbours and county are copied through', () => {
    expect(layers.neighbors).toHaveLength(9);
    expect(layers.neighbors.map((item) => item.properties.NAME)).toContain('黔江区');
    expect(layers.county).toHaveLength(1);
    expect(layers.county[0]!.properties).toEqual({ NAME: '酉阳土家族苗族自治县', ADCODE: '500242' });
    // 5,172 km² (official land area 5,173 km²).
    expect(mu(layers.county[0]!.geometry) / 1500).toBeCloseTo(5172, 0);
  });
});

describe('townships', () => {
  test('39 townships with the real codes, names and kinds', () => {
    const rows = layers.townships.map((item) => [item.properties.CODE, item.properties.NAME, item.properties.KIND]);
    expect(rows).toEqual(townshipCsv);
    for (const item of layers.townships) expect(Math.abs((item.properties.MIAN_JI as number) - mu(item.geometry))).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  test('they tile the county: areas add up within 1 m² and no two overlap', () => {
    const county = geometryAreaSquareMetres(layers.county[0]!.geometry);
    const sum = layers.townships.reduce((total, item) => total + geometryAreaSquareMetres(item.geometry), 0);
    expect(Math.abs(sum - county)).toBeLessThan(1);
    const boxes = layers.townships.map((item) => boxOf(planeGeometry(item.geometry)));
    let pairs = 0;
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const [ax0, ay0, ax1, ay1] = boxes[a]!;
        const [bx0, by0, bx1, by1] = boxes[b]!;
        if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue;
        pairs++;
        expect(overlapArea(layers.townships[a]!.geometry, layers.townships[b]!.geometry), `${a}/${b}`).toBeLessThan(1);
      }
    }
    expect(pairs).toBeGreaterThan(38);
    // Nothing outside the county: every vertex lies inside the outline or on it. Border vertices
    // sit on the outline's geodesic edges, up to ~12 cm off its straight plane edges.
    const countyPlane = planeGeometry(layers.county[0]!.geometry);
    const outline = countyPlane[0]![0]!;
    let onOutline = 0;
    for (const item of layers.townships) {
      for (const polygon of planeGeometry(item.geometry)) {
        for (const point of polygon[0]!) {
          if (pointInPolygons(point, countyPlane)) continue;
          onOutline++;
          expect(distanceToRing(point, outline), item.properties.NAME as string).toBeLessThan(0.5);
        }
      }
    }
    expect(onOutline).toBeGreaterThan(500);
  });

  test('each DESIGN.md position lies in its own township (万木镇, outside the outline, within 3 km)', () => {
    const countyPlane = planeGeometry(layers.county[0]!.geometry);
    let outside = 0;
    for (const item of layers.townships) {
      const position = designPositions[item.properties.NAME as string]!;
      const point = toXY(position);
      const polygons = planeGeometry(item.geometry);
      if (pointInPolygons(point, countyPlane)) {
        expect(pointInPolygons(point, polygons), item.properties.NAME as string).toBe(true);
      } else {
        outside++;
        let nearest = Infinity;
        for (const polygon of polygons) for (const [x, y] of polygon[0]!) nearest = Math.min(nearest, Math.hypot(x - point[0], y - point[1]));
        expect(nearest).toBeLessThan(3000);
      }
    }
    expect(outside).toBeLessThanOrEqual(1);
  });
});

describe('sub-compartments', () => {
  test('tens of thousands, typically 20–300 亩, MIAN_JI is the ellipsoidal area', () => {
    const subs = layers.subcompartments;
    expect(subs.length).toBeGreaterThanOrEqual(30_000);
    const areas = subs.map((item) => item.properties.MIAN_JI as number).sort((a, b) => a - b);
    const median = areas[Math.floor(areas.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(20);
    expect(median).toBeLessThanOrEqual(300);
    const typical = areas.filter((value) => value >= 20 && value <= 300).length / areas.length;
    expect(typical).toBeGreaterThan(0.85);
    expect(areas.filter((value) => value < 5).length / areas.length).toBeLessThan(0.03);
    for (const item of subs.filter((_, index) => index % 50 === 0)) {
      expect(Math.abs((item.properties.MIAN_JI as number) - mu(item.geometry))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(subs.every((item) => item.geometry.type === 'Polygon' && item.properties.XIAN === '酉阳土家族苗族自治县')).toBe(true);
  });

  test('they tile the county and every township exactly (areas within 1 m²)', () => {
    const county = geometryAreaSquareMetres(layers.county[0]!.geometry);
    const byTownship = new Map<string, number>();
    let sum = 0;
    for (const item of layers.subcompartments) {
      const area = geometryAreaSquareMetres(item.geometry);
      sum += area;
      byTownship.set(item.properties.XIANG as string, (byTownship.get(item.properties.XIANG as string) ?? 0) + area);
    }
    expect(Math.abs(sum - county)).toBeLessThan(1);
    for (const township of layers.townships) {
      const own = byTownship.get(township.properties.NAME as string) ?? 0;
      expect(Math.abs(own - geometryAreaSquareMetres(township.geometry)), township.properties.NAME as string).toBeLessThan(1);
    }
  });

  test('each lies in the township it names, and a sample of neighbours never overlaps', () => {
    const townships = layers.townships.map((item) => ({ properties: item.properties, polygons: planeGeometry(item.geometry) }));
    const townshipIndex = new Flatbush(townships.length);
    for (const township of townships) townshipIndex.add(...boxOf(township.polygons));
    townshipIndex.finish();
    const subs = layers.subcompartments;
    const subPlane = subs.map((item) => planeGeometry(item.geometry));
    const index = new Flatbush(subs.length);
    for (const polygons of subPlane) index.add(...boxOf(polygons));
    index.finish();
    let mismatched = 0;
    for (const [position, item] of subs.entries()) {
      const point = interior(subPlane[position]![0]![0]!);
      const containing = townshipIndex.search(point[0], point[1], point[0], point[1]).filter((found) => pointInPolygons(point, townships[found]!.polygons));
      if (containing.length !== 1 || townships[containing[0]!]!.properties.NAME !== item.properties.XIANG || townships[containing[0]!]!.properties.CODE !== item.properties.XIANG_DM) mismatched++;
    }
    expect(mismatched).toBe(0);
    let checked = 0;
    for (let position = 0; position < subs.length; position += 53) {
      const [minX, minY, maxX, maxY] = boxOf(subPlane[position]!);
      for (const other of index.search(minX, minY, maxX, maxY)) {
        if (other === position) continue;
        checked++;
        expect(planeArea(polyclip.intersection(subPlane[position]! as never, subPlane[other]! as never) as XY[][][])).toBeLessThan(0.01);
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  test('attributes are complete, coherent and use the bureau vocabulary', () => {
    const landClasses = new Set(['乔木林地', '竹林地', '特殊灌木林地', '一般灌木林地', '疏林地', '未成林造林地', '苗圃地', '迹地', '宜林地', '耕地', '园地', '建设用地', '水域']);
    const subs = layers.subcompartments;
    const names = SUBCOMPARTMENT_FIELDS.map((field) => field.name);
    const seen = new Set<string>();
    for (const item of subs) {
      const p = item.properties;
      expect(Object.keys(p)).toEqual(names);
      expect(landClasses.has(p.DI_LEI as string), p.DI_LEI as string).toBe(true);
      seen.add(p.DI_LEI as string);
      expect(['防护林', '特用林', '用材林', '经济林', '能源林', '']).toContain(p.LIN_ZHONG);
      expect(['公益林', '商品林', '']).toContain(p.SEN_LIN_LB);
      expect(['国家级', '地方级', '']).toContain(p.SHI_QUAN_D);
      expect(['天然', '人工', '']).toContain(p.QI_YUAN);
      expect(['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林', '']).toContain(p.LING_ZU);
      expect(p.YU_BI_DU).toBeGreaterThanOrEqual(0);
      expect(p.YU_BI_DU).toBeLessThanOrEqual(0.95);
      expect(Number.isInteger(p.LIN_BAN) && (p.LIN_BAN as number) >= 1 && Number.isInteger(p.XIAO_BAN) && (p.XIAO_BAN as number) >= 1).toBe(true);
      expect(p.CUN).toMatch(/(村|社区)$/);
      if (['耕地', '园地', '建设用地', '水域', '宜林地', '迹地', '苗圃地'].includes(p.DI_LEI as string)) {
        expect([p.LIN_ZHONG, p.SEN_LIN_LB, p.SHI_QUAN_D, p.LING_ZU]).toEqual(['', '', '', '']);
      }
      if (p.SEN_LIN_LB === '公益林') expect(['防护林', '特用林']).toContain(p.LIN_ZHONG);
      if (p.SEN_LIN_LB === '商品林') expect(['用材林', '经济林', '能源林']).toContain(p.LIN_ZHONG);
      if (p.DI_LEI === '乔木林地') expect(p.LING_ZU).not.toBe('');
    }
    expect(seen.size).toBe(landClasses.size);
    // XIAO_BAN numbers are unique within a compartment of a township.
    const keys = new Set(subs.map((item) => `${item.properties.XIANG_DM}/${item.properties.LIN_BAN}/${item.properties.XIAO_BAN}`));
    expect(keys.size).toBe(subs.length);
    // Villages per township: a handful.
    const villages = new Map<string, Set<string>>();
    for (const item of subs) {
      const set = villages.get(item.properties.XIANG as string) ?? new Set<string>();
      set.add(item.properties.CUN as string);
      villages.set(item.properties.XIANG as string, set);
    }
    for (const set of villages.values()) expect(set.size >= 3 && set.size <= 14).toBe(true);
  });

  test('attributes are spatially coherent, not white noise', () => {
    const subs = layers.subcompartments;
    const plane = subs.map((item) => planeGeometry(item.geometry));
    const index = new Flatbush(subs.length);
    for (const polygons of plane) index.add(...boxOf(polygons));
    index.finish();
    const fields = ['DI_LEI', 'YOU_SHI_SZ', 'CUN', 'LIN_BAN', 'SEN_LIN_LB'];
    const same = new Map(fields.map((field) => [field, 0]));
    let pairs = 0;
    for (let position = 0; position < subs.length; position += 7) {
      const [minX, minY, maxX, maxY] = boxOf(plane[position]!);
      for (const other of index.search(minX, minY, maxX, maxY)) {
        if (other === position || subs[other]!.properties.XIANG !== subs[position]!.properties.XIANG) continue;
        pairs++;
        for (const field of fields) if (subs[other]!.properties[field] === subs[position]!.properties[field]) same.set(field, same.get(field)! + 1);
      }
    }
    expect(same.get('DI_LEI')! / pairs).toBeGreaterThan(0.6);
    expect(same.get('YOU_SHI_SZ')! / pairs).toBeGreaterThan(0.55);
    expect(same.get('CUN')! / pairs).toBeGreaterThan(0.8);
    expect(same.get('LIN_BAN')! / pairs).toBeGreaterThan(0.6);
    expect(same.get('SEN_LIN_LB')! / pairs).toBeGreaterThan(0.6);
  });

  test('forest coverage by the coverage rule is 64.5% ± 0.5 point and varies by township', () => {
    const county = mu(layers.county[0]!.geometry);
    const forest = new Map<string, number>();
    const land = new Map<string, number>();
    let total = 0;
    let lowCanopyArbor = 0;
    for (const item of layers.subcompartments) {
      const area = item.properties.MIAN_JI as number;
      const township = item.properties.XIANG as string;
      land.set(township, (land.get(township) ?? 0) + area);
      if (item.properties.DI_LEI === '乔木林地' && (item.properties.YU_BI_DU as number) < 0.2) lowCanopyArbor++;
      if (isForestCover(item.properties)) {
        total += area;
        forest.set(township, (forest.get(township) ?? 0) + area);
      }
    }
    expect(Math.abs(total / county - 0.645)).toBeLessThanOrEqual(0.005);
    expect(lowCanopyArbor).toBeGreaterThan(50);
    const ratios = [...land.keys()].map((township) => (forest.get(township) ?? 0) / land.get(township)!);
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.1);
    expect(Math.min(...ratios)).toBeGreaterThan(0.4);
    expect(Math.max(...ratios)).toBeLessThan(0.9);
  });
});

describe('plan layers', () => {
  test('national reserve forest: 1,200,000 亩 ± 0.5%, 300,000 亩 ± 1% taken in 2023, clustered, on forest land', () => {
    const reserve = layers.reserveForest;
    expect(Math.abs(sumMu(reserve) - 1_200_000)).toBeLessThanOrEqual(6_000);
    const taken = reserve.filter((item) => item.properties.ZHUANG_TAI === '2023年已收储');
    expect(Math.abs(sumMu(taken) - 300_000)).toBeLessThanOrEqual(3_000);
    expect(taken.every((item) => item.properties.NIAN_DU === 2023)).toBe(true);
    const planned = reserve.filter((item) => item.properties.ZHUANG_TAI === '规划');
    expect(planned.length + taken.length).toBe(reserve.length);
    expect(planned.every((item) => (item.properties.NIAN_DU as number) > 2023 || item.properties.NIAN_DU === 0)).toBe(true);
    const byTownship = new Map<string, number>();
    for (const item of reserve) {
      const sub = subByGeometry.get(geometryKey(item.geometry));
      expect(sub, 'reserve plot is a sub-compartment').toBeDefined();
      expect(['乔木林地', '宜林地', '迹地']).toContain(sub!.DI_LEI);
      if (sub!.DI_LEI === '乔木林地') expect([sub!.SEN_LIN_LB, sub!.LIN_ZHONG]).toEqual(['商品林', '用材林']);
      expect(item.properties.XIANG).toBe(sub!.XIANG);
      byTownship.set(item.properties.XIANG as string, (byTownship.get(item.properties.XIANG as string) ?? 0) + (item.properties.MIAN_JI as number));
    }
    const shares = [...byTownship.values()].sort((a, b) => b - a);
    const topTwelve = shares.slice(0, 12).reduce((sum, value) => sum + value, 0);
    expect(topTwelve / shares.reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0.6);
    expect(new Set(reserve.map((item) => item.properties.CHU_BEI_ID)).size).toBe(reserve.length);
  });

  test('masson-pine retrofit: 4,500 亩 ± 1%, all in 马尾松 stands', () => {
    const pine = layers.pineRetrofit;
    expect(Math.abs(sumMu(pine) - 4_500)).toBeLessThanOrEqual(45);
    for (const item of pine) {
      expect(item.properties.YOU_SHI_SZ).toBe('马尾松');
      const sub = subByGeometry.get(geometryKey(item.geometry));
      expect(sub?.YOU_SHI_SZ).toBe('马尾松');
      expect(sub?.DI_LEI).toBe('乔木林地');
    }
  });

  test('2023 afforestation: 207,000 亩 ± 1% over at least four types, on the right land', () => {
    const plots = layers.afforestation2023;
    expect(Math.abs(sumMu(plots) - 207_000)).toBeLessThanOrEqual(2_070);
    const types = new Set(plots.map((item) => item.properties.ZAO_LIN_LX));
    expect(types.size).toBeGreaterThanOrEqual(4);
    const keys = new Set<string>();
    for (const item of plots) {
      expect(item.properties.NIAN_DU).toBe(2023);
      const key = geometryKey(item.geometry);
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      const sub = subByGeometry.get(key)!;
      switch (item.properties.ZAO_LIN_LX) {
        case '人工造林':
          expect(['宜林地', '迹地']).toContain(sub.DI_LEI);
          break;
        case '封山育林':
          expect(['疏林地', '一般灌木林地', '特殊灌木林地']).toContain(sub.DI_LEI);
          break;
        case '森林抚育':
          expect(sub.DI_LEI).toBe('乔木林地');
          expect(['幼龄林', '中龄林']).toContain(sub.LING_ZU);
          break;
        case '退化林修复':
          expect(sub.DI_LEI).toBe('乔木林地');
          break;
        default:
          throw new Error(`unexpected type ${String(item.properties.ZAO_LIN_LX)}`);
      }
    }
  });
});

describe('rivers, corridors, fire and nanmu', () => {
  test('rivers: schematic Wujiang and Apeng courses that meet', () => {
    const rivers = layers.rivers;
    expect(rivers.map((item) => item.properties.NAME)).toEqual(['乌江', '阿蓬江']);
    expect(rivers.map((item) => item.properties.NAME_EN)).toEqual(['Wujiang River', 'Apeng River']);
    const [wujiang, apeng] = rivers.map((item) => (item.geometry as LineString).coordinates.map(toXY));
    const mouth = apeng!.at(-1)!;
    const nearest = Math.min(...wujiang!.map(([x, y]) => Math.hypot(x - mouth[0], y - mouth[1])));
    expect(nearest).toBeLessThan(300);
    expect(wujiang!.length).toBeGreaterThan(100);
  });

  test('corridors are river buffers of the configured width, clipped to the county', () => {
    const corridors = layers.corridors;
    expect(corridors.map((item) => item.properties.HE_LIU)).toEqual(['乌江', '阿蓬江']);
    const county = planeGeometry(layers.county[0]!.geometry);
    for (const item of corridors) {
      expect(item.properties.KUAN_DU).toBe(DEFAULT_OPTIONS.corridorWidth);
      const polygons = planeGeometry(item.geometry);
      expect(planeArea(polyclip.difference(polygons as never, county as never) as XY[][][])).toBeLessThan(PLANE_SLACK);
      expect(item.properties.MIAN_JI).toBeGreaterThan(10_000);
    }
    expect(overlapArea(corridors[0]!.geometry, corridors[1]!.geometry)).toBeLessThan(1);
  });

  test('fire zones: dozens, levels 1–5 with more at the lower levels, conifer stands, no overlaps', () => {
    const zones = layers.fireZones;
    expect(zones.length).toBeGreaterThanOrEqual(30);
    expect(zones.length).toBeLessThanOrEqual(150);
    const levels = [1, 2, 3, 4, 5].map((level) => zones.filter((item) => item.properties.DENG_JI === level).length);
    expect(levels.every((count) => count > 0)).toBe(true);
    expect(levels[0]!).toBeGreaterThan(levels[4]!);
    expect(levels[1]!).toBeGreaterThan(levels[4]!);
    for (const item of zones) {
      expect(item.properties.MING_CHENG).toMatch(new RegExp(`^${item.properties.XIANG}高风险区\\d{2}$`));
      expect(['马尾松', '柏木', '杉木']).toContain(item.properties.YOU_SHI_SZ);
    }
    expect(new Set(zones.map((item) => item.properties.MING_CHENG)).size).toBe(zones.length);
    const boxes = zones.map((item) => boxOf(planeGeometry(item.geometry)));
    for (let a = 0; a < zones.length; a++) {
      for (let b = a + 1; b < zones.length; b++) {
        const [ax0, ay0, ax1, ay1] = boxes[a]!;
        const [bx0, by0, bx1, by1] = boxes[b]!;
        if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue;
        expect(overlapArea(zones[a]!.geometry, zones[b]!.geometry)).toBeLessThan(1);
      }
    }
  });

  test('fire facilities: watchtowers, cameras with radii and water points inside the county', () => {
    const facilities = layers.fireFacilities;
    const county = planeGeometry(layers.county[0]!.geometry);
    const kinds = new Set(facilities.map((item) => item.properties.LEI_XING));
    expect([...kinds].sort()).toEqual(['取水点', '瞭望塔', '视频监控'].sort());
    for (const item of facilities) {
      const radius = item.properties.BAN_JING as number;
      if (item.properties.LEI_XING === '瞭望塔') expect(radius).toBe(4000);
      if (item.properties.LEI_XING === '视频监控') expect(radius >= 2500 && radius <= 5000).toBe(true);
      if (item.properties.LEI_XING === '取水点') expect(radius).toBe(0);
      expect(pointInPolygons(toXY((item.geometry as Point).coordinates), county)).toBe(true);
      expect(item.properties.MING_CHENG as string).toContain(item.properties.XIANG as string);
    }
    expect(new Set(facilities.map((item) => item.properties.SHE_SHI_ID)).size).toBe(facilities.length);
  });

  test('nanmu groves: the real 两罾乡 内口村 grove with its facts by the Apeng River, plus illustrative ones, each protected', () => {
    const groves = layers.nanmuGroves;
    expect(groves.length).toBeGreaterThanOrEqual(5);
    expect(groves.length).toBeLessThanOrEqual(7);
    const real = groves.filter((item) => item.properties.SHI_LI === '公开资料（位置示意）');
    expect(real).toHaveLength(1);
    const facts = real[0]!.properties;
    expect([facts.XIANG, facts.CUN]).toEqual(['两罾乡', '内口村']);
    expect(facts.ZHU_SHU).toBeGreaterThanOrEqual(1000);
    expect(facts.XIONG_JING_2M).toBeGreaterThanOrEqual(20);
    expect([facts.QIAN_NIAN, facts.ZUI_DA_SL, facts.ZUI_GAO, facts.ZUI_DA_XW]).toEqual([8, 1500, 31.8, 6.91]);
    expect(facts.MING_CHENG).toContain('楠木湾');
    const apeng = (layers.rivers.find((item) => item.properties.NAME === '阿蓬江')!.geometry as LineString).coordinates.map(toXY);
    const ring = planeGeometry(real[0]!.geometry)[0]![0]!;
    const gap = Math.min(...ring.flatMap(([x, y]) => apeng.map(([rx, ry]) => Math.hypot(x - rx, y - ry))));
    expect(gap).toBeLessThan(300);
    expect(groves.filter((item) => item.properties.SHI_LI === '示例').length).toBeGreaterThanOrEqual(4);
    const protection = new Map(layers.nanmuProtection.map((item) => [item.properties.MING_CHENG, item]));
    expect(protection.size).toBe(groves.length);
    const township = new Map(layers.townships.map((item) => [item.properties.NAME, planeGeometry(item.geometry)]));
    for (const grove of groves) {
      const zone = protection.get(`${grove.properties.MING_CHENG}保护范围`)!;
      expect(zone.properties.HUAN_CHONG).toBe(500);
      const inside = planeArea(polyclip.intersection(planeGeometry(grove.geometry) as never, planeGeometry(zone.geometry) as never) as XY[][][]);
      expect(inside / planeArea(planeGeometry(grove.geometry))).toBeGreaterThan(0.999);
      expect(zone.properties.MIAN_JI as number).toBeGreaterThan(2 * (grove.properties.MIAN_JI as number));
      const centre = interior(planeGeometry(grove.geometry)[0]![0]!);
      expect(pointInPolygons(centre, township.get(grove.properties.XIANG)!)).toBe(true);
    }
  });
});

/** The part of a closed ring with sign·(coordinate `axis` − limit) ≤ 0 (Sutherland–Hodgman, one line). */
function cropRing(ring: readonly XY[], axis: 0 | 1, limit: number, sign: 1 | -1): XY[] {
  const open = ring.slice(0, -1);
  const output: XY[] = [];
  open.forEach((current, index) => {
    const previous = open[(index + open.length - 1) % open.length]!;
    const inside = (point: XY) => sign * (point[axis] - limit) <= 0;
    if (inside(current) !== inside(previous)) {
      const t = (limit - previous[axis]) / (current[axis] - previous[axis]);
      output.push([previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])]);
    }
    if (inside(current)) output.push(current);
  });
  return output.length >= 3 ? [...output, output[0]!] : [];
}

/** A polygon cut down to a box: exact for its intersection with anything inside the box. */
function cropToBox(polygons: readonly XY[][][], [minX, minY, maxX, maxY]: readonly [number, number, number, number]): XY[][][] {
  const cropped: XY[][][] = [];
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => {
      let result: XY[] = ring;
      for (const [axis, limit, sign] of [[0, minX, -1], [0, maxX, 1], [1, minY, -1], [1, maxY, 1]] as const) if (result.length > 0) result = cropRing(result, axis, limit, sign);
      return result;
    });
    if (rings[0]!.length > 0) cropped.push(rings.filter((ring) => ring.length > 0));
  }
  return cropped;
}

const lonLatPolygons = (geometry: Geometry): XY[][][] => polygonsOf(geometry) as XY[][][];
const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('geometry quality, as the geo core reads the files', () => {
  test('every polygon layer passes the geo core validation with no issue, outer rings counter-clockwise and holes clockwise', () => {
    const polygonLayers = LAYERS.filter((layer) => layer.geometry === 'polygon');
    expect(polygonLayers.length).toBeGreaterThanOrEqual(10);
    for (const layer of polygonLayers) {
      const report = validateFeatureCollection({ type: 'FeatureCollection', features: layers[layer.id] }, { layer: layer.id });
      expect(report.featureCount).toBe(layers[layer.id].length);
      expect(report.issues.slice(0, 5).map((issue) => issue.message.en), layer.id).toEqual([]);
      for (const [index, item] of layers[layer.id].entries()) {
        for (const polygon of lonLatPolygons(item.geometry)) {
          polygon.forEach((ring, ringIndex) => expect(Math.sign(shoelace(ring)), `${layer.id} ${index} ring ${ringIndex}`).toBe(ringIndex === 0 ? 1 : -1));
        }
      }
    }
  });

  test('sub-compartments tile every township in longitude/latitude: polyclip-ts clipping loses < 1 m² per township (GeographicLib areas)', () => {
    const subsByTownship = new Map<string, AnyFeature[]>();
    for (const item of layers.subcompartments) {
      const name = item.properties.XIANG as string;
      const list = subsByTownship.get(name);
      if (list) list.push(item);
      else subsByTownship.set(name, [item]);
    }
    let bordering = 0;
    let worst = 0;
    for (const township of layers.townships) {
      const zone = lonLatPolygons(township.geometry);
      // A sub-compartment whose box meets no edge of the township lies wholly inside or outside it.
      const edges: [number, number, number, number][] = [];
      for (const polygon of zone) for (const ring of polygon) for (let index = 0; index + 1 < ring.length; index++) edges.push(boxOf([[[ring[index]!, ring[index + 1]!]]]));
      const edgeIndex = new Flatbush(edges.length);
      for (const edge of edges) edgeIndex.add(...edge);
      edgeIndex.finish();
      let own = 0;
      let inside = 0;
      for (const item of subsByTownship.get(township.properties.NAME as string) ?? []) {
        const polygons = lonLatPolygons(item.geometry);
        const area = geometryAreaSquareMetres(item.geometry);
        own += area;
        const [minX, minY, maxX, maxY] = boxOf(polygons);
        if (edgeIndex.search(minX, minY, maxX, maxY).length === 0) {
          if (pointInPolygons(interior(polygons[0]![0]!), zone)) inside += area;
          continue;
        }
        bordering++;
        const margin = 1e-4;
        const cropped = cropToBox(zone, [minX - margin, minY - margin, maxX + margin, maxY + margin]);
        const pieces = restoreDroppedVertices(polyclip.intersection(polygons as never, cropped as never) as XY[][][], polygons, cropped);
        if (pieces.length > 0) inside += geometryAreaSquareMetres({ type: 'MultiPolygon', coordinates: pieces });
      }
      expect(own).toBeGreaterThan(0);
      expect(Math.abs(own - inside), township.properties.NAME as string).toBeLessThan(1);
      worst = Math.max(worst, Math.abs(own - inside));
    }
    // Sub-compartments along township borders and the county outline were all clipped.
    expect(bordering).toBeGreaterThan(4000);
    expect(worst).toBeLessThan(1);
  }, 60_000);

  test('the overlay engine, run on the files, gives the catalog totals to 1e-7 and puts no sub-compartment area outside the townships', async () => {
    const polygonLayers: LayerId[] = ['subcompartments', 'reserveForest', 'pineRetrofit', 'afforestation2023', 'corridors', 'fireZones', 'nanmuGroves', 'nanmuProtection'];
    const overlayLayers: OverlayLayer[] = polygonLayers.map((id) => {
      const categoryField = statisticsCategoryField(id);
      return { id, features: { type: 'FeatureCollection', features: layers[id] }, ...(categoryField ? { categoryField } : {}) };
    });
    const result = await computeOverlayStatistics({ zones: { type: 'FeatureCollection', features: layers.townships }, layers: overlayLayers });
    const totals = countyTotals(result);
    const expected = catalog.totals;
    const area = (id: LayerId, category?: string): number => {
      const layer = totals.layers[id]!;
      return squareMetresToMu(category === undefined ? layer.areaSquareMetres : layer.categories[category]!.areaSquareMetres);
    };
    const pairs: [string, number, number][] = [
      ['countyAreaMu', squareMetresToMu(totals.areaSquareMetres), expected.countyAreaMu!],
      ['townshipAreaMu', squareMetresToMu(totals.areaSquareMetres), expected.townshipAreaMu!],
      ['subcompartmentAreaMu', area('subcompartments'), expected.subcompartmentAreaMu!],
      ['forestCoverMu', squareMetresToMu(totals.forestAreaSquareMetres), expected.forestCoverMu!],
      ['forestCoverageRatio', totals.forestCoverage!, expected.forestCoverageRatio!],
      ['reserveForestPlannedMu', area('reserveForest'), expected.reserveForestPlannedMu!],
      ['reserveForestTaken2023Mu', area('reserveForest', '2023年已收储'), expected.reserveForestTaken2023Mu!],
      ['pineRetrofitMu', area('pineRetrofit'), expected.pineRetrofitMu!],
      ['afforestation2023Mu', area('afforestation2023'), expected.afforestation2023Mu!],
      ['corridorMu', area('corridors'), expected.corridorMu!],
      ['fireZoneMu', area('fireZones'), expected.fireZoneMu!],
      ['nanmuGroveMu', area('nanmuGroves'), expected.nanmuGroveMu!],
      ['nanmuProtectionMu', area('nanmuProtection'), expected.nanmuProtectionMu!],
    ];
    for (const [key, value] of Object.entries(expected)) {
      if (key.startsWith('landClassMu.')) pairs.push([key, area('subcompartments', key.slice('landClassMu.'.length)), value]);
      if (key.startsWith('afforestation2023Mu.')) pairs.push([key, area('afforestation2023', key.slice('afforestation2023Mu.'.length)), value]);
    }
    expect(pairs.length).toBeGreaterThan(25);
    for (const [key, actual, wanted] of pairs) expect(relative(actual, wanted), `${key}: ${actual} vs ${wanted}`).toBeLessThan(1e-7);
    for (const row of catalog.townships) {
      const zone = result.zones.find((candidate) => String(candidate.id) === row.code)!;
      expect(relative(squareMetresToMu(zone.layers.subcompartments!.areaSquareMetres), row.areaMu), row.name).toBeLessThan(1e-7);
      expect(relative(squareMetresToMu(zone.forestAreaSquareMetres), row.forestCoverMu), row.name).toBeLessThan(1e-7);
    }
    for (const id of ['subcompartments', 'reserveForest', 'pineRetrofit', 'afforestation2023', 'fireZones'] as const) {
      expect(totals.layers[id]!.outsideAreaSquareMetres, id).toBeLessThan(0.01);
    }
    // Corridors cross the outline between sub-compartment vertices: slivers a millimetre wide
    // (≈ 1 m² in all; 3.6 m² when their edges along the outline skipped those vertices).
    expect(totals.layers.corridors!.outsideAreaSquareMetres).toBeLessThan(2);
  }, 60_000);
});

describe('determinism, options and staleness', () => {
  test('two runs with the same options are byte-identical; another seed differs', () => {
    const small = { ...DEFAULT_OPTIONS, subcompartments: 3000 };
    const first = mkdtempSync(join(tmpdir(), 'sample-data-a-'));
    const second = mkdtempSync(join(tmpdir(), 'sample-data-b-'));
    const third = mkdtempSync(join(tmpdir(), 'sample-data-c-'));
    try {
      generateSampleData(first, small);
      generateSampleData(second, small);
      generateSampleData(third, { ...small, seed: small.seed + 1 });
      const files = readdirSync(first).sort();
      expect(files).toEqual(readdirSync(second).sort());
      expect(files).toHaveLength(LAYERS.length + 1);
      for (const file of files) expect(readFileSync(join(first, file)).equals(readFileSync(join(second, file))), file).toBe(true);
      expect(readFileSync(join(first, 'subcompartments.fgb')).equals(readFileSync(join(third, 'subcompartments.fgb')))).toBe(false);
    } finally {
      for (const dir of [first, second, third]) rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the CLI options parse, with the documented defaults', () => {
    const defaults = parseArguments([]);
    expect([defaults.seed, defaults.subcompartments, defaults.corridorWidth]).toEqual([20230101, 40000, 1000]);
    expect(defaults.outDir).toBe(join(root, 'public', 'data'));
    const custom = parseArguments(['--subcompartments', '200000', '--out', 'bench-output/data-200k', '--seed', '7', '--corridor-width', '500']);
    expect([custom.subcompartments, custom.seed, custom.corridorWidth]).toEqual([200000, 7, 500]);
    expect(custom.outDir.endsWith(join('bench-output', 'data-200k'))).toBe(true);
    expect(() => parseArguments(['--subcompartments'])).toThrow();
    expect(() => parseArguments(['--frobnicate'])).toThrow();
  });

  test('data:ensure regenerates only when the catalog is missing, stale or incomplete', () => {
    const hash = catalog.inputsHash;
    expect(checkSampleData(outDir, hash)).toEqual({ stale: false });
    expect(checkSampleData(outDir, 'another-hash').stale).toBe(true);
    expect(computeInputsHash({ ...DEFAULT_OPTIONS, seed: 1 })).not.toBe(computeInputsHash(DEFAULT_OPTIONS));
    expect(computeInputsHash({ ...DEFAULT_OPTIONS, subcompartments: 3000 })).not.toBe(computeInputsHash(DEFAULT_OPTIONS));
    const empty = mkdtempSync(join(tmpdir(), 'sample-data-empty-'));
    try {
      expect(checkSampleData(empty, hash).stale).toBe(true);
      writeFileSync(join(empty, 'catalog.json'), JSON.stringify({ inputsHash: hash, layers: { county: { file: 'county.fgb' } } }));
      expect(checkSampleData(empty, hash)).toEqual({ stale: true, reason: 'layer file county.fgb is missing' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

// Keep the geometry-type imports referenced for readers of the file.
export type { MultiPolygon, Polygon };
