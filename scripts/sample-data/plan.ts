/**
 * The 2023 plan layers, built from sub-compartment geometries so they sit exactly on the
 * inventory: national reserve forest (1.2 million 亩, 300,000 亩 taken in 2023), the masson-pine
 * retrofit pilot (4,500 亩 in 马尾松 stands) and the 2023 afforestation (207,000 亩 by type).
 * Each is filled to its target from a clustered priority order (smooth field + township bonus).
 */
import type { Piece } from './cells';
import type { StandAttributes } from './landcover';
import { type XY } from './planar';
import { createNoise, createRandom } from './random';
import { fillToTarget, rankDescending } from './selection';
import type { TownshipFrame } from './townships';
import { toPlane } from './county';
import { PINE_CENTRES } from './landcover';

const MU = 0.0015;
/**
 * Each layer is filled to its target plus this fraction, so the totals land just above the plan
 * figures (an "at least" comparison reads as met) and well inside the ±0.5–1 % tolerances.
 */
const TARGET_MARGIN = 0.002;
const aim = (target: number): number => target * (1 + TARGET_MARGIN);

export interface PlanTargets {
  readonly reservePlannedMu: number;
  readonly reserveTaken2023Mu: number;
  readonly pineRetrofitMu: number;
  readonly afforestationMu: Readonly<Record<AfforestationType, number>>;
}

export type AfforestationType = '人工造林' | '封山育林' | '退化林修复' | '森林抚育';

/** The plan's totals; the split of the 207,000 亩 by type is illustrative (see data/SOURCES.md). */
export const PLAN_TARGETS: PlanTargets = {
  reservePlannedMu: 1_200_000,
  reserveTaken2023Mu: 300_000,
  pineRetrofitMu: 4_500,
  afforestationMu: { 人工造林: 35_000, 封山育林: 40_000, 退化林修复: 32_000, 森林抚育: 100_000 },
};

export interface ReservePlot {
  readonly piece: number;
  readonly taken2023: boolean;
  readonly constructionType: string;
  readonly species: string;
  readonly year: number;
}

export interface RetrofitPlot {
  readonly piece: number;
  readonly cluster: number;
  readonly measure: string;
  readonly planted: string;
  readonly wilt: string;
}

export interface AfforestationPlot {
  readonly piece: number;
  readonly type: AfforestationType;
  readonly species: string;
}

export interface PlanLayers {
  readonly reserve: ReservePlot[];
  readonly retrofit: RetrofitPlot[];
  readonly afforestation: AfforestationPlot[];
}

