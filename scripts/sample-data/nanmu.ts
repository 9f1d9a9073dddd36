/**
 * Ancient nanmu groves (data/nanmu-groves.json): the real 两罾乡 内口村 grove at 楠木湾 beside the
 * Apeng River, and smaller illustrative groves. Each grove is a smooth blob around its position;
 * its protection zone is the grove buffered outward, clipped to the county.
 */
import { bufferPolygon } from './buffer';
import { type CountyFrame, toPlane } from './county';
import type { GroveInput } from './inputs';
import { type Ring, type XY, segmentDistance } from './planar';
import { createNoise } from './random';
import type { River } from './rivers';

export interface Grove {
  readonly input: GroveInput;
  readonly centre: XY;
  readonly polygons: Ring[][];
  readonly protection: Ring[][];
}

const BLOB_VERTICES = 40;
/** Distance (m) of a river-anchored grove's centre from the river line. */
const RIVER_SETBACK = 180;

/** Grove centres in the plane (needed before the groves themselves, to favour 楠木 stands nearby). */
export function groveCentres(inputs: readonly GroveInput[], rivers: readonly River[]): XY[] {
  return inputs.map((input) => {
    const near = toPlane(input.near);
    const riverName = input.anchor?.startsWith('river:') ? input.anchor.slice('river:'.length) : null;
    const river = riverName ? rivers.find((candidate) => candidate.name === riverName) : undefined;
    if (!river) return near;
    let best = { distance: Infinity, point: near, normal: [0, 1] as XY };
    for (let index = 0; index + 1 < river.line.length; index++) {
      const a = river.line[index]!;
      const b = river.line[index + 1]!;
      const { distanceSquared, t } = segmentDistance(near[0], near[1], a, b);
      if (distanceSquared < best.distance) {
        const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
        best = {
          distance: distanceSquared,
          point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])],
          normal: [-(b[1] - a[1]) / length, (b[0] - a[0]) / length],
        };
      }
    }
    // The grove sits on the bank, the river running along its edge (楠木湾, "nanmu bay").
    return [best.point[0] + best.normal[0] * RIVER_SETBACK, best.point[1] + best.normal[1] * RIVER_SETBACK];
  });
}

export function buildGroves(
  inputs: readonly GroveInput[],
  centres: readonly XY[],
  county: CountyFrame,
  bufferMetres: number,
  seed: number,
): Grove[] {
  return inputs.map((input, groveIndex) => {
    const centre = centres[groveIndex]!;
    const noise = createNoise(seed, `grove:${input.name}`, 1.2, 2);
    const blob: Ring = [];
    for (let vertex = 0; vertex < BLOB_VERTICES; vertex++) {
      const angle = (vertex / BLOB_VERTICES) * Math.PI * 2;
      const radius = input.radiusMetres * (1 + 0.28 * noise(Math.cos(angle), Math.sin(angle)));
      blob.push([centre[0] + radius * Math.cos(angle), centre[1] + radius * Math.sin(angle)]);
    }
    const polygons = county.clipLarge([[blob]]);
    const protection = county.clipLarge(bufferPolygon(blob, bufferMetres));
    return { input, centre, polygons, protection };
  });
}
