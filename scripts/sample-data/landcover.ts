/**
 * Land class and stand attributes of every sub-compartment, from smooth noise fields so the map
 * reads like a real inventory (patches, not salt and pepper):
 *
 * 1. 水域 along the rivers, 建设用地 around township seats (the county seat and the 龙潭/麻旺
 *    basins the most);
 * 2. the remaining pieces ranked by a forest-suitability score (noise + per-township offset −
 *    settlement pull); the top of the ranking, by area, is exactly the 64.5 % forest cover
 *    (乔木林地 with canopy ≥ 0.2, 竹林地, 特殊灌木林地), so coverage is calibrated, not hoped for;
 * 3. the next bands become low-canopy 乔木林地 and 疏林地, then shrubland, young plantations,
 *    宜林地, 迹地 and nurseries, and the rest 园地 and 耕地;
 * 4. species, origin, age class, canopy density, forest category follow their own fields, with
 *    masson pine concentrated in the PINE_CENTRES where fire zones and the retrofit pilot go.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { MINIMUM_CANOPY_DENSITY } from '../../src/lib/geo/forest-cover';
import type { Piece } from './cells';
import { toPlane } from './county';
import { type XY, segmentDistance } from './planar';
import { type NoiseField, createNoise, createRandom, hashUnit } from './random';
import type { River } from './rivers';
import { prefixForArea, rankDescending, splitByAreaShares } from './selection';
import type { TownshipFrame } from './townships';

/** A type alias (not an interface) so it passes where a plain property record is expected. */
export type StandAttributes = {
  DI_LEI: string;
  LIN_ZHONG: string;
  SEN_LIN_LB: string;
  SHI_QUAN_D: string;
  YOU_SHI_SZ: string;
  QI_YUAN: string;
  LING_ZU: string;
  YU_BI_DU: number;
};

export interface LandcoverOptions {
  /** Forest coverage to calibrate to (share of the county area). */
  readonly coverage: number;
}

/** Centres of the masson-pine belts (lon, lat): the south-west gorges, 苍岭 and 毛坝 uplands, 可大. */
export const PINE_CENTRES: readonly Position[] = [
  [108.45, 28.75],
  [108.55, 28.6],
  [108.62, 28.45],
  [108.56, 28.95],
  [108.9, 29.16],
  [109.2, 28.98],
];
const PINE_SIGMA = 9000;

/** Township seats pulling farmland and built-up land around them: [name, radius m, strength]. */
const BASINS: readonly [string, number, number][] = [
  ['钟多街道', 3500, 1.2],
  ['桃花源街道', 3000, 0.9],
  ['龙潭镇', 5500, 1.0],
  ['麻旺镇', 4500, 0.9],
  ['酉酬镇', 3500, 0.7],
  ['兴隆镇', 3500, 0.6],
  ['大溪镇', 3000, 0.6],
  ['丁市镇', 3500, 0.6],
];
const SEAT_RADIUS = 1800;
const SEAT_STRENGTH = 0.5;

/** Area shares (of the county) of the classes below the forest cover, in ranking order. */
const LOW_CANOPY_SHARE = 0.012;
const SPARSE_SHARE = 0.01;
const TRANSITION_SHARE = 0.095;
const BUILT_SHARE = 0.026;
const POND_SHARE = 0.005;
const ORCHARD_SHARE_OF_FARM = 0.1;
/** Within the forest cover: bamboo and designated shrubland shares. */
const BAMBOO_SHARE = 0.065;
const SPECIAL_SHRUB_SHARE = 0.085;
/** Share of forest land that is public-welfare forest (公益林), and of that, national level. */
const WELFARE_SHARE = 0.47;
const NATIONAL_SHARE = 0.58;

/**
 * Tree species: [name, bias of its suitability field (how common it is), share of planted
 * stands]. 竹类 (bamboo) only carries an origin share.
 */
