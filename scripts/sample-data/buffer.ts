/**
 * A small planar buffer: the union (polyclip) of one capsule per segment — the segment's
 * rectangle with a disc at each end, which covers the vertex discs of a polyline buffer.
 */
import * as polyclip from 'polyclip-ts';
import { type Ring, type XY, openRing } from './planar';

/** Segments per half circle of the capsule ends. */
const HALF_CIRCLE_SEGMENTS = 10;

/** Capsule around the segment a→b of the given radius (open ring, counter-clockwise). */
export function capsule(a: XY, b: XY, radius: number): Ring {
  const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const ring: Ring = [];
  for (let step = 0; step <= HALF_CIRCLE_SEGMENTS; step++) {
    const theta = angle - Math.PI / 2 + (Math.PI * step) / HALF_CIRCLE_SEGMENTS;
    ring.push([b[0] + radius * Math.cos(theta), b[1] + radius * Math.sin(theta)]);
  }
  for (let step = 0; step <= HALF_CIRCLE_SEGMENTS; step++) {
    const theta = angle + Math.PI / 2 + (Math.PI * step) / HALF_CIRCLE_SEGMENTS;
    ring.push([a[0] + radius * Math.cos(theta), a[1] + radius * Math.sin(theta)]);
  }
  return ring;
}

/** Buffer of a polyline (or of a closed ring when `closed`), as polygons of open rings. */
export function bufferLine(line: readonly XY[], radius: number, closed = false): Ring[][] {
  const capsules: Ring[] = [];
  const count = line.length;
  const segments = closed ? count : count - 1;
  for (let index = 0; index < segments; index++) capsules.push(capsule(line[index]!, line[(index + 1) % count]!, radius));
  return unionAll(capsules.map((ring) => [ring]));
}

/** Buffer of a polygon (outer ring): the polygon itself plus the buffer of its boundary. */
export function bufferPolygon(ring: readonly XY[], radius: number): Ring[][] {
  return unionAll([[ring as Ring], ...bufferLine(ring, radius, true)]);
}

/** Union of many polygons by pairwise halving (much faster than one long sweep). */
export function unionAll(polygons: readonly Ring[][]): Ring[][] {
  let layer: polyclip.Geom[] = polygons.map((polygon) => polygon as XY[][]);
  if (layer.length === 0) return [];
  while (layer.length > 1) {
    const next: polyclip.Geom[] = [];
    for (let index = 0; index < layer.length; index += 2) {
      const second = layer[index + 1];
      next.push(second ? polyclip.union(layer[index]!, second) : layer[index]!);
    }
    layer = next;
  }
  const result = polyclip.union(layer[0]!);
  return result.map((polygon) => polygon.map((ring) => openRing(ring)));
}

export function difference(subject: readonly Ring[][], clip: readonly Ring[][]): Ring[][] {
  if (subject.length === 0) return [];
  if (clip.length === 0) return subject.map((polygon) => polygon.map((ring) => ring.slice()));
  const result = polyclip.difference(subject as XY[][][], clip as XY[][][]);
  return result.map((polygon) => polygon.map((ring) => openRing(ring)));
}
