import proj4 from 'proj4';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import {
  BoundaryTableError,
  boundaryPointTable,
  DEFAULT_BOUNDARY_CRS,
  gaussKrugerCode,
  gaussKrugerSystems,
} from '../../src/lib/geo/boundary-points';

// Definitions written out here (from DESIGN.md), independent of the app's CRS registry.
const EPSG_4545 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const EPSG_4524 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const EPSG_4546 = '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

function gk(definition: string, position: Position): { x: number; y: number } {
  const [easting, northing] = proj4('+proj=longlat +ellps=GRS80 +no_defs', definition, [position[0]!, position[1]!]) as [number, number];
  return { x: northing, y: easting };
}

// A quadrilateral near 桃花源街道 whose north-west corner is B, listed anticlockwise from A (south-east).
const A: Position = [108.7760, 28.8380];
const B: Position = [108.7700, 28.8420];
const C: Position = [108.7690, 28.8370];
const D: Position = [108.7740, 28.8350];
// A → B → C → D runs anticlockwise: A south-east, B north-west, C south-west, D south.
const quadrilateral: Polygon = { type: 'Polygon', coordinates: [[A, B, C, D, A]] };

describe('boundary-point coordinate table (界址点坐标表)', () => {
  it('matches the design’s check point: 108.77°E 28.84°N → X 3191779.38, Y 575144.43 (EPSG:4545)', () => {
    const triangle: Polygon = { type: 'Polygon', coordinates: [[[108.77, 28.84], [108.78, 28.835], [108.772, 28.83], [108.77, 28.84]]] };
    const first = boundaryPointTable(triangle).rings[0]!.points[0]!;
    expect(first.longitude).toBe(108.77);
    expect(first.x).toBeCloseTo(3191779.38, 2);
    expect(first.y).toBeCloseTo(575144.43, 2);
  });

  it('numbers the vertices J1… clockwise from the north-west corner and closes the ring', () => {
    const table = boundaryPointTable(quadrilateral);
    const points = table.rings[0]!.points;
    expect(table.crs.code).toBe(DEFAULT_BOUNDARY_CRS);
    expect(points.map((point) => point.label)).toEqual(['J1', 'J2', 'J3', 'J4', 'J1']);
    // Clockwise from B (north-west): B → A (east) → D (south) → C (west).
    expect(points.map((point) => [point.longitude, point.latitude])).toEqual([B, A, D, C, B]);
    expect(table.pointCount).toBe(4);
    expect(points.at(-1)!.edgeMetres).toBeNull();
  });

  it('gives the same order whichever way and from wherever the ring was drawn', () => {
    const expected = boundaryPointTable(quadrilateral).rings[0]!.points.map((point) => point.label + point.longitude);
    for (const ring of [[C, D, A, B, C], [D, C, B, A, D], [B, A, D, C, B]]) {
      const table = boundaryPointTable({ type: 'Polygon', coordinates: [ring] });
      expect(table.rings[0]!.points.map((point) => point.label + point.longitude)).toEqual(expected);
    }
  });

  it('projects every vertex like proj4’s EPSG:4545, to the millimetre, with plane edge lengths', () => {
    const points = boundaryPointTable(quadrilateral).rings[0]!.points;
    for (const point of points) {
      const expected = gk(EPSG_4545, [point.longitude, point.latitude]);
      expect(Math.abs(point.x - expected.x)).toBeLessThan(5e-4);
      expect(Math.abs(point.y - expected.y)).toBeLessThan(5e-4);
    }
    for (let index = 0; index < points.length - 1; index++) {
      const from = points[index]!;
      const to = points[index + 1]!;
      expect(from.edgeMetres).toBeCloseTo(Math.hypot(to.x - from.x, to.y - from.y), 6);
    }
    // B → A: about 0.006° of longitude and 0.004° of latitude, ≈ 731 m.
    expect(points[0]!.edgeMetres).toBeGreaterThan(700);
    expect(points[0]!.edgeMetres).toBeLessThan(760);
  });

  it('puts the zone number in front of Y for zone-prefixed systems (EPSG:4524) and leaves X alone', () => {
    expect(gaussKrugerCode(36, false)).toBe('EPSG:4545');
    expect(gaussKrugerCode(36, true)).toBe('EPSG:4524');
    const plain = boundaryPointTable(quadrilateral).rings[0]!.points;
    const prefixed = boundaryPointTable(quadrilateral, { crs: gaussKrugerCode(36, true) }).rings[0]!.points;
    prefixed.forEach((point, index) => {
      const expected = gk(EPSG_4524, [point.longitude, point.latitude]);
      expect(Math.abs(point.y - expected.y)).toBeLessThan(5e-4);
      expect(point.y - plain[index]!.y).toBeCloseTo(36_000_000, 6);
      expect(point.x).toBeCloseTo(plain[index]!.x, 6);
    });
    expect(prefixed[0]!.y.toFixed(3)).toMatch(/^36\d{6}\.\d{3}$/);
  });

  it('offers the other 3° zones and warns when the plot lies outside the chosen one', () => {
    const codes = gaussKrugerSystems().map((system) => system.code);
    expect(codes).toEqual(expect.arrayContaining(['EPSG:4544', 'EPSG:4545', 'EPSG:4546', 'EPSG:4523', 'EPSG:4524', 'EPSG:4525']));
    const table = boundaryPointTable(quadrilateral, { crs: gaussKrugerCode(37, false) });
    const expected = gk(EPSG_4546, B);
    expect(table.rings[0]!.points[0]!.x).toBeCloseTo(expected.x, 3);
    expect(table.warnings).toHaveLength(1);
    expect(table.warnings[0]!.zh).toContain('建议改用第36带');
    expect(boundaryPointTable(quadrilateral).warnings).toEqual([]);
  });

  it('reports the ellipsoidal area and numbers holes anticlockwise and further parts on from the first', () => {
    const outer: Position[] = [[108.77, 28.83], [108.78, 28.83], [108.78, 28.84], [108.77, 28.84], [108.77, 28.83]];
    const hole: Position[] = [[108.773, 28.833], [108.776, 28.833], [108.776, 28.836], [108.773, 28.836], [108.773, 28.833]];
    const second: Position[] = [[108.79, 28.83], [108.80, 28.83], [108.795, 28.84], [108.79, 28.83]];
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[outer, hole], [second]] };
    const table = boundaryPointTable(geometry);
    expect(table.areaSquareMetres).toBe(geometryAreaSquareMetres(geometry));
    expect(table.rings.map((ring) => [ring.part, ring.kind, ring.points.length])).toEqual([
      [1, 'outer', 5],
      [1, 'hole', 5],
      [2, 'outer', 4],
    ]);
    expect(table.rings.flatMap((ring) => ring.points.slice(0, -1).map((point) => point.label))).toEqual(
      ['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8', 'J9', 'J10', 'J11'],
    );
    // Outer ring: NW corner then east (clockwise); hole: its NW corner then south (anticlockwise).
    expect(table.rings[0]!.points.slice(0, 2).map((point) => [point.longitude, point.latitude])).toEqual([[108.77, 28.84], [108.78, 28.84]]);
    expect(table.rings[1]!.points.slice(0, 2).map((point) => [point.longitude, point.latitude])).toEqual([[108.773, 28.836], [108.773, 28.833]]);
    expect(table.pointCount).toBe(11);
  });

  it('explains an unknown or unsuitable coordinate system instead of producing numbers', () => {
    const attempt = () => boundaryPointTable(quadrilateral, { crs: 'EPSG:9999' });
    expect(attempt).toThrow(BoundaryTableError);
    try {
      attempt();
    } catch (error) {
      const messages = (error as BoundaryTableError).messages;
      expect(messages.zh).toContain('未知坐标系“EPSG:9999”');
      expect(messages.en).toContain('unknown coordinate system "EPSG:9999"');
      expect(messages.en).toContain('EPSG:4545');
    }
    expect(() => boundaryPointTable(quadrilateral, { crs: 'EPSG:4490' })).toThrow(/not a projected system/);
    expect(() => gaussKrugerCode(50, false)).toThrow(BoundaryTableError);
  });
});
