/**
 * Forest-fire high-risk zones and fire facilities.
 *
 * Zones are dissolved groups of adjacent conifer sub-compartments (马尾松, 柏木, 杉木) grown from
 * seeds in the pine belts, one township each, so they never overlap and follow the inventory's
 * boundaries. Levels 1–5 (QX/T 77-2007) are handed out by rank with more zones at the lower
 * levels. Facilities: cameras on most high-level zones and some lower ones, set 1–3 km off the
 * zone's anchor (viewing radius 2.5–5 km), watchtowers (4 km) for groups of high-level zones, and
 * a water point (radius 0) at the nearest water or farm pond — so that, as in a real county, part
 * of the high-risk area is not yet watched and the coverage analysis has gaps to find.
 */
import type { Piece } from './cells';
import type { StandAttributes } from './landcover';
import { planarSignedArea } from '../../src/lib/geo/planar';
import { type Ring, type XY, interiorPoint } from './planar';
import { createRandom, hashUnit } from './random';
import { rankDescending } from './selection';
import { unionAll } from './buffer';

export interface FireZone {
  readonly township: number;
  readonly pieces: number[];
  readonly polygons: Ring[][];
  readonly level: number;
  readonly species: string;
  /** A point inside the zone's largest part. */
  readonly anchor: XY;
}

export interface Facility {
  readonly kind: '瞭望塔' | '视频监控' | '取水点';
  readonly point: XY;
  readonly radius: number;
}

const CONIFERS = new Set(['马尾松', '柏木', '杉木']);
const MAX_ZONES = 110;
const SEED_SPACING = 3500;
/** Shares of the zones at levels 1..5 (more of the lower levels). */
const LEVEL_SHARES = [0.3, 0.27, 0.21, 0.14, 0.08];
const TOWER_RADIUS = 4000;
/** Chance that a zone of each level (index) already has a camera. */
const CAMERA_CHANCE = [0, 0.2, 0.3, 0.5, 0.75, 1];
const TOWER_GROUP = 6500;

const vertexKey = (point: XY): string => `${Math.round(point[0] * 100)},${Math.round(point[1] * 100)}`;

