/**
 * The flat path of the statistics engine: FlatGeobuf decoded straight into typed arrays
 * (io/flatgeobuf-flat.ts), validated without GeoJSON (cleanFlatRing, checkFlatGeometry), measured
 * in parts as the CLI's worker pool does (statistics/flat-part.ts) — against the GeoJSON path and
 * the slow reference (polyclip-ts × GeographicLib) on misaligned cases.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { describe, expect, it } from 'vitest';
import { countyZones, wigglyCells } from '../../scripts/bench/misaligned-fixture';
import { computeOverlayStatistics, computeOverlayStatisticsInParts, prepareZones } from '../../src/lib/geo/overlay/engine';
import { flatFeatureGeometry, type FlatFeatureLayer } from '../../src/lib/geo/overlay/flat-layer';
import { SLIVER_FRACTION } from '../../src/lib/geo/overlay/layer-pass';
import { NoteCollector } from '../../src/lib/geo/overlay/prepare-features';
import type { InvalidGeometryPolicy, OverlayRequest, OverlayResult } from '../../src/lib/geo/overlay/types';
import { cleanFlatRing, cleanRing } from '../../src/lib/geo/validation/clean-ring';
import { FileRangeReader } from '../../src/cli/file-range-reader';
import { readFlatLayer } from '../../src/cli/read-flat-layer';
import { reprojectGeoJson } from '../../src/lib/geo/crs';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { decodeFlatFeatures, FlatGeobufOffsetScanner, scanFlatGeobuf } from '../../src/lib/io/flatgeobuf-flat';
import { checkFlatGeobufHeader } from '../../src/lib/io/flatgeobuf-header';
import { batchBoundaries, claimInOrder, claimShared, measureFlatGeobufPart, type FlatPartJob } from '../../src/lib/statistics/flat-part';
import { contactFeatures, contactZones } from './fixtures/geo/contact-cases';
import { box, collection, feature, random } from './fixtures/geo/synthetic';
import { referenceStatistics } from './geo-overlay-reference';

const toBytes = (features: FeatureCollection) => serialize(features as never) as Uint8Array;
const relative = (actual: number, expected: number) => (expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected));

function decodeAll(bytes: Uint8Array): FlatFeatureLayer {
  const scan = scanFlatGeobuf(bytes, 'test.fgb');
  expect(scan).not.toBeNull();
  const layer = decodeFlatFeatures(bytes, scan!);
  expect(layer).not.toBeNull();
  return layer!;
}

/** The contact cases and wiggly cells with categories, plus features validation must repair. */
function misalignedLayer(): FeatureCollection {
  const categories = ['乔木林地', '竹林地', '灌木林地'];
  const cells = wigglyCells({ columns: 5, rows: 5, west: 108.701, south: 28.8013, width: 0.0097, height: 0.0098, seed: 7 });
  const features: Feature[] = [...contactFeatures().features, ...cells.features].map((item, index) => ({
    ...item,
    properties: { DI_LEI: categories[index % 3], YU_BI_DU: index % 4 === 0 ? null : 0.5 },
  }));
  features.push(feature([[[108.72, 28.81], [108.75, 28.83], [108.75, 28.81], [108.72, 28.83], [108.72, 28.81]]], { DI_LEI: '乔木林地' })); // a bow-tie across the border
  features.push(feature([[[108.73, 28.82], [108.745, 28.82], [108.745, 28.82], [108.745, 28.83], [108.73, 28.83], [108.73, 28.82]]], { DI_LEI: '竹林地' })); // a repeated vertex
  features.push(feature([[[108.735, 28.805], [108.745, 28.805], [108.745, 28.812], [108.735, 28.812]]], { DI_LEI: '竹林地' })); // an open ring
  return collection(features);
}

function expectSameResult(actual: OverlayResult, expected: OverlayResult, tolerance: number): void {
  expect(actual.zones.length).toBe(expected.zones.length);
  actual.zones.forEach((zone, index) => {
    const other = expected.zones[index]!;
    expect(zone.areaSquareMetres).toBe(other.areaSquareMetres);
    expect(relative(zone.forestAreaSquareMetres, other.forestAreaSquareMetres), zone.name).toBeLessThan(tolerance);
    for (const [id, layer] of Object.entries(zone.layers)) {
      const reference = other.layers[id]!;
      expect(relative(layer.areaSquareMetres, reference.areaSquareMetres), `${zone.name} ${id}`).toBeLessThan(tolerance);
      expect(layer.featureCount, `${zone.name} ${id}`).toBe(reference.featureCount);
      expect(Object.keys(layer.categories)).toEqual(Object.keys(reference.categories));
      for (const [key, category] of Object.entries(layer.categories)) {
        expect(relative(category.areaSquareMetres, reference.categories[key]!.areaSquareMetres)).toBeLessThan(tolerance);
        expect(category.featureCount).toBe(reference.categories[key]!.featureCount);
      }
    }
  });
  const withoutAreas = (result: OverlayResult) => result.layers.map(({ areaSquareMetres: _area, outsideAreaSquareMetres: _outside, ...rest }) => rest);
  expect(withoutAreas(actual)).toEqual(withoutAreas(expected));
  expect(actual.notes).toEqual(expected.notes);
}