const SPECIES_TABLE: readonly [string, number, number][] = [
  ['马尾松', 0, 0.35],
  ['杉木', 0.06, 0.85],
  ['柏木', 0.02, 0.7],
  ['栎类', 0.02, 0.05],
  ['其他硬阔', -0.04, 0.1],
  ['桦木', -0.17, 0.05],
  ['杨树', -0.22, 0.8],
  ['楠木', -0.42, 0.2],
  ['油茶', -0.2, 1],
  ['其他软阔', -0.17, 0.15],
];
const ARBOR_SPECIES = SPECIES_TABLE.map(([name]) => name);
const ARBOR_BIAS = new Map(SPECIES_TABLE.map(([name, bias]) => [name, bias]));
const PLANTED_SHARE = new Map<string, number>([...SPECIES_TABLE.map(([name, , planted]) => [name, planted] as [string, number]), ['竹类', 0.45]]);
const AGE_CLASSES = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林'] as const;
const AGE_SHARES = [0.22, 0.36, 0.2, 0.15, 0.07];
const AGE_CANOPY = [0.38, 0.6, 0.68, 0.7, 0.6];
const TRANSITION_CLASSES = ['一般灌木林地', '未成林造林地', '宜林地', '迹地', '苗圃地'] as const;
const TRANSITION_SHARES = [0.36, 0.2, 0.34, 0.08, 0.02];

export interface LandcoverResult {
  readonly attributes: StandAttributes[];
  /** Smooth masson-pine suitability at each piece (used by fire zones and the retrofit pilot). */
  readonly pineField: Float64Array;
  /** Distance (m) from each piece centroid to the nearest river, Infinity beyond 6 km. */
  readonly riverDistance: Float64Array;
}

