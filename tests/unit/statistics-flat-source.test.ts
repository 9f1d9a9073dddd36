/**
 * The statistics worker's way in for FlatGeobuf layers: decoded straight into flat arrays
 * (lib/statistics/flat-source.ts, io/flatgeobuf-flat.ts) — properties as the checked reader reads
 * them, in place when the job owns the bytes (untouched when the flat reader gives up), and the
 * same statistics, notes and errors as the GeoJSON way.
 */
import type { Feature, FeatureCollection, Position } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { describe, expect, it } from 'vitest';
import { reprojectGeoJson } from '../../src/lib/geo/crs';
import type { FlatFeatureLayer } from '../../src/lib/geo/overlay/flat-layer';
import type { InvalidGeometryPolicy } from '../../src/lib/geo/overlay/types';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { decodeFlatFeatures, scanFlatGeobuf } from '../../src/lib/io/flatgeobuf-flat';
import { decodeFlatLayerSource } from '../../src/lib/statistics/flat-source';
import { runStatisticsJob, type StatisticsResult } from '../../src/lib/statistics/job';
import { contactFeatures } from './fixtures/geo/contact-cases';
import { box, collection, feature, gridCells, gridZones, random } from './fixtures/geo/synthetic';

const fgb = (value: FeatureCollection, crs?: number) => serialize(value as Parameters<typeof serialize>[0], crs) as Uint8Array;

/** A ring of `count` vertices around (x, y), closed. */
function circle(x: number, y: number, radius: number, count: number): Position[] {
  const ring = Array.from({ length: count }, (_, index): Position => [x + radius * Math.cos((2 * Math.PI * index) / count), y + radius * Math.sin((2 * Math.PI * index) / count)]);
  return [...ring, ring[0]!];
}

/**
 * Cells, the contact cases (holes, multipolygons, shared edges), a multipolygon of long parts (a
 * FlatBuffers writer stores the later parts first) and three features validation must repair.
 */
function layer(): FeatureCollection {
  // First in the file: in place, its parts have no earlier features' headers to spare them.
  const features: Feature[] = [
    { type: 'Feature', properties: { DI_LEI: '乔木林地', YU_BI_DU: 0.5 }, geometry: { type: 'MultiPolygon', coordinates: [[circle(108.76, 28.86, 0.01, 300)], [circle(108.79, 28.86, 0.01, 200), circle(108.79, 28.86, 0.004, 100)], [circle(108.82, 28.86, 0.01, 250)]] } },
    ...gridCells(12, 0.01, 108.7, 28.8, 5).features, ...contactFeatures().features.map((item) => ({ ...item, properties: { DI_LEI: '竹林地', YU_BI_DU: 0.4 } })),
  ];
  features.push(feature([[[108.72, 28.81], [108.75, 28.83], [108.75, 28.81], [108.72, 28.83], [108.72, 28.81]]], { DI_LEI: '乔木林地', YU_BI_DU: 0.3 })); // a bow-tie across a border
  features.push(feature([[[108.73, 28.82], [108.745, 28.82], [108.745, 28.82], [108.745, 28.83], [108.73, 28.83], [108.73, 28.82]]], { DI_LEI: '竹林地', YU_BI_DU: 0.6 })); // a repeated vertex
  features.push(feature([[[108.735, 28.805], [108.745, 28.805], [108.745, 28.812], [108.735, 28.812]]], { DI_LEI: '乔木林地', YU_BI_DU: 0.7 })); // an open ring
  return collection(features);
}

/** Every typed array and the properties, comparable with toEqual. */
const plain = (flat: FlatFeatureLayer) => ({
  ...flat,
  coordinates: Array.from(flat.coordinates),
  ringStart: Array.from(flat.ringStart),
  ringPart: Array.from(flat.ringPart),
  ringInPart: Array.from(flat.ringInPart),
  featureRing: Array.from(flat.featureRing),
  multi: Array.from(flat.multi),
});

/** Whether two typed arrays hold the same bytes. */
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const withoutTimings = (result: StatisticsResult) => ({ ...result, overlay: { ...result.overlay, elapsedMilliseconds: 0 }, timings: null });