describe('FlatGeobuf straight into flat arrays', () => {
  it('decodes polygons, holes and multipolygons with their properties as the GeoJSON reader does', async () => {
    const source = misalignedLayer();
    const bytes = toBytes(source);
    const flat = decodeAll(bytes);
    const geojson = await readFlatGeobuf(bytes, 'test.fgb');
    expect(flat.count).toBe(geojson.features.length);
    geojson.features.forEach((item, index) => {
      expect(flatFeatureGeometry(flat, index)).toEqual(item.geometry);
      expect(flat.properties[index]).toEqual(item.properties);
    });
    // A range starts at its own feature index.
    const scan = scanFlatGeobuf(bytes, 'test.fgb')!;
    const range = decodeFlatFeatures(bytes, scan, 10, 20)!;
    expect(range.first).toBe(10);
    expect(flatFeatureGeometry(range, 0)).toEqual(geojson.features[10]!.geometry);
  });

  it('leaves to the checked reader what is not plain polygons: points, NaN, a file cut short', () => {
    const points = toBytes(collection([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.7, 28.8] } }]));
    expect(decodeFlatFeatures(points, scanFlatGeobuf(points, 'p.fgb')!)).toBeNull();
    const withNaN = toBytes(collection([feature([[[108.7, 28.8], [NaN, 28.8], [108.71, 28.81], [108.7, 28.8]]])]));
    expect(decodeFlatFeatures(withNaN, scanFlatGeobuf(withNaN, 'n.fgb')!)).toBeNull();
    const whole = toBytes(collection([feature([box(108.7, 28.8, 0.01)]), feature([box(108.72, 28.8, 0.01)])]));
    expect(scanFlatGeobuf(whole.subarray(0, whole.length - 7), 'cut.fgb')).toBeNull();
    expect(scanFlatGeobuf(new Uint8Array([1, 2, 3]), 'junk.fgb')).toBeNull();
  });

  it('never throws on damaged files, and what it decodes the checked reader reads the same', async () => {
    const bytes = toBytes(misalignedLayer());
    const next = random(11);
    let decoded = 0;
    for (let trial = 0; trial < 300; trial++) {
      const damaged = bytes.slice();
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      const scan = scanFlatGeobuf(damaged, 'damaged.fgb');
      const flat = scan ? decodeFlatFeatures(damaged, scan) : null;
      if (!flat) continue;
      decoded++;
      const geojson = await readFlatGeobuf(damaged, 'damaged.fgb');
      expect(flat.count).toBe(geojson.features.length);
      geojson.features.forEach((item, index) => {
        expect(flatFeatureGeometry(flat, index)).toEqual(item.geometry);
        expect(flat.properties[index]).toEqual(item.properties);
      });
    }
    expect(decoded).toBeGreaterThan(0);
  });

  it('cleans flat rings as GeoJSON rings are cleaned (views for clean rings, copies otherwise)', () => {
    const rings: Position[][] = [
      box(108.7, 28.8, 0.01), // closed
      box(108.7, 28.8, 0.01).slice(0, 4), // open
      [[1, 1], [2, 1], [2, 1], [2, 2], [1, 1]], // a repeated vertex
      [[1, 1], [2, 1], [NaN, 5], [2, 2], [1, 1]], // a NaN
      [[1, 1], [2, 1], [2, 2], [1, 1], [1, 1]], // the closing vertex twice
      [[1, 1]],
      [],
    ];
    for (const ring of rings) {
      const flat = Float64Array.from([9, 9, ...ring.flat(), 9, 9]);
      const cleaned = cleanFlatRing(flat, 1, 1 + ring.length);
      const reference = cleanRing(ring);
      expect({ ...cleaned, coordinates: [...cleaned.coordinates] }).toEqual({ ...reference, coordinates: [...reference.coordinates] });
    }
    expect(cleanFlatRing(Float64Array.from(box(1, 1, 1).flat()), 0, 5).coordinates.length).toBe(8);
  });
});

