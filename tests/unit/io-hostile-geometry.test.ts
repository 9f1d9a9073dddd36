/**
 * Hostile geometry and attribute values: Infinity/NaN (JSON 1e400), unknown types ("Circle"),
 * string coordinates, empty parts, attributes nested 20,000 deep. Unusable features are listed per
 * feature (file, index, reason) and never reach the layer, its bbox or the result.
 */
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';

const encode = (text: string) => new TextEncoder().encode(text);

const GOOD = '{"type":"Feature","properties":{"name":"好"},"geometry":{"type":"Point","coordinates":[108.77,28.84]}}';
const HOSTILE = [
  '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e400,28.8]}}',
  '{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[108.7,28.8],"radius":5}}',
  '{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[["108.7","28.8"],["108.8","28.9"]]}}',
  '{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[108.7,28.8],[108.8,28.8],[108.8,28.9],[108.7,28.8]]],[]]}}',
  '{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[108.7,28.8],[108.8,-1e400],[108.8,28.9],[108.7,28.8]]]}}',
];

describe('hostile geometry values', () => {
  it('lists each unusable feature with file, index and reason, and keeps them out of the layer and its bbox', async () => {
    const text = `{"type":"FeatureCollection","features":[${[GOOD, ...HOSTILE].join(',')}]}`;
    const result = await importFiles([{ name: '坏几何.geojson', bytes: encode(text) }]);
    expect(result.errors).toEqual([]);
    const [layer] = result.layers;
    expect(layer!.featureCount).toBe(1);
    expect(layer!.bbox).toEqual([108.77, 28.84, 108.77, 28.84]);
    expect(layer!.skippedCount).toBe(5);
    expect(layer!.issues.map((issue) => [issue.featureIndex, issue.code, issue.action])).toEqual([
      [1, 'non-finite-coordinate', 'skipped'],
      [2, 'unknown-geometry-type', 'skipped'],
      [3, 'non-numeric-coordinate', 'skipped'],
      [4, 'empty-part', 'skipped'],
      [5, 'non-finite-coordinate', 'skipped'],
    ]);
    expect(layer!.issues[1]!.message).toEqual({
      zh: '坏几何.geojson：要素2：未知的几何类型“Circle”，已跳过',
      en: '坏几何.geojson: feature 2: unknown geometry type "Circle"; skipped',
    });
  });

  it('a file with only unusable features is a typed error naming the first', async () => {
    const result = await importFiles([{ name: 'circle.geojson', bytes: encode(HOSTILE[1]!) }]);
    expect(result.errors.map((error) => error.code)).toEqual(['no-usable-features']);
    expect(result.errors[0]!.message.en).toBe('circle.geojson: none of the 1 features has a usable geometry; for example: circle.geojson: feature 0: unknown geometry type "Circle"; skipped');
  });

  it('an attribute nested 20,000 deep is cut at 32 levels with a warning, and the result can be posted', async () => {
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const text = `{"type":"Feature","properties":{"deep":${deep}},"geometry":{"type":"Point","coordinates":[108.77,28.84]}}`;
    const result = await importFiles([{ name: '深.geojson', bytes: encode(text) }]);
    expect(result.errors).toEqual([]);
    expect(() => structuredClone(result)).not.toThrow();
    expect(result.layers[0]!.warnings.map((warning) => warning.message.en)).toContain(
      '1 features (first: feature 0) have attribute values nested deeper than 32 levels: the deeper part was removed',
    );
  });
});