export function assignLandcover(
  pieces: readonly Piece[],
  frame: TownshipFrame,
  rivers: readonly River[],
  groves: readonly { centre: XY; radius: number }[],
  seed: number,
  options: LandcoverOptions,
): LandcoverResult {
  const count = pieces.length;
  const grovePoints = groves.map((grove) => grove.centre);
  // Sub-compartments within a grove are old natural nanmu stands (the grove is forest).
  const inGrove = (point: XY): boolean =>
    groves.some((grove) => Math.hypot(point[0] - grove.centre[0], point[1] - grove.centre[1]) < grove.radius);
  const area = (index: number): number => pieces[index]!.area;
  const totalArea = pieces.reduce((sum, piece) => sum + piece.area, 0);
  const field = (label: string, wavelength: number, octaves = 4): NoiseField => createNoise(seed, label, wavelength, octaves);

  const riverDistance = distancesToRivers(pieces, rivers);
  const waterLimit = rivers.map((river) => river.halfWidthMetres);
  const nearestRiverWidth = (index: number): number => {
    let best = Infinity;
    for (const [riverIndex, river] of rivers.entries()) {
      const distance = distanceToLine(pieces[index]!.centroid, river.line);
      if (distance <= waterLimit[riverIndex]! + 60) best = Math.min(best, distance);
    }
    return best;
  };

  const pineCentres = PINE_CENTRES.map((position) => toPlane(position));
  const pineBump = (point: XY): number => gaussianSum(point, pineCentres, PINE_SIGMA);
  const townshipRandom = createRandom(seed, 'township-offsets');
  const townshipOffset = frame.townships.map(() => townshipRandom.range(-0.12, 0.12));
  const basins = BASINS.map(([name, radius, strength]) => {
    const township = frame.townships.find((candidate) => candidate.name === name);
    if (!township) throw new Error(`Unknown basin township ${name}`);
    return { point: township.seed, radius, strength };
  });
  const warpX = field('settlement-warp-x', 4000, 3);
  const warpY = field('settlement-warp-y', 4000, 3);
  const settlement = (point: XY): number => {
    // Warped distances give towns and basins ragged, valley-following edges instead of discs.
    const warped: XY = [point[0] + 1800 * warpX(...point), point[1] + 1800 * warpY(...point)];
    let pull = 0;
    for (const basin of basins) pull = Math.max(pull, basin.strength * gaussian(warped, basin.point, basin.radius));
    for (const township of frame.townships) pull = Math.max(pull, SEAT_STRENGTH * gaussian(warped, township.seed, SEAT_RADIUS));
    return pull;
  };
  // Valleys: the zero lines of a noise field form a branching network where farmland collects.
  const valleyNoise = field('valleys', 9000, 3);
  const valley = (point: XY): number => (1 - Math.min(1, Math.abs(valleyNoise(...point)) * 3.2)) ** 2;
  const detailNoise = field('detail', 2200, 3);
  const forestNoise = field('forest', 11000, 5);
  const builtNoise = field('built', 1200, 2);
  const bambooNoise = field('bamboo', 6000);
  const karstNoise = field('karst', 9000);
  const transitionNoise = field('transition', 2500, 3);
  const orchardNoise = field('orchard', 3000, 3);
  const canopyNoise = field('canopy', 3000, 3);
  const ageNoise = field('age', 4500);
  const originNoise = field('origin', 3500, 3);
  const welfareNoise = field('welfare', 10000);
  const specialNoise = field('special-use', 5000, 3);
  const speciesNoise = ARBOR_SPECIES.map((species) => field(`species:${species}`, 7000));

  const attributes: StandAttributes[] = pieces.map(() => ({
    DI_LEI: '',
    LIN_ZHONG: '',
    SEN_LIN_LB: '',
    SHI_QUAN_D: '',
    YOU_SHI_SZ: '',
    QI_YUAN: '',
    LING_ZU: '',
    YU_BI_DU: 0,
  }));
  const all = pieces.map((_, index) => index);
  const pull = all.map((index) => settlement(pieces[index]!.centroid));
  const valleyness = all.map((index) => valley(pieces[index]!.centroid));
  const grove = all.map((index) => inGrove(pieces[index]!.centroid));
  const pineField = Float64Array.from(all, (index) => 0.6 * forestNoise(...pieces[index]!.centroid) + 1.4 * pineBump(pieces[index]!.centroid));

  // 1. Water along the rivers, built-up land around the seats.
  const assigned = new Uint8Array(count);
  for (const index of all) {
    if (riverDistance[index]! < 400 && nearestRiverWidth(index) < Infinity) {
      attributes[index]!.DI_LEI = '水域';
      assigned[index] = 1;
    }
  }
  // Reservoirs and ponds (山塘水库) in the valleys.
  const pondNoise = field('ponds', 1500, 2);
  const pondOrder = rankDescending(
    all.filter((index) => assigned[index] === 0),
    (index) => valleyness[index]! + 0.8 * pondNoise(...pieces[index]!.centroid),
  );
  for (const index of pondOrder.slice(0, prefixForArea(pondOrder, area, POND_SHARE * totalArea))) {
    attributes[index]!.DI_LEI = '水域';
    assigned[index] = 1;
  }
  const builtOrder = rankDescending(
    all.filter((index) => assigned[index] === 0),
    // Capped pull: every seat gets its town, and hamlets scatter along the valleys.
    (index) => Math.min(pull[index]!, 0.5) + 0.3 * valleyness[index]! + 0.3 * builtNoise(...pieces[index]!.centroid),
  );
  for (const index of builtOrder.slice(0, prefixForArea(builtOrder, area, BUILT_SHARE * totalArea))) {
    attributes[index]!.DI_LEI = '建设用地';
    assigned[index] = 1;
  }

  // 2. Forest cover: in each township the top of its suitability ranking, up to the township's
  //    coverage; township coverages vary around the county figure and add up to it exactly.
  const suitability = (index: number): number => {
    const piece = pieces[index]!;
    return (
      forestNoise(...piece.centroid) +
      0.35 * detailNoise(...piece.centroid) -
      1.1 * pull[index]! -
      0.75 * valleyness[index]! +
      0.15 * pineBump(piece.centroid) +
      (grove[index] ? 10 : 0)
    );
  };
  const score = Float64Array.from(all, (index) => (assigned[index] === 0 ? suitability(index) : -Infinity));
  const townshipMembers = frame.townships.map(() => [] as number[]);
  for (const index of all) if (assigned[index] === 0) townshipMembers[pieces[index]!.township]!.push(index);
  const townshipArea = frame.townships.map((township) => areaOf(townshipMembers[township.index]!, area));
  const townshipTotal = frame.townships.map((township) =>
    areaOf(all.filter((index) => pieces[index]!.township === township.index), area),
  );
  const coverage = townshipCoverages(frame, townshipTotal, townshipArea, townshipOffset, options.coverage, totalArea);
  const cover: number[] = [];
  for (const township of frame.townships) {
    const order = rankDescending(townshipMembers[township.index]!, (index) => score[index]!);
    cover.push(...order.slice(0, prefixForArea(order, area, coverage[township.index]! * townshipTotal[township.index]!)));
  }
  const coverSet = new Set(cover);
  const landOrder = rankDescending(
    all.filter((index) => assigned[index] === 0 && !coverSet.has(index)),
    (index) => score[index]!,
  );
  let position = 0;
  const takeBand = (share: number): number[] => {
    const rest = landOrder.slice(position);
    const length = prefixForArea(rest, area, share * totalArea);
    position += length;
    return rest.slice(0, length);
  };
  const lowCanopy = takeBand(LOW_CANOPY_SHARE);
  const sparse = takeBand(SPARSE_SHARE);
  const transition = takeBand(TRANSITION_SHARE);
  const farm = landOrder.slice(position);

  const bambooOrder = rankDescending(cover, (index) => bambooNoise(...pieces[index]!.centroid) - (grove[index] ? 10 : 0));
  const bamboo = new Set(bambooOrder.slice(0, prefixForArea(bambooOrder, area, BAMBOO_SHARE * areaOf(cover, area))));
  const shrubOrder = rankDescending(
    cover.filter((index) => !bamboo.has(index)),
    (index) => karstNoise(...pieces[index]!.centroid) - (grove[index] ? 10 : 0),
  );
  const specialShrub = new Set(shrubOrder.slice(0, prefixForArea(shrubOrder, area, SPECIAL_SHRUB_SHARE * areaOf(cover, area))));
  for (const index of cover) {
    attributes[index]!.DI_LEI = bamboo.has(index) ? '竹林地' : specialShrub.has(index) ? '特殊灌木林地' : '乔木林地';
  }
  for (const index of lowCanopy) attributes[index]!.DI_LEI = '乔木林地';
  for (const index of sparse) attributes[index]!.DI_LEI = '疏林地';
  const transitionClass = splitByAreaShares(transition, (index) => transitionNoise(...pieces[index]!.centroid), area, TRANSITION_SHARES);
  for (const index of transition) attributes[index]!.DI_LEI = TRANSITION_CLASSES[transitionClass.get(index)!]!;
  const orchardOrder = rankDescending(farm, (index) => orchardNoise(...pieces[index]!.centroid));
  const orchard = new Set(orchardOrder.slice(0, prefixForArea(orchardOrder, area, ORCHARD_SHARE_OF_FARM * areaOf(farm, area))));
  for (const index of farm) attributes[index]!.DI_LEI = orchard.has(index) ? '园地' : '耕地';

  // 3. Species, origin, age class and canopy density of the stands.
  const groveBump = (point: XY): number => gaussianSum(point, grovePoints, 2500);
  const riverBump = (index: number): number => Math.exp(-((riverDistance[index]! / 2500) ** 2));
  const arborSpecies = (index: number): string => {
    const point = pieces[index]!.centroid;
    let best = ARBOR_SPECIES[0]!;
    let bestScore = -Infinity;
    for (const [speciesIndex, species] of ARBOR_SPECIES.entries()) {
      let score = speciesNoise[speciesIndex]!(...point) + ARBOR_BIAS.get(species)!;
      if (species === '马尾松') score += 0.5 * pineBump(point);
      if (species === '柏木') score += 0.35 * karstNoise(...point);
      if (species === '楠木') score += 1.2 * groveBump(point);
      if (species === '杨树') score += 0.3 * riverBump(index);
      if (species === '油茶') score += 0.3 * pull[index]!;
      if (score > bestScore) {
        bestScore = score;
        best = species;
      }
    }
    return best;
  };
  const planted = (index: number, species: string): boolean =>
    0.5 + 0.5 * originNoise(...pieces[index]!.centroid) + 0.1 * (hashUnit(index, 3, seed) - 0.5) < (PLANTED_SHARE.get(species) ?? 0.3);

  const arbor = all.filter((index) => attributes[index]!.DI_LEI === '乔木林地');
  for (const index of arbor) {
    const stand = attributes[index]!;
    stand.YOU_SHI_SZ = grove[index] ? '楠木' : arborSpecies(index);
    stand.QI_YUAN = !grove[index] && planted(index, stand.YOU_SHI_SZ) ? '人工' : '天然';
  }
  const ageScore = (index: number): number =>
    ageNoise(...pieces[index]!.centroid) + (attributes[index]!.QI_YUAN === '人工' ? -0.25 : 0.1) + 0.25 * (hashUnit(index, 5, seed) - 0.5);
  const ageClass = splitByAreaShares(arbor, ageScore, area, AGE_SHARES);
  const lowCanopySet = new Set(lowCanopy);
  for (const index of arbor) {
    const stand = attributes[index]!;
    const age = grove[index] ? AGE_CLASSES.length - 1 : ageClass.get(index)!;
    stand.LING_ZU = AGE_CLASSES[age]!;
    if (lowCanopySet.has(index)) {
      stand.YU_BI_DU = round2(0.1 + 0.09 * hashUnit(index, 7, seed));
    } else {
      const raw = AGE_CANOPY[age]! + 0.16 * canopyNoise(...pieces[index]!.centroid) + 0.1 * (hashUnit(index, 7, seed) - 0.5);
      stand.YU_BI_DU = Math.max(MINIMUM_CANOPY_DENSITY, Math.min(0.95, round2(raw)));
    }
  }
  for (const index of all) {
    const stand = attributes[index]!;
    switch (stand.DI_LEI) {
      case '竹林地':
        stand.YOU_SHI_SZ = '竹类';
        stand.QI_YUAN = planted(index, '竹类') ? '人工' : '天然';
        stand.YU_BI_DU = round2(0.55 + 0.35 * hashUnit(index, 11, seed));
        break;
      case '疏林地':
        stand.YOU_SHI_SZ = arborSpecies(index);
        stand.QI_YUAN = '天然';
        stand.YU_BI_DU = round2(0.1 + 0.09 * hashUnit(index, 13, seed));
        break;
      case '特殊灌木林地':
      case '一般灌木林地':
        stand.YOU_SHI_SZ = '其他灌木';
        stand.QI_YUAN = '天然';
        break;
      case '未成林造林地': {
        const species = arborSpecies(index);
        stand.YOU_SHI_SZ = species === '马尾松' || species === '柏木' || species === '油茶' || species === '楠木' ? species : '杉木';
        stand.QI_YUAN = '人工';
        stand.YU_BI_DU = round2(0.05 * hashUnit(index, 17, seed));
        break;
      }
      default:
        break;
    }
  }

  // 4. Forest category: public-welfare forest along the rivers, on karst and around the groves.
  const forestLand = all.filter((index) => FOREST_CATEGORY_CLASSES.has(attributes[index]!.DI_LEI));
  const welfareScore = (index: number): number => {
    const point = pieces[index]!.centroid;
    return welfareNoise(...point) + 1.1 * riverBump(index) + 0.45 * karstNoise(...point) + 1.5 * groveBump(point);
  };
  const welfareOrder = rankDescending(forestLand, welfareScore);
  const welfareCount = prefixForArea(welfareOrder, area, WELFARE_SHARE * areaOf(forestLand, area));
  const welfare = welfareOrder.slice(0, welfareCount);
  const nationalCount = prefixForArea(welfare, area, NATIONAL_SHARE * areaOf(welfare, area));
  const seatPoints = ['桃花源街道'].map((name) => frame.townships.find((township) => township.name === name)!.seed);
  for (const [rank, index] of welfare.entries()) {
    const stand = attributes[index]!;
    const point = pieces[index]!.centroid;
    stand.SEN_LIN_LB = '公益林';
    stand.SHI_QUAN_D = rank < nationalCount ? '国家级' : '地方级';
    const special = groveBump(point) > 0.35 || gaussianSum(point, seatPoints, 3500) > 0.4 || specialNoise(...point) > 0.55;
    stand.LIN_ZHONG = special ? '特用林' : '防护林';
  }
  for (const index of welfareOrder.slice(welfareCount)) {
    const stand = attributes[index]!;
    stand.SEN_LIN_LB = '商品林';
    if (stand.YOU_SHI_SZ === '油茶') stand.LIN_ZHONG = '经济林';
    else if (stand.DI_LEI === '竹林地') stand.LIN_ZHONG = orchardNoise(...pieces[index]!.centroid) > 0.1 ? '经济林' : '用材林';
    else if (stand.DI_LEI === '一般灌木林地') stand.LIN_ZHONG = hashUnit(index, 19, seed) < 0.4 ? '能源林' : '经济林';
    else stand.LIN_ZHONG = '用材林';
  }
  return { attributes, pineField, riverDistance };
}