describe('statistics on a flat layer — misaligned cases', () => {
  it('match the GeoJSON path and polyclip-ts × GeographicLib (1e-9) on shared edges, touches, holes, multipolygons', async () => {
    // The last `repaired` features are invalid (misalignedLayer): the reference measures the valid ones.
    for (const [zones, features, repaired] of [
      [contactZones(), misalignedLayer(), 3],
      [countyZones(), wigglyCells({ columns: 6, rows: 6, west: 108.9, south: 28.62, width: 0.012, height: 0.011, seed: 5 }), 0],
    ] as const) {
      const flat = decodeAll(toBytes(features));
      const geojson = await readFlatGeobuf(toBytes(features), 'test.fgb');
      const fromFlat = await computeOverlayStatistics({ zones, layers: [{ id: 'subcompartments', features: flat, categoryField: 'DI_LEI' }] });
      const fromGeoJson = await computeOverlayStatistics({ zones, layers: [{ id: 'subcompartments', features: geojson, categoryField: 'DI_LEI' }] });
      expectSameResult(fromFlat, fromGeoJson, 1e-12);
      expect(fromFlat.layers[0]!.path.clipped).toBeGreaterThan(3);
      const valid = collection(geojson.features.slice(0, geojson.features.length - repaired));
      const validFlat = await computeOverlayStatistics({ zones, layers: [{ id: 'subcompartments', features: decodeAll(toBytes(valid)), categoryField: 'DI_LEI' }] });
      const reference = referenceStatistics(zones, [{ id: 'subcompartments', features: valid, categoryField: 'DI_LEI' }], validFlat.forestLayerId, SLIVER_FRACTION);
      validFlat.zones.forEach((zone, index) => {
        const expected = reference[index]!.layers.subcompartments!;
        expect(relative(zone.layers.subcompartments!.areaSquareMetres, expected.area), zone.name).toBeLessThan(1e-9);
        expect(zone.layers.subcompartments!.featureCount, zone.name).toBe(expected.count);
      });
    }
  });

  it('measured in parts (any split, as the worker pool does) gives the figures and notes of the whole layer', async () => {
    const zones = contactZones();
    const bytes = toBytes(misalignedLayer());
    const scan = scanFlatGeobuf(bytes, 'test.fgb')!;
    const count = scan.offsets.length - 1;
    const layers = [{ id: 'subcompartments', categoryField: 'DI_LEI' }];
    for (const policy of ['repair', 'skip'] as InvalidGeometryPolicy[]) {
      const request: OverlayRequest = { zones, invalidGeometry: policy, layers: [{ ...layers[0]!, features: decodeAll(bytes) }] };
      const whole = await computeOverlayStatistics(request);
      for (const pieces of [1, 2, 3, 7]) {
        const cuts = Array.from({ length: pieces + 1 }, (_, index) => Math.round((index * count) / pieces));
        const result = await computeOverlayStatisticsInParts(request, async (layerIndex) =>
          cuts.slice(1).flatMap((to, index) => {
            const part = measureFlatGeobufPart({ zones, invalidGeometry: policy, layers, layerIndex, bytes, scan, crs: null, from: cuts[index]!, to });
            expect(part.survey?.featureCount).toBe(to - cuts[index]!);
            return part.parts!;
          }),
        );
        expectSameResult(result, whole, 1e-12);
      }
    }
    // Policy 'error': the same error, listing the invalid features of every part.
    const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as { messages: unknown; notes: unknown[] });
    const request: OverlayRequest = { zones, invalidGeometry: 'error', layers: [{ ...layers[0]!, features: decodeAll(bytes) }] };
    const expected = await failure(computeOverlayStatistics(request));
    const actual = await failure(
      computeOverlayStatisticsInParts(request, async (layerIndex) =>
        [0, count - 2, count].slice(1).flatMap((to, index, ends) => measureFlatGeobufPart({ zones, invalidGeometry: 'error', layers, layerIndex, bytes, scan, crs: null, from: index === 0 ? 0 : ends[index - 1]!, to }).parts!),
      ),
    );
    expect(expected).not.toBeNull();
    expect(actual?.messages).toEqual(expected!.messages);
    expect(actual?.notes.length).toBe(expected!.notes.length);
  });

  it('a worker skips the zones’ own areas, which only the caller reports', () => {
    const zones = prepareZones({ zones: contactZones() }, new NoteCollector(), false);
    expect([...zones.areas].every((area) => area === 0)).toBe(true);
    expect(zones.usable).toBe(5);
  });
});

