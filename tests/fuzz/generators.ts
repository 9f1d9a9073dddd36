/**
 * Seeds of every importer (built in code) and, per format, a generator of mutated inputs.
 * generate(format, random) is deterministic in `random`, so one input is rebuilt from its seed.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { gbkShapefile4524, gcj02Csv, gkXlsx, gpxTrack, kmzWithFolders, PLOT_COLLECTION } from '../unit/fixtures/io/fixtures';
import { flatGeobufHeaderOnly, validFlatGeobuf, withHeaderSize } from '../unit/hostile/fgb-builders';
import type { ImportFile } from '../../src/lib/io/types';
import { flipBytes, lie32, lieInZip, mutateBytes, mutateText, mutateZipEntry, nest, repeatSlice, truncate } from './mutate';
import type { Random } from './random';

export const FORMATS = ['geojson', 'ndjson', 'flatgeobuf', 'shapefile', 'kml', 'kmz', 'gpx', 'csv', 'xlsx'] as const;
export type FuzzFormat = (typeof FORMATS)[number];

export interface Seeds {
  readonly geojson: string;
  readonly ndjson: string;
  readonly fgb: Uint8Array;
  readonly shapefile: Record<string, Uint8Array>;
  readonly kml: string;
  readonly gpx: string;
  readonly csv: Uint8Array;
  readonly csvUtf8: Uint8Array;
  readonly xlsx: Uint8Array;
}

export async function buildSeeds(): Promise<Seeds> {
  const kmz = unzipSync(kmzWithFolders().bytes);
  const parts = await gbkShapefile4524();
  return {
    geojson: JSON.stringify(PLOT_COLLECTION),
    ndjson: PLOT_COLLECTION.features.map((feature) => JSON.stringify(feature)).join('\n') + '\n',
    fgb: validFlatGeobuf(),
    shapefile: Object.fromEntries(parts.map((part) => [part.name, part.bytes])),
    kml: new TextDecoder().decode(kmz['doc.kml']),
    gpx: new TextDecoder().decode(gpxTrack().bytes),
    csv: gcj02Csv().bytes,
    csvUtf8: strToU8('名称,经度,纬度,备注\r\n龚滩镇林场,108.3512,28.9134,"a, b"\r\n楠木湾古树,108.3925,28.8807,\r\n钟多瞭望塔,108.7703,28.8412,x\r\n'),
    xlsx: (await gkXlsx()).bytes,
  };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Circle', '', 'point'];
const BAD_NUMBERS = ['1e400', '-1e400', '"108.7"', 'null', '[]', 'true', '1e308', '-0', '{}'];

/** Structure-aware GeoJSON mutations (values, types, nesting, counts), or text ones. */
function geojsonInput(seed: string, random: Random): string | Uint8Array {
  switch (random.int(7)) {
    case 0: // a number replaced by something hostile
      return seed.replace(/-?\d+\.\d+/g, (match) => (random.chance(0.05) ? random.pick(BAD_NUMBERS) : match));
    case 1: // an unknown or wrong geometry type
      return seed.replace(/"type":"(Polygon|Point|MultiPolygon)"/g, (match) => (random.chance(0.3) ? `"type":"${random.pick(GEOMETRY_TYPES)}"` : match));
    case 2: {
      // deep nesting of an attribute, of coordinates, or of geometry collections
      const depth = random.pick([40, 1000, 20000]);
      const where = random.int(3);
      if (where === 0) return seed.replace('"properties":{', `"properties":{"deep":${nest('[', ']', '1', depth)},`);
      if (where === 1) return seed.replace(/"coordinates":\[/, `"coordinates":${'['.repeat(depth)}`);
      return `{"type":"Feature","properties":{},"geometry":${nest('{"type":"GeometryCollection","geometries":[', ']}', '{"type":"Point","coordinates":[108.7,28.8]}', Math.min(depth, 5000))}}`;
    }
    case 3: {
      // huge counts: many features, or a ring of many vertices
      const count = random.pick([100, 500, 2000]);
      if (random.chance(0.5)) return `{"type":"FeatureCollection","features":[${Array.from({ length: count }, (_, index) => `{"type":"Feature","properties":{"i":${index}},"geometry":{"type":"Point","coordinates":[${108 + (index % 100) / 100},28.8]}}`).join(',')}]}`;
      return `{"type":"LineString","coordinates":[${Array.from({ length: count }, (_, index) => `[${108 + index / count},28.8]`).join(',')}]}`;
    }
    case 4: // empty parts and wrong shapes
      return seed.replace(/\[\[\[/, random.pick(['[[[]],[[', '[[],[[', '[[[', '[[[1],', '[[["a","b"],']));
    case 5: // not the expected top level
      return random.pick(['[]', '{}', 'null', '{"type":"FeatureCollection"}', '{"type":"FeatureCollection","features":{}}', '{"type":"FeatureCollection","features":[null,1,"x",[]]}', '{"type":"Feature"}', '{"type":"Feature","geometry":5}', '"string"']);
    default:
      return mutateText(seed, random);
  }
}

function shapefileInput(parts: Record<string, Uint8Array>, random: Random): ImportFile[] {
  const files = { ...parts };
  const names = Object.keys(files);
  const dbf = names.find((name) => name.endsWith('.dbf'))!;
  const shp = names.find((name) => name.endsWith('.shp'))!;
  const shx = names.find((name) => name.endsWith('.shx'))!;
  switch (random.int(6)) {
    case 0: // .dbf header lies: record count (4), header length (8, 16 bit), record length (10, 16 bit)
      files[dbf] = random.chance(0.5) ? lie32(files[dbf]!, random, 4) : lie32(files[dbf]!, random, random.pick([8, 10, 6]));
      break;
    case 1: // .shp lies: file length (24, big-endian), shape type (32), a record's content length
      files[shp] = lie32(files[shp]!, random, random.pick([24, 32, 100, 104, 108, 112, 136]), random.chance(0.5));
      break;
    case 2:
      files[random.pick([dbf, shp, shx])] = mutateBytes(files[random.pick([dbf, shp, shx])]!, random);
      break;
    case 3:
      delete files[random.pick(names)];
      break;
    default:
      files[random.pick(names)] = random.chance(0.5) ? flipBytes(files[random.pick(names)]!, random) : truncate(files[random.pick(names)]!, random);
  }
  const zip = zipSync(files, { level: random.chance(0.2) ? 0 : 6 });
  const roll = random.int(4);
  const bytes = roll === 0 ? lieInZip(zip, random) : roll === 1 ? mutateBytes(zip, random) : zip;
  return [{ name: '小班.zip', bytes }];
}

function xmlInput(seed: string, random: Random, element: string): string | Uint8Array {
  switch (random.int(5)) {
    case 0: {
      const depth = random.pick([100, 5000, 20000]);
      return seed.replace(`<${element}`, `${nest('<Folder><name>f</name>', '</Folder>', '', depth)}<${element}`);
    }
    case 1: // coordinates and numbers replaced
      return seed.replace(/-?\d+\.\d+/g, (match) => (random.chance(0.1) ? random.pick(['1e400', 'NaN', 'x', '', '-', '1,2,3,4', '108.7 28.8']) : match));
    case 2: // entity expansion attempt
      return seed.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE kml [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}"><!ENTITY c "${'&b;'.repeat(100)}">]>`).replace('<name>', '<name>&c;');
    case 3:
      return text(repeatSlice(new TextEncoder().encode(seed), random));
    default:
      return mutateText(seed, random);
  }
}

function csvInput(seed: Uint8Array, random: Random): Uint8Array {
  const source = text(seed);
  switch (random.int(4)) {
    case 0: // many columns
      return new TextEncoder().encode(source.replace('\r\n', `${',c'.repeat(random.pick([100, 2000, 20000]))}\r\n`));
    case 1: // many rows
      return new TextEncoder().encode(source + source.split('\r\n')[1]!.concat('\r\n').repeat(random.pick([100, 500, 2000])));
    case 2: // an open quote to the end
      return new TextEncoder().encode(source.replace(',', ',"'));
    default:
      return random.chance(0.5) ? mutateBytes(seed, random) : mutateText(source, random);
  }
}

function xlsxInput(seed: Uint8Array, random: Random): Uint8Array {
  switch (random.int(5)) {
    case 0:
      return lieInZip(seed, random);
    case 1:
      return mutateBytes(seed, random);
    case 2: // a cell far out (XFD) or a huge row number in the sheet
      return mutateZipEntry(seed, random, (_name, bytes) => new TextEncoder().encode(text(bytes).replace(/r="([A-Z]+)(\d+)"/, (_match, _column, row) => `r="${random.pick(['XFD', 'ZZZZ', 'A'])}${random.pick([row, '1048576', '99999999', '0'])}"`)), (name) => name.startsWith('xl/worksheets/'));
    default:
      return mutateZipEntry(seed, random, (_name, bytes) => mutateText(text(bytes), random), (name) => name.endsWith('.xml'));
  }
}

function flatgeobufInput(seed: Uint8Array, random: Random): Uint8Array {
  switch (random.int(5)) {
    case 0: // header length lies
      return withHeaderSize(seed, random.pick([0, 1, 7, 8, 12, 100, 0x7fffffff, 0xffffffff, seed.length, seed.length - 12]));
    case 1: {
      // feature count and index node size lie, real features after the header
      const header = flatGeobufHeaderOnly(random.pick([0, 1, 2, 3, 1000, 2 ** 31, 2 ** 52]), random.pick([0, 1, 2, 16, 65535]));
      const headerEnd = 12 + new DataView(seed.buffer, seed.byteOffset).getUint32(8, true);
      const out = new Uint8Array(header.length + seed.length - headerEnd);
      out.set(header);
      out.set(seed.subarray(headerEnd), header.length);
      return out;
    }
    case 2:
      return truncate(seed, random);
    case 3: {
      // damage inside the features only (the header stays sound, so the feature decoding is exercised)
      const headerEnd = 12 + new DataView(seed.buffer, seed.byteOffset).getUint32(8, true);
      const damaged = flipBytes(seed.subarray(headerEnd), random);
      const out = seed.slice();
      out.set(damaged, headerEnd);
      return out;
    }
    default:
      return mutateBytes(seed, random);
  }
}

/** One mutated input of a format. */
export function generate(format: FuzzFormat, seeds: Seeds, random: Random): ImportFile[] {
  const asBytes = (value: string | Uint8Array) => (typeof value === 'string' ? strToU8(value) : value);
  switch (format) {
    case 'geojson':
      return [{ name: 'fuzz.geojson', bytes: asBytes(geojsonInput(seeds.geojson, random)) }];
    case 'ndjson':
      return [{ name: 'fuzz.ndjson', bytes: asBytes(random.chance(0.5) ? mutateText(seeds.ndjson, random) : seeds.ndjson.split('\n').map((line) => (line && random.chance(0.5) ? text(asBytes(geojsonInput(line, random))) : line)).join('\n')) }];
    case 'flatgeobuf':
      return [{ name: 'fuzz.fgb', bytes: flatgeobufInput(seeds.fgb, random) }];
    case 'shapefile':
      return shapefileInput(seeds.shapefile, random);
    case 'kml':
      return [{ name: 'fuzz.kml', bytes: asBytes(xmlInput(seeds.kml, random, 'Placemark')) }];
    case 'kmz': {
      const kml = asBytes(xmlInput(seeds.kml, random, 'Placemark'));
      const zip = zipSync({ 'doc.kml': kml, 'files/icon.png': new Uint8Array([137, 80, 78, 71]) });
      return [{ name: 'fuzz.kmz', bytes: random.chance(0.4) ? (random.chance(0.5) ? lieInZip(zip, random) : mutateBytes(zip, random)) : zip }];
    }
    case 'gpx':
      return [{ name: 'fuzz.gpx', bytes: asBytes(xmlInput(seeds.gpx, random, 'trk')) }];
    case 'csv':
      return [{ name: 'fuzz.csv', bytes: csvInput(random.chance(0.2) ? seeds.csv : seeds.csvUtf8, random) }];
    case 'xlsx':
      return [{ name: 'fuzz.xlsx', bytes: xlsxInput(seeds.xlsx, random) }];
  }
}
