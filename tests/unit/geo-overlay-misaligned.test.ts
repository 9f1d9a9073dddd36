/**
 * The boundary-integral intersection area (intersection-area.ts) on misaligned data, against the
 * slow reference (polyclip-ts × GeographicLib): wiggly 40–80-vertex cells over real county
 * outlines, and hand-made contacts — shared edges, vertex touches, edges running along a border,
 * holes, multipolygons, overlapping zones.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { intersection, type Geom } from 'polyclip-ts';
import { describe, expect, it } from 'vitest';
import { wigglyCells, countyZones } from '../../scripts/bench/misaligned-fixture';
import { geometryAreaSquareMetres } from '../../src/lib/geo/area';
import { createGeodesicPlaneArea } from '../../src/lib/geo/geodesic-plane-area';
import { computeOverlayStatistics } from '../../src/lib/geo/overlay/engine';
import { SLIVER_FRACTION } from '../../src/lib/geo/overlay/layer-pass';
import { clippedArea } from '../../src/lib/geo/overlay/clip';
import { flattenPolygons } from '../../src/lib/geo/overlay/flat-rings';
import { restoreDroppedVertices } from '../../src/lib/geo/overlay/restore-vertices';
import { polygonParts } from '../../src/lib/geo/polygons';
import { contactFeatures, contactZones } from './fixtures/geo/contact-cases';
import { referenceStatistics } from './geo-overlay-reference';

const relative = (actual: number, expected: number) => (expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected));
/** The reference area of feature ∩ zone: polyclip-ts on the full geometries, GeographicLib areas. */
function referencePiece(featureGeometry: Polygon | MultiPolygon, zoneGeometry: Polygon | MultiPolygon): number {
  const asPolygons = (geometry: Polygon | MultiPolygon) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as [number, number][][][];
  const pieces = restoreDroppedVertices(
    intersection(featureGeometry.coordinates as unknown as Geom, zoneGeometry.coordinates as unknown as Geom) as [number, number][][][],
    asPolygons(featureGeometry),
    asPolygons(zoneGeometry),
  );
  return pieces.length === 0 ? 0 : geometryAreaSquareMetres({ type: 'MultiPolygon', coordinates: pieces });
}

function expectPiecesMatch(features: FeatureCollection, zones: FeatureCollection, tolerance: number): number {
  const measure = createGeodesicPlaneArea(108.8, 28.85);
  const flatZones = zones.features.map((zone) => flattenPolygons(polygonParts(zone.geometry)));
  let nonZero = 0;
  features.features.forEach((item, featureIndex) => {
    const geometry = item.geometry as Polygon | MultiPolygon;
    const whole = geometryAreaSquareMetres(geometry);
    const flat = flattenPolygons(polygonParts(geometry));
    zones.features.forEach((zone, zoneIndex) => {
      const expected = referencePiece(geometry, zone.geometry as Polygon | MultiPolygon);
      const actual = clippedArea(flat, flatZones[zoneIndex]!, measure);
      if (expected > 0) nonZero++;
      expect(Math.abs(actual - expected) / whole, `feature ${featureIndex} in zone ${zoneIndex}: ${actual} vs ${expected}`).toBeLessThan(tolerance);
    });
  });
  return nonZero;
}

describe('intersection area on misaligned data — against polyclip-ts × GeographicLib', () => {
  it('agrees on shared edges, vertex touches, edges along borders, holes, multipolygons and overlapping zones (1e-9 of the feature)', () => {
    const nonZero = expectPiecesMatch(contactFeatures(), contactZones(), 1e-9);
    expect(nonZero).toBeGreaterThan(15);
  });

  it('agrees on wiggly cells over the contact zones (1e-9 of the feature)', () => {
    const cells = wigglyCells({ columns: 8, rows: 8, west: 108.701, south: 28.8013, width: 0.0097, height: 0.0098, seed: 3 });
    expect(cells.features.every((cell) => (cell.geometry as Polygon).coordinates[0]!.length - 1 >= 40)).toBe(true);
    expectPiecesMatch(cells, contactZones(), 1e-9);
  });

  it('per-zone statistics match the reference on cells over real, overlapping county outlines (1e-9)', async () => {
    // Around a stretch of Youyang's border with Xiushan, where the two outlines overlap.
    const zones = countyZones();
    const cells = wigglyCells({ columns: 6, rows: 6, west: 108.9, south: 28.62, width: 0.012, height: 0.011, seed: 5 });
    const layers = [{ id: 'subcompartments', features: cells, categoryField: 'DI_LEI' }];
    const result = await computeOverlayStatistics({ zones, layers });
    expect(result.layers[0]!.path.clipped).toBeGreaterThan(3);
    const reference = referenceStatistics(zones, layers, result.forestLayerId, SLIVER_FRACTION);
    result.zones.forEach((zone, index) => {
      const expected = reference[index]!;
      const actual = zone.layers.subcompartments!;
      expect(relative(actual.areaSquareMetres, expected.layers.subcompartments!.area), zone.name).toBeLessThan(1e-9);
      expect(actual.featureCount, zone.name).toBe(expected.layers.subcompartments!.count);
      expect(relative(zone.forestAreaSquareMetres, expected.forestArea), zone.name).toBeLessThan(1e-9);
    });
  });

  it('per-zone statistics match the reference for the contact cases through the whole engine (1e-9)', async () => {
    const zones = contactZones();
    const layers = [{ id: 'plots', features: contactFeatures() }];
    const result = await computeOverlayStatistics({ zones, layers });
    const reference = referenceStatistics(zones, layers, result.forestLayerId, SLIVER_FRACTION);
    result.zones.forEach((zone, index) => {
      const expected = reference[index]!.layers.plots!;
      expect(relative(zone.layers.plots!.areaSquareMetres, expected.area), zone.name).toBeLessThan(1e-9);
      expect(zone.layers.plots!.featureCount, zone.name).toBe(expected.count);
    });
  });
});
