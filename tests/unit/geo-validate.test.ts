import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { repairGeometry, validateFeatureCollection, validateGeometry } from '../../src/lib/geo/validate';
import { segmentContact } from '../../src/lib/geo/planar';
import { findRingContacts, isProvablyStarShaped, type PreparedRing } from '../../src/lib/geo/validation/segment-contacts';

const box = (x: number, y: number, size: number): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (...rings: Position[][]): Geometry => ({ type: 'Polygon', coordinates: rings });
const codes = (geometry: Geometry | null) => validateGeometry(geometry, { featureIndex: 0 }).map((issue) => issue.code);

describe('validation', () => {
  it('accepts a valid polygon with a hole, in either orientation', () => {
    expect(codes(polygon(box(108.8, 28.8, 0.01), box(108.803, 28.803, 0.002)))).toEqual([]);
    expect(codes(polygon([...box(108.8, 28.8, 0.01)].reverse()))).toEqual([]);
  });

  it('reports unclosed rings, duplicate, NaN and infinite vertices with ring and vertex', () => {
    const issues = validateGeometry(
      polygon([[0, 0], [1, 0], [1, 0], [1, 1], [NaN, 3], [0, 1], [Infinity, 0]]),
      { featureIndex: 4, featureId: 'XB-17', layer: 'subcompartments' },
    );
    expect(issues.map((issue) => issue.code).sort()).toEqual(['duplicate-vertex', 'non-finite-coordinate', 'unclosed-ring']);
    const nonFinite = issues.find((issue) => issue.code === 'non-finite-coordinate')!;
    expect(nonFinite).toMatchObject({ featureIndex: 4, featureId: 'XB-17', part: 0, ring: 0, vertex: 4, severity: 'error' });
    expect(nonFinite.message.en).toBe('layer "subcompartments", feature 4 (id XB-17), part 0, outer ring, vertex 4: coordinate is not a finite number (NaN or infinite)');
    expect(nonFinite.message.zh).toContain('坐标含非数值');
    expect(issues.find((issue) => issue.code === 'duplicate-vertex')).toMatchObject({ vertex: 2, severity: 'warning' });
  });

  it('reports too few vertices, zero area, empty and non-polygonal geometry', () => {
    expect(codes(polygon([[0, 0], [1, 1], [0, 0]]))).toEqual(['too-few-vertices']);
    expect(codes(polygon([[0, 0], [1, 1], [2, 2], [0, 0]]))).toEqual(['zero-area']);
    expect(codes(null)).toEqual(['empty-geometry']);
    expect(codes({ type: 'Point', coordinates: [0, 0] })).toEqual(['not-polygonal']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[]] })).toEqual(['empty-geometry']);
  });

  it('finds self-intersections (bow-tie, spike, self-touching ring) with the crossing point', () => {
    const bowTie = validateGeometry(polygon([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]), { featureIndex: 0 });
    expect(bowTie).toHaveLength(1);
    expect(bowTie[0]).toMatchObject({ code: 'self-intersection', ring: 0, position: [0.5, 0.5] });
    expect(codes(polygon([[0, 0], [2, 0], [2, 2], [1, 2], [1, 3], [1, 2], [0, 2], [0, 0]]))).toContain('self-intersection');
    expect(codes(polygon([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]))).toEqual(['self-intersection']);
  });

  it('finds wrong nesting: hole outside, hole crossing the shell, hole in a hole, overlapping parts', () => {
    expect(codes(polygon(box(0, 0, 1), box(2, 2, 0.5)))).toEqual(['hole-outside-shell']);
    expect(codes(polygon(box(0, 0, 1), box(0.5, 0.5, 1)))).toEqual(['ring-crossing']);
    expect(codes(polygon(box(0, 0, 10), box(1, 1, 5), box(2, 2, 1)))).toEqual(['nested-holes']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[box(0, 0, 1)], [box(0.5, 0.5, 1)]] })).toEqual(['overlapping-parts']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[box(0, 0, 4)], [box(1, 1, 1)]] })).toEqual(['overlapping-parts']);
    // An island inside a hole and parts sharing an edge are fine.
    expect(codes({ type: 'MultiPolygon', coordinates: [[box(0, 0, 4), box(1, 1, 2)], [box(1.5, 1.5, 1)]] })).toEqual([]);
    expect(codes({ type: 'MultiPolygon', coordinates: [[box(0, 0, 1)], [box(1, 0, 1)]] })).toEqual([]);
    // A hole touching its shell at one vertex is valid.
    expect(codes(polygon(box(0, 0, 4), [[0, 0], [1, 2], [2, 1], [0, 0]]))).toEqual([]);
  });

  it('validates a collection, counting invalid features and using an id field', () => {
    const features: Feature[] = [
      { type: 'Feature', properties: { XIAO_BAN: '001' }, geometry: polygon(box(0, 0, 1)) },
      { type: 'Feature', properties: { XIAO_BAN: '002' }, geometry: polygon([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]) },
    ];
    const report = validateFeatureCollection({ type: 'FeatureCollection', features }, { idField: 'XIAO_BAN', layer: 'forest' });
    expect(report).toMatchObject({ featureCount: 2, invalidFeatureCount: 1 });
    expect(report.issues[0]).toMatchObject({ featureIndex: 1, featureId: '002', layer: 'forest' });
  });

  // Speed is measured by `npm run bench`, not asserted here.
  it('finds no issue in a large valid inventory of touching-free polygons', () => {
    const features: Feature[] = [];
    for (let index = 0; index < 20_000; index++) {
      const x = 108.3 + (index % 500) * 0.002;
      const y = 28.3 + Math.floor(index / 500) * 0.002;
      const ring: Position[] = [];
      for (let vertex = 0; vertex < 16; vertex++) {
        const angle = (2 * Math.PI * vertex) / 16;
        ring.push([x + 0.0009 * Math.cos(angle) * (1 + 0.2 * ((vertex * 7) % 3)), y + 0.0009 * Math.sin(angle)]);
      }
      ring.push(ring[0]!);
      features.push({ type: 'Feature', properties: {}, geometry: polygon(ring) });
    }
    const collection: FeatureCollection = { type: 'FeatureCollection', features };
    const report = validateFeatureCollection(collection);
    expect(report.issues).toEqual([]);
    expect(report.featureCount).toBe(20_000);
  });
});