export function buildFireZones(pieces: readonly Piece[], stands: readonly StandAttributes[], pineField: Float64Array, seed: number): FireZone[] {
  const candidates = pieces
    .map((_, index) => index)
    .filter((index) => stands[index]!.DI_LEI === '乔木林地' && CONIFERS.has(stands[index]!.YOU_SHI_SZ));
  const candidateSet = new Set(candidates);
  // Adjacency of candidate pieces through shared vertices.
  const byVertex = new Map<string, number[]>();
  for (const index of candidates) {
    for (const point of pieces[index]!.ring) {
      const key = vertexKey(point);
      let list = byVertex.get(key);
      if (!list) byVertex.set(key, (list = []));
      list.push(index);
    }
  }
  const neighbours = (index: number): number[] => {
    const found = new Set<number>();
    for (const point of pieces[index]!.ring) for (const other of byVertex.get(vertexKey(point)) ?? []) if (other !== index) found.add(other);
    return [...found].sort((a, b) => a - b);
  };

  const used = new Set<number>();
  const seeds: XY[] = [];
  const groups: { township: number; pieces: number[] }[] = [];
  const order = rankDescending(candidates, (index) => pineField[index]! + 0.35 * hashUnit(index, 23, seed));
  for (const start of order) {
    if (groups.length >= MAX_ZONES) break;
    if (used.has(start)) continue;
    const centre = pieces[start]!.centroid;
    if (seeds.some((other) => Math.hypot(other[0] - centre[0], other[1] - centre[1]) < SEED_SPACING)) continue;
    const random = createRandom(seed, `fire-zone:${start}`);
    const targetMu = random.range(1200, 5200);
    const township = pieces[start]!.township;
    const group = [start];
    const queued = new Set([start]);
    let mu = 0;
    for (let cursor = 0; cursor < group.length && mu < targetMu; cursor++) {
      const index = group[cursor]!;
      mu += pieces[index]!.area * 0.0015;
      for (const other of neighbours(index)) {
        if (queued.has(other) || used.has(other) || !candidateSet.has(other) || pieces[other]!.township !== township) continue;
        queued.add(other);
        group.push(other);
      }
    }
    // Keep only the pieces counted before the target was reached.
    let kept = 0;
    let keptMu = 0;
    while (kept < group.length && keptMu < targetMu) keptMu += pieces[group[kept++]!]!.area * 0.0015;
    if (keptMu < 500) continue;
    const members = group.slice(0, kept);
    for (const index of members) used.add(index);
    seeds.push(centre);
    groups.push({ township, pieces: members.sort((a, b) => a - b) });
  }

  const riskOrder = rankDescending(
    groups.map((_, index) => index),
    (index) => {
      const group = groups[index]!;
      const pine = group.pieces.filter((piece) => stands[piece]!.YOU_SHI_SZ === '马尾松').length / group.pieces.length;
      return pine + 0.6 * hashUnit(index, 29, seed);
    },
  );
  const levels = new Map<number, number>();
  let cumulative = 0;
  let level = 5;
  let boundary = LEVEL_SHARES[4]! * groups.length;
  for (const index of riskOrder) {
    while (level > 1 && cumulative + 0.5 > boundary) {
      level--;
      boundary += LEVEL_SHARES[level - 1]! * groups.length;
    }
    levels.set(index, level);
    cumulative++;
  }

  return groups.map((group, index) => {
    const polygons = unionAll(group.pieces.map((piece) => [pieces[piece]!.ring]));
    const speciesArea = new Map<string, number>();
    for (const piece of group.pieces) {
      const species = stands[piece]!.YOU_SHI_SZ;
      speciesArea.set(species, (speciesArea.get(species) ?? 0) + pieces[piece]!.area);
    }
    const species = [...speciesArea.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const largest = polygons.reduce((best, polygon) => (Math.abs(planarSignedArea(polygon[0]!)) > Math.abs(planarSignedArea(best[0]!)) ? polygon : best));
    return { township: group.township, pieces: group.pieces, polygons, level: levels.get(index)!, species, anchor: interiorPoint(largest[0]!) };
  });
}

export function buildFacilities(
  zones: readonly FireZone[],
  pieces: readonly Piece[],
  stands: readonly StandAttributes[],
  seed: number,
): Facility[] {
  const facilities: Facility[] = [];
  // Cameras: on a ridge 1–3 km off the zone's anchor, viewing radius 2.5–5 km; not every zone has one.
  for (const [index, zone] of zones.entries()) {
    const random = createRandom(seed, `camera:${index}`);
    if (random.next() >= (CAMERA_CHANCE[zone.level] ?? 0)) continue;
    const radius = 2500 + 500 * random.int(0, 5);
    const angle = random.range(0, 2 * Math.PI);
    const distance = random.range(1000, 3000);
    const point: XY = [zone.anchor[0] + distance * Math.cos(angle), zone.anchor[1] + distance * Math.sin(angle)];
    facilities.push({ kind: '视频监控', point: nearestPieceCentroid(point, zone.pieces, pieces), radius });
  }
  // Watchtowers: levels 4–5 first, one tower for the zones within TOWER_GROUP of an unserved zone,
  // at the mean of their anchors (so some zones stay outside any tower's 4 km).
  const served = new Set<number>();
  const byLevel = zones
    .map((_, index) => index)
    .filter((index) => zones[index]!.level >= 4)
    .sort((a, b) => zones[b]!.level - zones[a]!.level || a - b);
  for (const index of byLevel) {
    if (served.has(index)) continue;
    const anchor = zones[index]!.anchor;
    const group = byLevel.filter(
      (other) => !served.has(other) && Math.hypot(zones[other]!.anchor[0] - anchor[0], zones[other]!.anchor[1] - anchor[1]) < TOWER_GROUP,
    );
    for (const member of group) served.add(member);
    const mean: XY = [
      group.reduce((sum, member) => sum + zones[member]!.anchor[0], 0) / group.length,
      group.reduce((sum, member) => sum + zones[member]!.anchor[1], 0) / group.length,
    ];
    // On the nearest sub-compartment of the group (inside the county, never in a river).
    const members = group.flatMap((member) => zones[member]!.pieces);
    facilities.push({ kind: '瞭望塔', point: nearestPieceCentroid(mean, members, pieces), radius: TOWER_RADIUS });
  }
  // Water points: the nearest 水域 sub-compartment within 6 km, else the nearest farmland (a pond).
  const water = pieces.map((_, index) => index).filter((index) => stands[index]!.DI_LEI === '水域');
  const farm = pieces.map((_, index) => index).filter((index) => stands[index]!.DI_LEI === '耕地');
  for (const zone of zones) {
    let best = nearestOf(zone.anchor, water, pieces);
    if (!best || best.distance > 6000) best = nearestOf(zone.anchor, farm, pieces) ?? best;
    if (best) facilities.push({ kind: '取水点', point: interiorPoint(pieces[best.index]!.ring), radius: 0 });
  }
  return facilities;
}

function nearestOf(point: XY, indices: readonly number[], pieces: readonly Piece[]): { index: number; distance: number } | null {
  let best: { index: number; distance: number } | null = null;
  for (const index of indices) {
    const centroid = pieces[index]!.centroid;
    const distance = Math.hypot(centroid[0] - point[0], centroid[1] - point[1]);
    if (!best || distance < best.distance) best = { index, distance };
  }
  return best;
}

function nearestPieceCentroid(point: XY, members: readonly number[], pieces: readonly Piece[]): XY {
  const best = nearestOf(point, members, pieces);
  return best ? interiorPoint(pieces[best.index]!.ring) : point;
}