describe('a layer read in pieces (the CLI pool: each thread reads its own range a batch at a time)', () => {
  const withFile = async <T>(bytes: Uint8Array, use: (path: string) => Promise<T> | T): Promise<T> => {
    const directory = mkdtempSync(join(os.tmpdir(), 'flat-pieces-'));
    try {
      const path = join(directory, 'layer.fgb');
      writeFileSync(path, bytes);
      return await use(path);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };

  it('locates the features fed any size of piece, as from the whole file; a cut file is refused', () => {
    const bytes = toBytes(misalignedLayer());
    const whole = scanFlatGeobuf(bytes, 'test.fgb')!;
    const layout = checkFlatGeobufHeader(bytes, 'test.fgb');
    for (const piece of [5, 13, 64, 1000, 1 << 20]) {
      const scanner = new FlatGeobufOffsetScanner(layout.header, layout, bytes.length);
      while (scanner.wanting) scanner.feed(bytes.subarray(scanner.next, scanner.next + piece), scanner.next);
      expect([...scanner.finish()!.offsets], `pieces of ${piece}`).toEqual([...whole.offsets]);
    }
    for (const cut of [bytes.length - 1, bytes.length - 3, whole.offsets[5]! + 2]) {
      const scanner = new FlatGeobufOffsetScanner(layout.header, layout, cut);
      while (scanner.wanting) scanner.feed(bytes.subarray(scanner.next, Math.min(cut, scanner.next + 64)), scanner.next);
      expect(scanner.finish(), `cut at ${cut}`).toBeNull();
    }
    // The header alone, with the file's size, checks as the whole file does.
    const headerEnd = 12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
    expect(checkFlatGeobufHeader(bytes.subarray(0, headerEnd), 'test.fgb', bytes.length).featuresOffset).toBe(layout.featuresOffset);
    expect(() => checkFlatGeobufHeader(bytes.subarray(0, headerEnd - 1), 'test.fgb', bytes.length)).toThrow(RangeError);
    expect(() => checkFlatGeobufHeader(bytes.subarray(0, headerEnd), 'test.fgb', headerEnd - 1)).toThrow(/incomplete/);
  });

  it('reads ranges into one reused buffer, aligned as in the file, and says when the file is short', async () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, index) => (index * 7) % 251);
    await withFile(bytes, (path) => {
      const reader = new FileRangeReader(path);
      try {
        for (const [position, length] of [[0, 10], [3, 100], [4093, 900], [17, 4983]] as const) {
          const range = reader.read(position, length);
          expect(range.byteOffset % 8).toBe(position % 8);
          expect([...range]).toEqual([...bytes.subarray(position, position + length)]);
        }
        expect(() => reader.read(4990, 20)).toThrow(/ended at byte 5000, 10 bytes early/);
      } finally {
        reader.close();
      }
    });
  });

  it('gives the whole layer’s figures and notes with batches of any size, in longitude/latitude and in EPSG:4545', async () => {
    const zones = contactZones();
    const lonLat = misalignedLayer();
    const layers = [{ id: 'subcompartments', categoryField: 'DI_LEI' }];
    for (const [bytes, crs] of [
      [toBytes(lonLat), null],
      [serialize(reprojectGeoJson(lonLat, 'EPSG:4326', 'EPSG:4545') as never, 4545) as Uint8Array, { code: 'EPSG:4545', swapped: false }],
    ] as const) {
      const whole = await withFile(bytes, (path) => readFlatLayer(path, '--layer subcompartments', undefined, 'en'));
      expect(whole?.crs).toEqual(crs);
      const scan = scanFlatGeobuf(bytes, 'test.fgb')!;
      expect([...whole!.scan.offsets]).toEqual([...scan.offsets]);
      const count = scan.offsets.length - 1;
      const job: FlatPartJob = { zones, invalidGeometry: 'repair', layers, layerIndex: 0, scan, crs, from: 0, to: count };
      // The reference: the range decoded in one piece from the caller's bytes.
      const reference = measureFlatGeobufPart({ ...job, bytes }, undefined, undefined, claimInOrder(batchBoundaries(scan.offsets, 0, count, Infinity)));
      expect(reference.parts).toHaveLength(1);
      const request: OverlayRequest = { zones, invalidGeometry: 'repair', layers: [{ ...layers[0]!, features: decodeAll(bytes) }] };
      const expected = await computeOverlayStatisticsInParts(request, async () => reference.parts!);
      await withFile(bytes, async (path) => {
        for (const batchBytes of [1, 3000, 20_000]) {
          const reader = new FileRangeReader(path);
          try {
            const streamed = measureFlatGeobufPart(job, undefined, reader.read, claimInOrder(batchBoundaries(scan.offsets, 0, count, batchBytes)));
            expect(streamed.parts!.length, `batches of ${batchBytes} bytes`).toBeGreaterThan(batchBytes === 1 ? count - 1 : 1);
            expect(streamed.survey).toEqual(reference.survey);
            expectSameResult(await computeOverlayStatisticsInParts(request, async () => streamed.parts!), expected, 1e-12);
          } finally {
            reader.close();
          }
        }
      });
    }
  });

  it('shares batches through a counter: threads taking turns give the parts of one thread, in feature order', () => {
    const bytes = toBytes(misalignedLayer());
    const scan = scanFlatGeobuf(bytes, 'test.fgb')!;
    const count = scan.offsets.length - 1;
    const boundaries = batchBoundaries(scan.offsets, 0, count, 2500);
    expect(boundaries[0]).toBe(0);
    expect(boundaries.at(-1)).toBe(count);
    const job: FlatPartJob = { zones: contactZones(), invalidGeometry: 'repair', layers: [{ id: 'subcompartments', categoryField: 'DI_LEI' }], layerIndex: 0, scan, crs: null, from: 0, to: count, bytes };
    const alone = measureFlatGeobufPart(job, undefined, undefined, claimInOrder(boundaries));
    // Two "threads" on one counter, interleaved by claiming alternately.
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const shared = claimShared(boundaries, counter);
    const taken: (readonly [number, number])[][] = [[], []];
    for (let turn = 0, batch = shared(); batch !== null; turn++, batch = shared()) taken[turn % 2]!.push(batch);
    expect(taken[0]!.length).toBeGreaterThan(1);
    expect(taken[1]!.length).toBeGreaterThan(1);
    expect(taken.flat().map(([from]) => from).sort((a, b) => a - b)).toEqual([...boundaries.slice(0, -1)]);
    const results = taken.map((batches) => {
      let next = 0;
      return measureFlatGeobufPart(job, undefined, undefined, () => batches[next++] ?? null);
    });
    const merged = results.flatMap((result) => result.parts!.map((part, index) => ({ start: result.partStarts[index]!, part }))).sort((a, b) => a.start - b.start);
    expect(merged.map(({ start }) => start)).toEqual(alone.partStarts);
    expect(merged.map(({ part }) => part)).toEqual(alone.parts);
  });

  it('is not fooled by what is not a clean FlatGeobuf: another format, a cut file, a point layer', async () => {
    const bytes = toBytes(misalignedLayer());
    expect(await withFile(new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'), (path) => readFlatLayer(path, 'x', undefined, 'en'))).toBeNull();
    expect(await withFile(bytes.subarray(0, bytes.length - 2), (path) => readFlatLayer(path, 'x', undefined, 'en'))).toBeNull();
    expect(await withFile(bytes.subarray(0, 10), (path) => readFlatLayer(path, 'x', undefined, 'en'))).toBeNull();
    const points = toBytes(collection([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108.7, 28.8] } }]));
    expect(await withFile(points, (path) => readFlatLayer(path, 'x', undefined, 'en'))).toBeNull();
  });
});

