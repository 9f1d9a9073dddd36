/**
 * Villages (村), compartments (林班) and sub-compartment numbers (小班号) — spatially coherent:
 * villages are warped-Voronoi regions inside each township, compartments subdivide villages, and
 * sub-compartments are numbered row by row inside their compartment.
 */
import type { Piece } from './cells';
import type { XY } from './planar';
import { createNoise, hashInts } from './random';
import type { TownshipFrame } from './townships';

export interface Tenure {
  CUN: string;
  LIN_BAN: number;
  XIAO_BAN: number;
}

/** 亩 of land per village and per compartment (Youyang has ~270 villages on 7.8 million 亩). */
const MU_PER_VILLAGE = 28_000;
const MU_PER_COMPARTMENT = 5_000;
const WARP = 700;

const FIRST = '龙石桐杨白青茶花金马双大小新长高水木桃竹柏枫兴红清平安和岩溪凉黄鱼李塘板'.split('');
const SECOND = '坝坪溪湾山沟口岭园林塘田桥池堡岩峰井河洞寨坡垭湖庄'.split('');

export interface VillageOptions {
  /** Village names to force at given points (e.g. 内口村 at the real nanmu grove): [township, name, point]. */
  readonly fixed: readonly { township: number; name: string; point: XY }[];
}

export function assignTenure(pieces: readonly Piece[], frame: TownshipFrame, seed: number, options: VillageOptions): Tenure[] {
  const tenure: Tenure[] = pieces.map(() => ({ CUN: '', LIN_BAN: 0, XIAO_BAN: 0 }));
  const warpX = createNoise(seed, 'village-warp-x', 5000, 3);
  const warpY = createNoise(seed, 'village-warp-y', 5000, 3);
  const warped = (point: XY): XY => [point[0] + WARP * warpX(...point), point[1] + WARP * warpY(...point)];
  const byTownship = frame.townships.map(() => [] as number[]);
  for (const [index, piece] of pieces.entries()) byTownship[piece.township]!.push(index);

  for (const township of frame.townships) {
    const members = byTownship[township.index]!;
    if (members.length === 0) continue;
    const mu = members.reduce((sum, index) => sum + pieces[index]!.area * 0.0015, 0);
    const villageCount = Math.max(3, Math.min(14, Math.round(mu / MU_PER_VILLAGE)));
    const points = members.map((index) => warped(pieces[index]!.centroid));
    const villageCentres = farthestPoints(points, villageCount, warped(township.seed));
    const village = nearestCentre(points, villageCentres);
    // Name villages: fixed names where requested, otherwise two-character names unique in the township.
    const names: string[] = [];
    const used = new Set<string>();
    for (const fixed of options.fixed.filter((entry) => entry.township === township.index)) {
      const target = nearestCentre([warped(fixed.point)], villageCentres)[0]!;
      names[target] = fixed.name;
      used.add(fixed.name);
    }
    const suffix = township.kind === '街道' ? '社区' : '村';
    for (let centre = 0; centre < villageCentres.length; centre++) {
      if (names[centre]) continue;
      for (let attempt = 0; ; attempt++) {
        const hash = hashInts(township.index, centre, seed + attempt * 131);
        const name = FIRST[hash % FIRST.length]! + SECOND[(hash >>> 8) % SECOND.length]! + suffix;
        if (!used.has(name)) {
          used.add(name);
          names[centre] = name;
          break;
        }
      }
    }
    // Compartments within villages, numbered across the township village by village.
    let compartmentNumber = 0;
    for (let centre = 0; centre < villageCentres.length; centre++) {
      const local = members.filter((_, position) => village[position] === centre);
      if (local.length === 0) continue;
      const localMu = local.reduce((sum, index) => sum + pieces[index]!.area * 0.0015, 0);
      const compartmentCount = Math.max(1, Math.round(localMu / MU_PER_COMPARTMENT));
      const localPoints = local.map((index) => pieces[index]!.centroid);
      const compartmentCentres = farthestPoints(localPoints, compartmentCount, villageCentres[centre]!);
      // Number compartments north to south, west to east.
      const order = compartmentCentres
        .map((point, position) => ({ point, position }))
        .sort((a, b) => Math.round((b.point[1] - a.point[1]) / 3000) || a.point[0] - b.point[0] || a.position - b.position);
      const numberOf = new Map<number, number>();
      for (const { position } of order) numberOf.set(position, ++compartmentNumber);
      const compartment = nearestCentre(localPoints, compartmentCentres);
      const groups = new Map<number, number[]>();
      for (const [position, index] of local.entries()) {
        tenure[index]!.CUN = names[centre]!;
        const number = numberOf.get(compartment[position]!)!;
        tenure[index]!.LIN_BAN = number;
        let group = groups.get(number);
        if (!group) groups.set(number, (group = []));
        group.push(index);
      }
      for (const group of groups.values()) numberRows(group, pieces, tenure);
    }
  }
  return tenure;
}

