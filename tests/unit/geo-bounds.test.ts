import { describe, expect, it } from 'vitest';
import type { Geometry, Polygon } from 'geojson';
import { boundingBoxesOverlap, boundingBoxOf, emptyBoundingBox, extendBoundingBox } from '../../src/lib/geo/bounds';
import { labelPoints } from '../../src/lib/geo/label-point';
import { multiPolygonOrNull, polygonalGeometry } from '../../src/lib/geo/polygon-clipping';

const square = (x: number, y: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

describe('bounding boxes', () => {
  it('covers every geometry given, nested collections included', () => {
    const geometries: (Geometry | null)[] = [
      square(108, 28, 1),
      null,
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [107.5, 29.5] }] },
    ];
    expect(boundingBoxOf(geometries)).toEqual([107.5, 28, 109, 29.5]);
  });

  it('recomputes from the coordinates instead of trusting a stale bbox member', () => {
    const stale: Polygon = { ...square(108, 28, 1), bbox: [0, 0, 1, 1] };
    expect(boundingBoxOf([stale])).toEqual([108, 28, 109, 29]);
  });

  it('is null when there is no coordinate', () => {
    expect(boundingBoxOf([null, { type: 'MultiPolygon', coordinates: [] }])).toBeNull();
  });

  it('grows point by point from an empty box', () => {
    const box = emptyBoundingBox();
    extendBoundingBox(box, [2, -1]);
    extendBoundingBox(box, [-3, 4]);
    expect(box).toEqual([-3, -1, 2, 4]);
  });

  it('counts touching boxes as overlapping, separate ones not', () => {
    expect(boundingBoxesOverlap([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(boundingBoxesOverlap([0, 0, 1, 1], [1.01, 0, 2, 1])).toBe(false);
  });
});

describe('polygon parts as geometry', () => {
  const part = square(0, 0, 1).coordinates;
  it('is a Polygon for one part, a MultiPolygon for more, null for none', () => {
    expect(polygonalGeometry([part])).toEqual({ type: 'Polygon', coordinates: part });
    expect(polygonalGeometry([part, part])?.type).toBe('MultiPolygon');
    expect(polygonalGeometry([])).toBeNull();
    expect(multiPolygonOrNull([part])).toEqual({ type: 'MultiPolygon', coordinates: [part] });
    expect(multiPolygonOrNull([])).toBeNull();
  });
});

describe('label point features', () => {
  it('puts one point inside each polygon, keeps ids and properties, skips other geometries', () => {
    // An L shape: its vertex mean and bounding-box centre both lie outside the polygon.
    const ell: Polygon = { type: 'Polygon', coordinates: [[[108, 28], [108.1, 28], [108.1, 28.01], [108.01, 28.01], [108.01, 28.1], [108, 28.1], [108, 28]]] };
    const points = labelPoints({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 0, properties: { name: 'point' }, geometry: { type: 'Point', coordinates: [108, 28] } },
        { type: 'Feature', id: 1, properties: { name: 'ell' }, geometry: ell },
      ],
    });
    expect(points.features).toHaveLength(1);
    const [label] = points.features;
    expect(label!.id).toBe(1);
    expect(label!.properties).toEqual({ name: 'ell' });
    const [x, y] = label!.geometry.coordinates as [number, number];
    const insideArm = (x <= 108.01 && y <= 28.1) || (y <= 28.01 && x <= 108.1);
    expect(insideArm && x >= 108 && y >= 28).toBe(true);
  });
});
