/** Hostile FlatGeobuf files for the hostile-input tests and the fuzz seeds, built in code. */
import { Builder } from 'flatbuffers';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00];

/** A valid FlatGeobuf file of two points and a polygon, with a string and a number column. */
export function validFlatGeobuf(): Uint8Array {
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: '甲', value: 1 }, geometry: { type: 'Point', coordinates: [108.77, 28.84] } },
      { type: 'Feature', properties: { name: '乙', value: 2 }, geometry: { type: 'Point', coordinates: [108.78, 28.85] } },
    ],
  };
  return serialize(collection);
}

/** Magic bytes + a header only, declaring `featuresCount` features and a spatial index of `indexNodeSize`. */
export function flatGeobufHeaderOnly(featuresCount: number, indexNodeSize: number): Uint8Array {
  const builder = new Builder();
  const name = builder.createString('L1');
  Header.startHeader(builder);
  Header.addName(builder, name);
  Header.addGeometryType(builder, 1);
  Header.addFeaturesCount(builder, BigInt(featuresCount));
  Header.addIndexNodeSize(builder, indexNodeSize);
  builder.finishSizePrefixed(Header.endHeader(builder));
  const header = builder.asUint8Array();
  const bytes = new Uint8Array(MAGIC.length + header.length);
  bytes.set(MAGIC);
  bytes.set(header, MAGIC.length);
  return bytes;
}

/** A copy of a FlatGeobuf file whose header-size field says `size`. */
export function withHeaderSize(bytes: Uint8Array, size: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(8, size >>> 0, true);
  return copy;
}
