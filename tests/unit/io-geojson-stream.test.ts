import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { importFiles } from '../../src/lib/io';
import { importFailure } from '../../src/lib/io/errors';
import { importFilesCompact } from '../../src/lib/io/import-files';
import { decodeFeatures, type EncodedFeatureChunk } from '../../src/lib/io/feature-chunks';
import { indexFeatureCollection } from '../../src/lib/io/geojson-stream';
import { writeShapefile } from '../../src/lib/io/write-shapefile';

const encode = (text: string) => new TextEncoder().encode(text);
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function square(x: number, y: number, properties: Record<string, unknown>, id?: string | number): Feature {
  const ring = [
    [x, y],
    [x + 0.001, y],
    [x + 0.001, y + 0.001],
    [x, y + 0.001],
    [x, y],
  ];
  return { type: 'Feature', ...(id !== undefined ? { id } : {}), properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Strings full of what a naive splitter would trip on: brackets, quotes, escapes, braces, CJK, emoji. */
const TRICKY = ['a}b]c{d[e', 'say "hi" \\ there', '\\"}]', '龚滩镇 — 中文', '😀 \u2028 line', ''];

function trickyCollection(count: number): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: count }, (_, index) =>
      square(108.6 + (index % 100) * 0.002, 28.8 + Math.floor(index / 100) * 0.002, { n: index, text: TRICKY[index % TRICKY.length], nested: { list: [[index], { '}': ']' }] } }, index % 3 === 0 ? `id-${index}` : index),
    ),
  };
}

describe('indexFeatureCollection', () => {
  it('gives exactly the features and members JSON.parse gives, with brackets and quotes inside strings', () => {
    const collection = { type: 'FeatureCollection', name: 'x]}{"', crs: { type: 'name', properties: { name: 'EPSG:4326' } }, features: trickyCollection(37).features, bbox: [1, 2, 3, 4] };
    for (const text of [JSON.stringify(collection), JSON.stringify(collection, null, 2), `\n\t ${JSON.stringify(collection, null, '\t')} \r\n`]) {
      const index = indexFeatureCollection(encode(text))!;
      expect(index).not.toBeNull();
      expect(index.count).toBe(37);
      expect(index.take(0, index.count)).toEqual(JSON.parse(text).features);
      expect(index.take(30, 1000)).toEqual(JSON.parse(text).features.slice(30));
      expect(index.members).toEqual({ type: 'FeatureCollection', name: 'x]}{"', crs: collection.crs, bbox: [1, 2, 3, 4] });
      expect(index.isUtf8()).toBe(true);
    }
  });

  it('reads a file with a byte order mark and an empty feature list', () => {
    const bytes = new Uint8Array([...BOM, ...encode('{"features":[],"type":"FeatureCollection"}')]);
    const index = indexFeatureCollection(bytes)!;
    expect(index.count).toBe(0);
    expect(index.members).toEqual({ type: 'FeatureCollection' });
  });

  it('refuses (null) anything that is not one whole top-level object with one "features" array', () => {
    const whole = JSON.stringify(trickyCollection(3));
    const refused = [
      whole.slice(0, whole.length - 1), // truncated: the closing brace is missing
      whole.slice(0, Math.floor(whole.length / 2)), // truncated mid-feature
      `${whole} junk`, // trailing junk
      `${whole}{}`,
      '[1,2,3]',
      '{"type":"Feature","geometry":null,"properties":{}}', // no features array
      '{"type":"FeatureCollection","features":{}}',
      '{"type":"FeatureCollection","features":[],"features":[]}', // duplicate
      '{"type":"FeatureCollection","features":[{"a":"unterminated}]}',
      '{"type":"FeatureCollection" "features":[]}', // missing comma
      '{"type":"FeatureCollection","features":[{},]}', // trailing comma
      '{"type":tru,"features":[]}', // a member that is not JSON
      '',
      '   ',
    ];
    for (const text of refused) expect(indexFeatureCollection(encode(text)), text.slice(0, 80)).toBeNull();
  });

  it('reports invalid UTF-8 (GBK bytes) instead of decoding it', () => {
    const gbk = new Uint8Array([...encode('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"'), 0xc1, 0xfa, ...encode('"},"geometry":null}]}')]);
    expect(indexFeatureCollection(gbk)!.isUtf8()).toBe(false);
  });

  it('parses a feature with a huge string and deep nesting on its own', () => {
    const huge = 'x'.repeat(5_000_000);
    let deep: unknown = 'bottom';
    for (let level = 0; level < 500; level++) deep = [deep];
    const text = JSON.stringify({ type: 'FeatureCollection', features: [square(108.7, 28.9, { huge, deep }), square(108.8, 28.9, { n: 2 })] });
    const index = indexFeatureCollection(encode(text))!;
    expect(index.count).toBe(2);
    const [first, second] = index.take(0, 2) as Feature[];
    expect((first!.properties!.huge as string).length).toBe(5_000_000);
    expect(second!.properties).toEqual({ n: 2 });
  });
});