describe('FlatGeobuf into flat arrays for the statistics worker', () => {
  it('reads every property type as the checked reader does (ASCII, Chinese and long text, numbers, booleans, JSON, nulls)', async () => {
    const long = 'x'.repeat(70);
    const values = [
      { CODE: 'C1', NAME: '后坪乡', NOTE: long, AREA: 12.5, COUNT: 3, OK: true, META: { a: [1, '二'] } },
      { CODE: '', NAME: 'Banjiao', NOTE: `${long}林`, AREA: -0.25, COUNT: 0, OK: false, META: { b: null } },
      { CODE: 'C3', NAME: null, NOTE: '\uFEFFBOM', AREA: null, COUNT: 2 ** 40, OK: null, META: null },
    ];
    const bytes = fgb(collection(values.map((properties, index) => feature([box(108.7 + index * 0.01, 28.8, 0.005)], properties))));
    const expected = await readFlatGeobuf(bytes, 'p.fgb');
    const flat = decodeFlatFeatures(bytes, scanFlatGeobuf(bytes, 'p.fgb')!)!;
    expect(flat.properties).toEqual(expected.features.map((item) => item.properties));
    expect(flat.properties[0]).toMatchObject({ NAME: '后坪乡', NOTE: long, META: { a: [1, '二'] } });
  });

  it('decodes in place (ranges one after another, as the pool does) to the layer a copy gives', () => {
    const bytes = fgb(layer());
    const scan = scanFlatGeobuf(bytes, 'l.fgb')!;
    const features = scan.offsets.length - 1;
    const split = Math.floor(features / 3);
    const copied = [decodeFlatFeatures(bytes, scan, 0, split)!, decodeFlatFeatures(bytes, scan, split, features)!];
    const own = bytes.slice();
    const inPlace = [decodeFlatFeatures(own, scan, 0, split, { inPlace: true })!, decodeFlatFeatures(own, scan, split, features, { inPlace: true })!];
    expect(inPlace.map(plain)).toEqual(copied.map(plain));
    // The coordinates now live in the file's own bytes, which they overwrote.
    expect(inPlace[1]!.coordinates.buffer).toBe(own.buffer);
    expect(own).not.toEqual(bytes);
  });

  it('on damaged files never throws, and decodes in place what it decodes into new memory (or neither)', () => {
    // overlay-flat.test.ts compares what the flat reader decodes from damaged files with the checked reader.
    const bytes = fgb(layer());
    const next = random(23);
    let decoded = 0;
    for (let trial = 0; trial < 200; trial++) {
      const damaged = bytes.slice();
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      const scan = scanFlatGeobuf(damaged, 'damaged.fgb');
      if (!scan) continue;
      const copied = decodeFlatFeatures(damaged, scan);
      const own = damaged.slice();
      const inPlace = decodeFlatFeatures(own, scan, 0, scan.offsets.length - 1, { inPlace: true });
      expect(inPlace === null).toBe(copied === null);
      if (!copied || !inPlace) {
        expect(sameBytes(own, damaged)).toBe(true);
        continue;
      }
      decoded++;
      for (const key of ['coordinates', 'ringStart', 'ringPart', 'ringInPart', 'featureRing', 'multi'] as const) expect(sameBytes(inPlace[key], copied[key]), key).toBe(true);
      expect(inPlace.properties).toEqual(copied.properties);
    }
    expect(decoded).toBeGreaterThan(0);
  });

  it('leaves the bytes untouched when it gives up (a NaN in the last feature)', () => {
    const features = layer();
    features.features.push(feature([[[108.7, 28.8], [108.71, Number.NaN], [108.71, 28.81], [108.7, 28.8]]], { DI_LEI: '竹林地' }));
    const bytes = fgb(features);
    const before = bytes.slice();
    expect(decodeFlatLayerSource(bytes, 'nan.fgb', true)).toBeNull();
    expect(bytes).toEqual(before);
  });

  it('reprojects a projected layer (copying: a failed reprojection must leave the bytes for the GeoJSON reader)', async () => {
    const lonLat = layer();
    const bytes = fgb(reprojectGeoJson(lonLat, 'EPSG:4326', 'EPSG:4545'), 4545);
    const before = bytes.slice();
    const flat = decodeFlatLayerSource(bytes, 'projected.fgb', true)!;
    expect(bytes).toEqual(before);
    const expected = decodeFlatFeatures(fgb(lonLat), scanFlatGeobuf(fgb(lonLat), 'l.fgb')!)!;
    flat.coordinates.forEach((value, index) => expect(Math.abs(value - expected.coordinates[index]!)).toBeLessThan(1e-9));
  });
});

describe('the statistics job on flat FlatGeobuf layers', () => {
  const zones = gridZones();

  it.each<InvalidGeometryPolicy>(['repair', 'error'])('gives the GeoJSON way’s statistics, notes and errors (policy %s)', async (invalidGeometry) => {
    const features = layer();
    const run = (source: FeatureCollection | Uint8Array, owned: boolean) =>
      runStatisticsJob({ zones, invalidGeometry, layers: [{ id: 'subcompartments', source, categoryField: 'DI_LEI' }] }, {}, { owned }).then(withoutTimings, (error: unknown) => error);
    // What the job did before: the bytes read into GeoJSON by the checked reader (ids = feature indices).
    const reference = await run(await readFlatGeobuf(fgb(features), 'l.fgb'), false);
    const copied = await run(fgb(features), false);
    const own = fgb(features);
    const before = own.slice();
    const inPlace = await run(own, true);
    expect(copied).toEqual(reference);
    expect(inPlace).toEqual(reference);
    if (invalidGeometry === 'error') expect(reference).toBeInstanceOf(Error);
    else {
      expect((reference as StatisticsResult).overlay.notes.length).toBeGreaterThan(0);
      // Proof that the flat way ran: it decoded the owned bytes in place.
      expect(own).not.toEqual(before);
    }
  });

  it('keeps bytes another source shares, and bytes the caller still owns', async () => {
    const bytes = fgb(layer());
    const before = bytes.slice();
    const result = await runStatisticsJob({ zones, layers: [{ id: 'a', source: bytes }, { id: 'b', source: bytes }] }, {}, { owned: true });
    expect(bytes).toEqual(before);
    expect(result.overlay.zones.map((zone) => zone.layers.a!.areaSquareMetres)).toEqual(result.overlay.zones.map((zone) => zone.layers.b!.areaSquareMetres));
    await runStatisticsJob({ zones, layers: [{ id: 'a', source: bytes }] });
    expect(bytes).toEqual(before);
  });
});
