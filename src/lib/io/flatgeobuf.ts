/**
 * FlatGeobuf reading: bytes → GeoJSON FeatureCollection. Runs in browser, worker and Node.
 * The deep import keeps OpenLayers (an optional flatgeobuf dependency) out of the bundle.
 */
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { Feature, FeatureCollection } from 'geojson';

/** Magic bytes of a FlatGeobuf file ("fgb" + version 3). */
const FLATGEOBUF_MAGIC = [0x66, 0x67, 0x62, 0x03];

/** True when the bytes start with the FlatGeobuf magic number. */
export function isFlatGeobuf(bytes: Uint8Array): boolean {
  return FLATGEOBUF_MAGIC.every((value, index) => bytes[index] === value);
}

/**
 * Reads a whole FlatGeobuf file into a FeatureCollection.
 * @param fileName used in the error message only.
 * @param onHeader receives the header (CRS, title, feature count) before the features are read.
 * @throws Error naming the file when the bytes are not FlatGeobuf.
 */
export async function readFlatGeobuf(
  bytes: Uint8Array,
  fileName: string,
  onHeader?: (header: HeaderMeta) => void,
): Promise<FeatureCollection> {
  if (!isFlatGeobuf(bytes)) {
    throw new Error(`${fileName}: not a FlatGeobuf file (missing "fgb" header)`);
  }
  const features: Feature[] = [];
  for await (const feature of deserialize(bytes, onHeader ? { headerMetaFn: onHeader } : undefined)) features.push(feature as Feature);
  return { type: 'FeatureCollection', features };
}