describe('importFiles on a streamed GeoJSON', () => {
  it('gives the same features as parsing the whole text, through the compact chunks too', async () => {
    const collection = trickyCollection(12_345);
    const text = JSON.stringify(collection);
    const streamed = (await importFiles([{ name: 'tricky.geojson', bytes: encode(text) }])).layers[0]!;
    // Parsing the whole text is what the reader did before (and still does for other JSON).
    expect(streamed.collection.features).toEqual(JSON.parse(text).features);
    expect(streamed.featureCount).toBe(12_345);
    expect(streamed.crs.code).toBe('EPSG:4326');
    const chunks: Array<[number, EncodedFeatureChunk]> = [];
    const compact = await importFilesCompact([{ name: 'tricky.geojson', bytes: new Uint8Array([...BOM, ...encode(text)]) }], {}, (key, chunk) => chunks.push([key, chunk]));
    expect(compact.layers.map((layer) => layer.key)).toEqual([0]);
    expect(chunks.map(([, chunk]) => chunk.count)).toEqual([5000, 5000, 2345]);
    const decoded: Feature[] = [];
    for (const [, chunk] of chunks) decodeFeatures(chunk, decoded);
    expect(decoded).toEqual(streamed.collection.features);
    const { collection: _features, ...summary } = streamed;
    expect({ ...compact.layers[0]!.layer, collection: undefined }).toEqual({ ...summary, collection: undefined });
  });

  it('names file, feature and problem exactly as before for features taken out and invalid polygons', async () => {
    const features: unknown[] = trickyCollection(6001).features;
    features[5003] = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[108.7, 'north']]] } };
    features[3] = 'not a feature';
    const bowtie = square(108.71, 28.91, {}, 'bow');
    (bowtie.geometry as { coordinates: number[][][] }).coordinates = [[[108.71, 28.91], [108.72, 28.92], [108.72, 28.91], [108.71, 28.92], [108.71, 28.91]]];
    features[5500] = bowtie;
    const layer = (await importFiles([{ name: '林班.geojson', bytes: encode(JSON.stringify({ type: 'FeatureCollection', features })) }])).layers[0]!;
    expect(layer.featureCount).toBe(5999);
    expect(layer.skippedCount).toBe(2);
    expect(layer.invalidCount).toBe(3);
    expect(layer.issues.filter((issue) => issue.code === 'not-a-feature').map((issue) => issue.message.en)).toEqual(['林班.geojson: feature 3: not a GeoJSON feature ("not a feature"); skipped']);
    expect(layer.issues.some((issue) => issue.featureIndex === 5003 && issue.message.en.startsWith('林班.geojson: feature 5003: '))).toBe(true);
    expect(layer.issues.find((issue) => issue.code === 'self-intersection')).toMatchObject({ featureIndex: 5500, featureId: 'bow', action: 'kept' });
    expect(layer.warnings.map((warning) => warning.message.en)).toContain(
      '2 features with unusable geometry (unknown type, non-numeric or infinite coordinates, empty parts) were skipped: see the geometry check list',
    );
  });

  it('a truncated or broken file fails with the line and column, as before', async () => {
    const text = JSON.stringify(trickyCollection(20), null, 1);
    const truncated = await importFiles([{ name: '截断.geojson', bytes: encode(text.slice(0, 3000)) }]);
    expect(truncated.layers).toEqual([]);
    expect(truncated.errors[0]!.code).toBe('invalid-json');
    // The scan only checks nesting: a feature with a bad literal is found when it is parsed.
    const broken = text.replace('"n": 7', '"n": tru');
    const lines = broken.slice(0, broken.indexOf('tru,')).split('\n');
    const failed = await importFiles([{ name: '坏.geojson', bytes: encode(broken) }]);
    expect(failed.layers).toEqual([]);
    expect(failed.errors.map((error) => error.message)).toEqual([importFailure('invalid-json', '坏.geojson', { line: lines.length, column: lines.at(-1)!.length + 1 }).message]);
  });

  it('a GBK file is still read (as GB18030, with the warning)', async () => {
    const prefix = encode('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"XIANG":"');
    const suffix = encode('"},"geometry":{"type":"Point","coordinates":[108.7,28.9]}}]}');
    const layer = (await importFiles([{ name: 'gbk.geojson', bytes: new Uint8Array([...prefix, 0xc1, 0xfa, 0xcc, 0xb6, ...suffix]) }])).layers[0]!;
    expect(layer.collection.features[0]!.properties!.XIANG).toBe('龙潭');
    expect(layer.warnings.map((warning) => warning.message.en)).toContain('the file is not UTF-8; read as GBK');
  });
});

describe('a shapefile read in batches', () => {
  it('gives every record with its attributes across batch boundaries, in file order', async () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: Array.from({ length: 10_007 }, (_, index) => square(108.6 + (index % 100) * 0.002, 28.8 + Math.floor(index / 100) * 0.002, { N: index, NAME: `小班${index}` })),
    };
    const { zip } = writeShapefile(collection, { name: '小班', crs: 'EPSG:4326' });
    const layer = (await importFiles([{ name: '小班.zip', bytes: zip }])).layers[0]!;
    expect(layer.featureCount).toBe(10_007);
    expect(layer.collection.features.map((feature) => feature.properties!.N)).toEqual(collection.features.map((_, index) => index));
    expect(layer.collection.features[5000]!.properties!.NAME).toBe('小班5000');
    const ring = (feature: Feature) => (feature.geometry as { coordinates: number[][][] }).coordinates[0]!;
    for (const index of [0, 4999, 5000, 10_006]) {
      const expected = ring(collection.features[index]!);
      const actual = ring(layer.collection.features[index]!);
      expect(actual).toHaveLength(expected.length);
      // Shapefile rings run clockwise: the same corners, possibly reversed.
      expect(new Set(actual.map((position) => position.join(',')))).toEqual(new Set(expected.map((position) => position.join(','))));
    }
  });
});