export function buildPlanLayers(
  pieces: readonly Piece[],
  stands: readonly StandAttributes[],
  frame: TownshipFrame,
  seed: number,
  targets: PlanTargets = PLAN_TARGETS,
): PlanLayers {
  const mu = (index: number): number => pieces[index]!.area * MU;
  const all = pieces.map((_, index) => index);
  const bonusTownships = (label: string, count: number, weight: (township: number) => number): Set<number> => {
    const order = rankDescending(
      frame.townships.map((township) => township.index),
      (township) => weight(township) * (0.6 + 0.8 * createRandom(seed, `${label}:${township}`).next()),
    );
    return new Set(order.slice(0, count));
  };

  // National reserve forest: commercial timber stands and land to plant, in about ten townships.
  const commercialMu = new Float64Array(frame.townships.length);
  const reserveCandidates = all.filter((index) => {
    const stand = stands[index]!;
    const eligible =
      (stand.DI_LEI === '乔木林地' && stand.SEN_LIN_LB === '商品林' && stand.LIN_ZHONG === '用材林') ||
      stand.DI_LEI === '宜林地' ||
      stand.DI_LEI === '迹地';
    if (eligible) commercialMu[pieces[index]!.township] = commercialMu[pieces[index]!.township]! + mu(index);
    return eligible;
  });
  const reserveTownships = bonusTownships('reserve', 11, (township) => commercialMu[township]!);
  const reserveNoise = createNoise(seed, 'reserve', 6000);
  const reserveOrder = rankDescending(
    reserveCandidates,
    (index) => reserveNoise(...pieces[index]!.centroid) + (reserveTownships.has(pieces[index]!.township) ? 0.7 : 0),
  );
  const reserve = fillToTarget(reserveOrder, mu, aim(targets.reservePlannedMu), 50);
  const takenTownships = bonusTownships('taken', 4, (township) => (reserveTownships.has(township) ? commercialMu[township]! : 0));
  const takenNoise = createNoise(seed, 'reserve-2023', 5000);
  const takenOrder = rankDescending(
    reserve.taken,
    (index) => takenNoise(...pieces[index]!.centroid) + (takenTownships.has(pieces[index]!.township) ? 0.8 : 0),
  );
  const taken = new Set(fillToTarget(takenOrder, mu, aim(targets.reserveTaken2023Mu), 50).taken);
  const plannedOrder = takenOrder.filter((index) => !taken.has(index));
  const plannedYear = new Map<number, number>();
  for (const [rank, index] of plannedOrder.entries()) plannedYear.set(index, 2024 + Math.floor((4 * rank) / plannedOrder.length));
  const reservePlots: ReservePlot[] = reserve.taken.map((index) => {
    const stand = stands[index]!;
    const bare = stand.DI_LEI !== '乔木林地';
    const young = stand.LING_ZU === '幼龄林' || stand.LING_ZU === '中龄林';
    return {
      piece: index,
      taken2023: taken.has(index),
      constructionType: bare ? '集约人工林栽培' : young ? '中幼林抚育' : '现有林改培',
      species: bare ? (pieces[index]!.centroid[1] > 0 ? '杉木' : '马尾松') : stand.YOU_SHI_SZ,
      year: taken.has(index) ? 2023 : plannedYear.get(index)!,
    };
  });

  // Masson-pine retrofit pilot: three clusters of 马尾松 stands around the densest pine belts.
  const pine = all.filter((index) => stands[index]!.DI_LEI === '乔木林地' && stands[index]!.YOU_SHI_SZ === '马尾松');
  const clusterCentres: XY[] = [PINE_CENTRES[0]!, PINE_CENTRES[1]!, PINE_CENTRES[3]!].map((position) => toPlane(position));
  const retrofit: RetrofitPlot[] = [];
  const usedPine = new Set<number>();
  let retrofitTotal = 0;
  const measures = ['择伐补植阔叶树', '林下补植', '块状改培'];
  const plantedSpecies = ['木荷', '枫香', '栎类', '楠木'];
  for (const [cluster, centre] of clusterCentres.entries()) {
    // A wider margin here: the pilot is small, so one sub-compartment is a large share of it.
    const wanted = targets.pineRetrofitMu * (1 + 1.5 * TARGET_MARGIN);
    const remainingTarget = cluster === clusterCentres.length - 1 ? wanted - retrofitTotal : wanted / clusterCentres.length;
    const order = pine
      .filter((index) => !usedPine.has(index))
      .map((index) => ({ index, distance: Math.hypot(pieces[index]!.centroid[0] - centre[0], pieces[index]!.centroid[1] - centre[1]) }))
      .sort((a, b) => a.distance - b.distance || a.index - b.index)
      .slice(0, 1500)
      .map((entry) => entry.index);
    const filled = fillToTarget(order, mu, remainingTarget, 4);
    retrofitTotal += filled.total;
    for (const [rank, index] of filled.taken.entries()) {
      usedPine.add(index);
      const random = createRandom(seed, `retrofit:${index}`);
      retrofit.push({
        piece: index,
        cluster,
        measure: measures[cluster % measures.length]!,
        planted: plantedSpecies[(cluster + rank) % plantedSpecies.length]!,
        wilt: random.next() < 0.18 ? '疫点小班（已除治）' : '未发现疫情',
      });
    }
  }

  // 2023 afforestation by type, each on the land classes it applies to.
  const usedAfforestation = new Set<number>();
  const afforestation: AfforestationPlot[] = [];
  const plantingSpecies = ['杉木', '柏木', '马尾松', '楠木', '油茶', '檫木'];
  const plantingNoise = plantingSpecies.map((species) => createNoise(seed, `planting:${species}`, 8000));
  const types: { type: AfforestationType; eligible: (stand: StandAttributes) => boolean }[] = [
    { type: '人工造林', eligible: (stand) => stand.DI_LEI === '宜林地' || stand.DI_LEI === '迹地' },
    { type: '封山育林', eligible: (stand) => stand.DI_LEI === '疏林地' || stand.DI_LEI === '一般灌木林地' || stand.DI_LEI === '特殊灌木林地' },
    {
      type: '退化林修复',
      eligible: (stand) => stand.DI_LEI === '乔木林地' && (stand.YU_BI_DU < 0.4 || stand.LING_ZU === '过熟林'),
    },
    { type: '森林抚育', eligible: (stand) => stand.DI_LEI === '乔木林地' && (stand.LING_ZU === '幼龄林' || stand.LING_ZU === '中龄林') },
  ];
  for (const { type, eligible } of types) {
    const candidates = all.filter((index) => !usedAfforestation.has(index) && eligible(stands[index]!));
    const typeMu = new Float64Array(frame.townships.length);
    for (const index of candidates) typeMu[pieces[index]!.township] = typeMu[pieces[index]!.township]! + mu(index);
    const favoured = bonusTownships(`afforestation:${type}`, 14, (township) => typeMu[township]!);
    const noise = createNoise(seed, `afforestation:${type}`, 4000);
    const order = rankDescending(candidates, (index) => noise(...pieces[index]!.centroid) + (favoured.has(pieces[index]!.township) ? 0.9 : 0));
    const filled = fillToTarget(order, mu, aim(targets.afforestationMu[type]), 20);
    for (const index of filled.taken) {
      usedAfforestation.add(index);
      let species = stands[index]!.YOU_SHI_SZ;
      if (type === '人工造林') {
        const point = pieces[index]!.centroid;
        let best = -Infinity;
        for (const [speciesIndex, candidate] of plantingSpecies.entries()) {
          const score = plantingNoise[speciesIndex]!(...point);
          if (score > best) {
            best = score;
            species = candidate;
          }
        }
      } else if (type === '封山育林') {
        species = '乡土阔叶树';
      }
      afforestation.push({ piece: index, type, species });
    }
  }
  return { reserve: reservePlots, retrofit, afforestation };
}
