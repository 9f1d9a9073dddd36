/**
 * Schematic river courses (data/rivers.json, after DESIGN.md), lightly densified and meandered
 * with a deterministic 1-D noise, in the plane. The Apeng River ends on the meandered Wujiang.
 */
import type { Polygon, MultiPolygon } from 'geojson';
import { buildCorridor, type CorridorSpec } from '../../src/lib/geo/corridor';
import { difference } from './buffer';
import { type CountyFrame, toLonLat, toPlane } from './county';
import type { RiverInput } from './inputs';
import { type Ring, type XY, openRing, segmentDistance } from './planar';
import { createNoise } from './random';

export interface River {
  readonly name: string;
  readonly nameEn: string;
  readonly halfWidthMetres: number;
  /** Meandered course in plane metres. */
  readonly line: XY[];
}

/** Spacing of the densified vertices and amplitude/wavelength of the meanders (m). */
const STEP = 250;
const MEANDER_AMPLITUDE = 260;
const MEANDER_WAVELENGTH = 3200;

export function buildRivers(inputs: readonly RiverInput[], seed: number): River[] {
  const rivers: River[] = [];
  for (const [index, input] of inputs.entries()) {
    const noise = createNoise(seed, `river:${input.name}`, MEANDER_WAVELENGTH, 3);
    const course = input.course.map((position) => toPlane(position));
    const line: XY[] = [];
    let travelled = 0;
    let total = 0;
    for (let vertex = 0; vertex + 1 < course.length; vertex++) {
      const a = course[vertex]!;
      const b = course[vertex + 1]!;
      total += Math.hypot(b[0] - a[0], b[1] - a[1]);
    }
    for (let vertex = 0; vertex + 1 < course.length; vertex++) {
      const a = course[vertex]!;
      const b = course[vertex + 1]!;
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const steps = Math.max(1, Math.round(length / STEP));
      const nx = -(b[1] - a[1]) / length;
      const ny = (b[0] - a[0]) / length;
      for (let step = 0; step < steps; step++) {
        const t = step / steps;
        const s = travelled + t * length;
        // Taper to zero at both ends so the mouth and the source stay where the data put them.
        const taper = Math.min(1, s / 2000, (total - s) / 2000);
        const offset = MEANDER_AMPLITUDE * taper * noise(s, index * 100_000);
        line.push([a[0] + t * (b[0] - a[0]) + nx * offset, a[1] + t * (b[1] - a[1]) + ny * offset]);
      }
      travelled += length;
    }
    line.push(course[course.length - 1]!);
    rivers.push({ name: input.name, nameEn: input.nameEn, halfWidthMetres: input.halfWidthMetres, line });
  }
  // A tributary's last vertex goes onto the nearest point of the main river (the confluence).
  const main = rivers[0]!;
  for (const tributary of rivers.slice(1)) {
    const end = tributary.line[tributary.line.length - 1]!;
    let best: XY = end;
    let bestDistance = Infinity;
    for (let index = 0; index + 1 < main.line.length; index++) {
      const a = main.line[index]!;
      const b = main.line[index + 1]!;
      const { distanceSquared, t } = segmentDistance(end[0], end[1], a, b);
      if (distanceSquared < bestDistance) {
        bestDistance = distanceSquared;
        best = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      }
    }
    tributary.line[tributary.line.length - 1] = best;
  }
  return rivers;
}

/** River ecological corridors: each river buffered by `width` metres each side, clipped to the county. */
export interface Corridor {
  readonly river: River;
  /** What the app's corridor tool would be given to build it (src/lib/geo/corridor.ts). */
  readonly spec: CorridorSpec;
  readonly polygons: Ring[][];
}

/** A WGS84 polygon or multipolygon as open plane rings. */
function planePolygons(geometry: Polygon | MultiPolygon | null): Ring[][] {
  if (!geometry) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => openRing(ring.map((position) => toPlane(position)))));
}

/**
 * Buffers each river with the app's corridor function (Turf's buffer, widths true on the
 * ellipsoid); a tributary's corridor excludes the main river's corridor so the layer never counts
 * the confluence twice. Clipping stays in the generator's plane so outline vertices snap to the
 * county's own (see output-geometry.ts).
 */
export function buildCorridors(rivers: readonly River[], width: number, county: CountyFrame): Corridor[] {
  const spec: CorridorSpec = { widthMetres: width };
  const buffers = rivers.map((river) => planePolygons(buildCorridor([river.line.map(toLonLat)], spec).geometry));
  return rivers.map((river, index) => {
    const own = index === 0 ? buffers[0]! : difference(buffers[index]!, buffers[0]!);
    return { river, spec, polygons: county.clipLarge(own) };
  });
}