/**
 * Per-township coverage: the county figure shifted by a random offset per township and pulled
 * down in the farming basins, then moved by one common shift so the area-weighted mean is exactly
 * the county figure (each clamped to what the township's available land allows).
 */
function townshipCoverages(
  frame: TownshipFrame,
  total: readonly number[],
  available: readonly number[],
  offset: readonly number[],
  county: number,
  countyArea: number,
): number[] {
  const base = frame.townships.map((township) => {
    const basin = BASINS.find(([name]) => name === township.name);
    return county + offset[township.index]! - (basin ? 0.12 * basin[2] : 0);
  });
  const limit = frame.townships.map((township) => available[township.index]! / Math.max(1, total[township.index]!) - 0.01);
  const at = (shift: number): number[] => base.map((value, index) => Math.max(0.3, Math.min(limit[index]!, value + shift)));
  const mean = (values: readonly number[]): number => values.reduce((sum, value, index) => sum + value * total[index]!, 0) / countyArea;
  let low = -0.5;
  let high = 0.5;
  for (let iteration = 0; iteration < 60; iteration++) {
    const middle = (low + high) / 2;
    if (mean(at(middle)) < county) low = middle;
    else high = middle;
  }
  return at((low + high) / 2);
}

/** Land classes that carry a forest category (林种, 森林类别). */
const FOREST_CATEGORY_CLASSES = new Set(['乔木林地', '竹林地', '特殊灌木林地', '一般灌木林地', '疏林地', '未成林造林地']);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function areaOf(indices: readonly number[], area: (index: number) => number): number {
  let total = 0;
  for (const index of indices) total += area(index);
  return total;
}

