/**
 * The sample-data generator's shared vertices: the vertex registry (one vertex per place) and the
 * dissolve of pieces into the region they tile (how townships are built from sub-compartments).
 */
import { describe, expect, test } from 'vitest';
import { dissolvePieces } from '../../scripts/sample-data/dissolve';
import { SNAP_TOLERANCE, VertexRegistry } from '../../scripts/sample-data/vertex-registry';

type XY = [number, number];
const identity = (point: XY): number[] => [point[0], point[1]];

/** Registers counter-clockwise rings of plane points as pieces. */
function piecesOf(registry: VertexRegistry, rings: readonly XY[][]): { vertices: number[] }[] {
  return rings.map((ring) => ({ vertices: ring.map((point) => registry.intern(point, identity).id) }));
}

const square = (x: number, y: number, size = 1): XY[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];

function shoelace(ring: readonly number[][]): number {
  let twice = 0;
  for (let index = 0; index + 1 < ring.length; index++) twice += ring[index]![0]! * ring[index + 1]![1]! - ring[index + 1]![0]! * ring[index]![1]!;
  return twice / 2;
}

describe('vertex registry', () => {
  test('points within the snap tolerance are one vertex, even across a bucket boundary; farther ones are not', () => {
    const registry = new VertexRegistry();
    const first = registry.intern([100, 200], identity);
    expect(registry.intern([100 + SNAP_TOLERANCE / 2, 200], identity)).toBe(first);
    expect(registry.intern([100 + 3 * SNAP_TOLERANCE, 200], identity)).not.toBe(first);
    // 0.01 m buckets: the two points straddle the boundary at x = 0.
    const left = registry.intern([-1e-7, 5], identity);
    expect(registry.intern([1e-7, 5], identity)).toBe(left);
    expect(registry.vertices).toHaveLength(3);
    expect(registry.find([100.5, 200])).toBeNull();
    expect(registry.find([99.9996, 200], 1e-3)).toBe(first);
  });

  test('the first resolution of a place is kept', () => {
    const registry = new VertexRegistry();
    const vertex = registry.intern([1, 1], () => [108.8, 28.8]);
    expect(registry.intern([1, 1 + 1e-9], () => [0, 0]).position).toEqual([108.8, 28.8]);
    expect(vertex.id).toBe(0);
  });
});

describe('dissolving pieces', () => {
  test('two squares sharing an edge become one counter-clockwise ring that keeps every boundary vertex', () => {
    const registry = new VertexRegistry();
    // The right square is split in two, so the union's right side has a vertex at (2, 0.5); the
    // left square carries the split point (1, 0.5) on its shared edge, as cut pieces do.
    const left: XY[] = [[0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1]];
    const pieces = piecesOf(registry, [left, [[1, 0], [2, 0], [2, 0.5], [1, 0.5]], [[1, 0.5], [2, 0.5], [2, 1], [1, 1]]]);
    const [polygon, ...rest] = dissolvePieces(pieces, registry);
    expect(rest).toHaveLength(0);
    expect(polygon).toHaveLength(1);
    const ring = polygon![0]!;
    expect(ring[0]).toEqual(ring.at(-1));
    expect(shoelace(ring)).toBeCloseTo(2, 12);
    const vertices = ring.slice(0, -1).map((position) => position.join(','));
    expect(new Set(vertices)).toEqual(new Set(['0,0', '1,0', '2,0', '2,0.5', '2,1', '1,1', '0,1']));
  });

  test('squares touching at a corner give two polygons, each a simple ring', () => {
    const registry = new VertexRegistry();
    const polygons = dissolvePieces(piecesOf(registry, [square(0, 0), square(1, 1)]), registry);
    expect(polygons).toHaveLength(2);
    for (const polygon of polygons) {
      expect(polygon).toHaveLength(1);
      expect(polygon[0]).toHaveLength(5);
      expect(shoelace(polygon[0]!)).toBeCloseTo(1, 12);
    }
  });

  test('a ring of pieces around a gap gives an outer ring and a clockwise hole, largest polygon first', () => {
    const registry = new VertexRegistry();
    const rings: XY[][] = [];
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) rings.push(square(x, y));
    rings.push(square(10, 10, 0.5));
    const polygons = dissolvePieces(piecesOf(registry, rings), registry);
    expect(polygons).toHaveLength(2);
    const [ring, hole] = polygons[0]!;
    expect(shoelace(ring!)).toBeCloseTo(9, 12);
    expect(shoelace(hole!)).toBeCloseTo(-1, 12);
    expect(shoelace(polygons[1]![0]!)).toBeCloseTo(0.25, 12);
  });

  test('pieces that do not share their vertices or that overlap are refused', () => {
    const registry = new VertexRegistry();
    // The left square's right edge skips the vertex (1, 0.5) that the right pieces use.
    const tJunction = piecesOf(registry, [square(0, 0), [[1, 0], [2, 0], [2, 0.5], [1, 0.5]], [[1, 0.5], [2, 0.5], [2, 1], [1, 1]]]);
    expect(() => dissolvePieces(tJunction, registry)).toThrow(/doubles back|degenerate/);
    const overlapping = piecesOf(registry, [square(0, 0), square(0, 0)]);
    expect(() => dissolvePieces(overlapping, registry)).toThrow(/overlap/);
  });
});