describe('repair (on request, every change listed)', () => {
  const context = { featureIndex: 0 };

  it('leaves valid geometry untouched', () => {
    const geometry = polygon(box(108.8, 28.8, 0.01));
    const result = repairGeometry(geometry, context);
    expect(result.geometry).toBe(geometry);
    expect(result.actions).toEqual([]);
  });

  it('closes rings and drops duplicate and non-finite vertices', () => {
    const result = repairGeometry(polygon([[0, 0], [1, 0], [1, 0], [1, 1], [NaN, 1], [0, 1]]), context);
    expect(result.geometry).toEqual(polygon([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]));
    expect(result.actions.map((entry) => entry.code).sort()).toEqual(['duplicate-vertex', 'non-finite-coordinate', 'unclosed-ring']);
    expect(result.remaining).toEqual([]);
  });

  it('splits a bow-tie into its two lobes (area preserved)', () => {
    const result = repairGeometry(polygon([[108.8, 28.8], [108.81, 28.81], [108.81, 28.8], [108.8, 28.81], [108.8, 28.8]]), context);
    expect(result.geometry?.type).toBe('MultiPolygon');
    expect(result.actions.some((entry) => entry.code === 'self-intersection')).toBe(true);
    expect(result.remaining).toEqual([]);
    const square = geometryAreaSquareMetres(polygon(box(108.8, 28.8, 0.01)));
    expect(geometryAreaSquareMetres(result.geometry) / (square / 2)).toBeCloseTo(1, 3);
  });

  it('turns a hole outside its shell into an island and merges overlapping parts', () => {
    const island = repairGeometry(polygon(box(0, 0, 1), box(2, 2, 0.5)), context);
    expect(island.geometry?.type).toBe('MultiPolygon');
    expect((island.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(2);
    const merged = repairGeometry({ type: 'MultiPolygon', coordinates: [[box(0, 0, 1)], [box(0.5, 0.5, 1)]] }, context);
    expect(merged.geometry?.type).toBe('Polygon');
    expect(merged.actions.map((entry) => entry.code)).toContain('overlapping-parts');
  });

  it('drops degenerate parts and says when nothing is left', () => {
    const partial = repairGeometry({ type: 'MultiPolygon', coordinates: [[box(0, 0, 1)], [[[0, 0], [1, 1], [0, 0]]]] }, context);
    expect(partial.geometry).toEqual(polygon(box(0, 0, 1)));
    expect(partial.actions.map((entry) => entry.code)).toEqual(['too-few-vertices']);
    const nothing = repairGeometry(polygon([[0, 0], [1, 1], [0, 0]]), context);
    expect(nothing.geometry).toBeNull();
    expect(nothing.remaining.map((issue) => issue.code)).toEqual(['too-few-vertices']);
  });
});

describe('edge contacts (the sweep behind self-intersection checks)', () => {
  /** Every pair of edges, as the sweep must find them (consecutive edges: only a fold-back). */
  function allPairs(rings: PreparedRing[]): string[] {
    const found: string[] = [];
    const edges = rings.flatMap((ring, ringIndex) => {
      const count = ring.coordinates.length / 2;
      return Array.from({ length: count }, (_, edge) => ({ ringIndex, edge, count, at: (vertex: number) => [ring.coordinates[2 * (vertex % count)]!, ring.coordinates[2 * (vertex % count) + 1]!] as const }));
    });
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) {
        const a = edges[i]!;
        const b = edges[j]!;
        const [ax, ay] = a.at(a.edge);
        const [bx, by] = a.at(a.edge + 1);
        const [cx, cy] = b.at(b.edge);
        const [dx, dy] = b.at(b.edge + 1);
        const kind = segmentContact(ax, ay, bx, by, cx, cy, dx, dy);
        const difference = Math.abs(a.edge - b.edge);
        const consecutive = a.ringIndex === b.ringIndex && (difference === 1 || difference === a.count - 1);
        if (kind === 'none' || (consecutive && kind === 'touch')) continue;
        const [first, second] = [`${a.ringIndex}:${a.edge}`, `${b.ringIndex}:${b.edge}`].sort();
        found.push(`${first}|${second}|${kind}`);
      }
    }
    return found.sort();
  }
  const swept = (rings: PreparedRing[]) =>
    findRingContacts(rings, Infinity)
      .map(({ first, second, kind }) => {
        const [a, b] = [`${first.ringIndex}:${first.edge}`, `${second.ringIndex}:${second.edge}`].sort();
        return `${a}|${b}|${kind}`;
      })
      .sort();

  it('finds exactly the contacts an all-pairs check finds, on random broken rings and degenerate spreads', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let contacts = 0;
    for (let trial = 0; trial < 400; trial++) {
      const rings: PreparedRing[] = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, ring) => {
        const count = 3 + Math.floor(random() * 25);
        // On a coarse grid, so that touches, shared vertices and collinear overlaps are common;
        // consecutive vertices distinct, as prepared rings are.
        const coordinates = Float64Array.from({ length: 2 * count }, () => Math.round(random() * 12) / 4);
        for (let vertex = 0; vertex < count; vertex++) {
          const next = (vertex + 1) % count;
          if (coordinates[2 * vertex] === coordinates[2 * next] && coordinates[2 * vertex + 1] === coordinates[2 * next + 1]) coordinates[2 * next] = coordinates[2 * next]! + 0.125;
        }
        return { part: 0, ring, coordinates };
      });
      const expected = allPairs(rings);
      contacts += expected.length;
      expect(swept(rings), `trial ${trial}`).toEqual(expected);
    }
    expect(contacts).toBeGreaterThan(1000);
    // All west ends equal (a vertical zigzag), and one far vertex squeezing the rest into one cell.
    const vertical = { part: 0, ring: 0, coordinates: Float64Array.from([0, 0, 0, 3, 0, 1, 0, 4]) };
    expect(swept([vertical])).toEqual(allPairs([vertical]));
    const far = { part: 0, ring: 0, coordinates: Float64Array.from([0, 0, 1e6, 0, 1, 1, 0.5, -1, 0.2, 2, 0, 1]) };
    expect(swept([far])).toEqual(allPairs([far]));
    expect(allPairs([far]).length).toBeGreaterThan(0);
  });

  describe('the star-shaped shortcut', () => {
    const ring = (...xy: number[]) => Float64Array.from(xy);
    /** Vertices at the given angles (degrees) and radii about (108.8, 28.8), as sub-compartments lie. */
    const polar = (angles: number[], radii: number[]) =>
      Float64Array.from(angles.flatMap((angle, index) => [108.8 + radii[index % radii.length]! * Math.cos((angle * Math.PI) / 180), 28.8 + radii[index % radii.length]! * Math.sin((angle * Math.PI) / 180)]));

    it('proves convex and star-shaped rings simple, either way round', () => {
      expect(isProvablyStarShaped(ring(0, 0, 1, 0, 1, 1, 0, 1))).toBe(true);
      expect(isProvablyStarShaped(ring(0, 0, 0, 1, 1, 1, 1, 0))).toBe(true);
      // A concave star: radii alternate 1 and 0.4.
      const star = polar([0, 36, 72, 108, 144, 180, 216, 252, 288, 324], [0.01, 0.004]);
      expect(isProvablyStarShaped(star)).toBe(true);
      const clockwise = Float64Array.from({ length: star.length }, (_, index) => star[star.length - 2 * Math.floor(index / 2) - 2 + (index % 2)]!);
      expect(isProvablyStarShaped(clockwise)).toBe(true);
    });

    it('refuses rings it cannot prove: crossings, double windings, a vertex on the centre line, triangles, C shapes', () => {
      expect(isProvablyStarShaped(ring(0, 0, 1, 1, 1, 0, 0, 1))).toBe(false); // bow-tie
      // A pentagram: every turn about the centre the same way, but it goes round twice.
      expect(isProvablyStarShaped(polar([0, 144, 288, 72, 216], [0.01]))).toBe(false);
      // A fold-back spike along a ray from the vertex average.
      expect(isProvablyStarShaped(ring(-1, -1, 1, -1, 1, 1, 0, 1, 0, 3, 0, 1, -1, 1))).toBe(false);
      expect(isProvablyStarShaped(ring(0, 0, 1, 0, 0, 1))).toBe(false);
      expect(isProvablyStarShaped(ring(0, 0, 3, 0, 3, 1, 1, 1, 1, 2, 3, 2, 3, 3, 0, 3))).toBe(false); // C, centre outside
    });

    it('never proves a ring simple that an all-pairs check finds touching or crossing itself', () => {
      let seed = 5;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      let proven = 0;
      let refused = 0;
      let broken = 0;
      for (let trial = 0; trial < 3000; trial++) {
        const count = 4 + Math.floor(random() * 30);
        // Angles mostly increasing, now and then stepping back; radii from a coarse set so that
        // vertices often fall on each other's rays and edges.
        const angles = Array.from({ length: count }, (_, index) => (index * 360) / count + (random() < 0.1 ? -40 * random() : 0));
        const radii = Array.from({ length: count }, () => 0.002 * (1 + Math.floor(random() * 4)));
        const coordinates = polar(angles, radii);
        if (trial % 3 === 0) for (let index = 0; index < coordinates.length; index++) coordinates[index] = Math.round(coordinates[index]! * 2000) / 2000;
        const prepared = [{ part: 0, ring: 0, coordinates }];
        if (isProvablyStarShaped(coordinates)) {
          proven++;
          expect(allPairs(prepared), `trial ${trial}`).toEqual([]);
        } else {
          refused++;
          if (allPairs(prepared).length > 0) broken++;
        }
      }
      expect(proven).toBeGreaterThan(300);
      expect(refused).toBeGreaterThan(300);
      // The generator makes broken rings too, or the first expectation could not fail.
      expect(broken).toBeGreaterThan(100);
    });
  });
});