/** Numbers sub-compartments 1..n in rows of ~600 m from north to south, alternating direction. */
function numberRows(group: number[], pieces: readonly Piece[], tenure: Tenure[]): void {
  const top = Math.max(...group.map((index) => pieces[index]!.centroid[1]));
  const row = (index: number): number => Math.floor((top - pieces[index]!.centroid[1]) / 600);
  const sorted = [...group].sort((a, b) => {
    const rowA = row(a);
    const rowB = row(b);
    if (rowA !== rowB) return rowA - rowB;
    const direction = rowA % 2 === 0 ? 1 : -1;
    return direction * (pieces[a]!.centroid[0] - pieces[b]!.centroid[0]) || a - b;
  });
  for (const [position, index] of sorted.entries()) tenure[index]!.XIAO_BAN = position + 1;
}

/**
 * `count` well-spread centres among `points`: deterministic farthest-point sampling starting
 * nearest `start`, then a few Lloyd (k-means) steps so regions are compact.
 */
export function farthestPoints(points: readonly XY[], count: number, start: XY, lloydSteps = 5): XY[] {
  let centres = farthestSample(points, count, start);
  for (let step = 0; step < lloydSteps; step++) {
    const owner = nearestCentre(points, centres);
    const sumX = new Float64Array(centres.length);
    const sumY = new Float64Array(centres.length);
    const members = new Float64Array(centres.length);
    for (const [index, point] of points.entries()) {
      const centre = owner[index]!;
      sumX[centre] = sumX[centre]! + point[0];
      sumY[centre] = sumY[centre]! + point[1];
      members[centre] = members[centre]! + 1;
    }
    centres = centres.map((centre, index) =>
      members[index]! > 0 ? [sumX[index]! / members[index]!, sumY[index]! / members[index]!] : centre,
    );
  }
  return centres;
}

function farthestSample(points: readonly XY[], count: number, start: XY): XY[] {
  const chosen: XY[] = [];
  const distance = new Float64Array(points.length).fill(Infinity);
  let next = nearestCentre([start], points)[0]!;
  for (let step = 0; step < Math.min(count, points.length); step++) {
    const centre = points[next]!;
    chosen.push(centre);
    let farthest = -1;
    let farthestDistance = -1;
    for (let index = 0; index < points.length; index++) {
      const dx = points[index]![0] - centre[0];
      const dy = points[index]![1] - centre[1];
      distance[index] = Math.min(distance[index]!, dx * dx + dy * dy);
      if (distance[index]! > farthestDistance) {
        farthestDistance = distance[index]!;
        farthest = index;
      }
    }
    next = farthest;
  }
  return chosen;
}

/** Index of the nearest centre for each point. */
export function nearestCentre(points: readonly XY[], centres: readonly XY[]): number[] {
  return points.map((point) => {
    let best = 0;
    let bestDistance = Infinity;
    for (const [index, centre] of centres.entries()) {
      const dx = point[0] - centre[0];
      const dy = point[1] - centre[1];
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    }
    return best;
  });
}