describe('npm run stats with a worker pool', () => {
  it('gives the same JSON with 1 and 3 threads on misaligned FlatGeobuf files', async () => {
    const directory = mkdtempSync(join(os.tmpdir(), 'stats-pool-'));
    try {
      writeFileSync(join(directory, 'zones.fgb'), toBytes(contactZones()));
      writeFileSync(join(directory, 'polygons.fgb'), toBytes(misalignedLayer()));
      const outputs: string[] = [];
      for (const threads of ['1', '3']) {
        const out = join(directory, `stats-${threads}.json`);
        await promisify(execFile)('npx', ['tsx', 'src/cli/stats.ts', '--zones', join(directory, 'zones.fgb'), '--layer', `subcompartments=${join(directory, 'polygons.fgb')}`, '--format', 'json', '--out', out], {
          env: { ...process.env, YOUYANG_STATS_THREADS: threads },
          timeout: 60_000,
        });
        outputs.push(readFileSync(out, 'utf8'));
      }
      const [one, three] = outputs.map((text) => JSON.parse(text) as { zones: { layers: { subcompartments: { areaSquareMetres: number; featureCount: number } } }[]; notes: unknown[] });
      expect(one!.notes.length).toBeGreaterThan(0); // the repaired features are reported
      expect(three!.notes).toEqual(one!.notes);
      three!.zones.forEach((zone, index) => {
        const reference = one!.zones[index]!.layers.subcompartments;
        expect(relative(zone.layers.subcompartments.areaSquareMetres, reference.areaSquareMetres)).toBeLessThan(1e-12);
        expect(zone.layers.subcompartments.featureCount).toBe(reference.featureCount);
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