function gaussian(point: XY, centre: XY, sigma: number): number {
  const dx = point[0] - centre[0];
  const dy = point[1] - centre[1];
  return Math.exp(-(dx * dx + dy * dy) / (sigma * sigma));
}

function gaussianSum(point: XY, centres: readonly XY[], sigma: number): number {
  let sum = 0;
  for (const centre of centres) sum += gaussian(point, centre, sigma);
  return Math.min(1, sum);
}

export function distanceToLine(point: XY, line: readonly XY[]): number {
  let best = Infinity;
  for (let index = 0; index + 1 < line.length; index++) {
    const { distanceSquared } = segmentDistance(point[0], point[1], line[index]!, line[index + 1]!);
    if (distanceSquared < best) best = distanceSquared;
  }
  return Math.sqrt(best);
}

/** Distance from each piece centroid to the nearest river segment (exact below 6 km). */
function distancesToRivers(pieces: readonly Piece[], rivers: readonly River[]): Float64Array {
  const segments: [XY, XY][] = [];
  for (const river of rivers) for (let index = 0; index + 1 < river.line.length; index++) segments.push([river.line[index]!, river.line[index + 1]!]);
  const index = new Flatbush(segments.length);
  for (const [a, b] of segments) index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  const reach = 6000;
  return Float64Array.from(pieces, (piece) => {
    const [x, y] = piece.centroid;
    let best = Infinity;
    for (const found of index.search(x - reach, y - reach, x + reach, y + reach)) {
      const [a, b] = segments[found]!;
      best = Math.min(best, segmentDistance(x, y, a, b).distanceSquared);
    }
    const distance = Math.sqrt(best);
    return distance <= reach ? distance : Infinity;
  });
}
