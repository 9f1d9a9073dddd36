/**
 * FlatGeobuf reading: bytes → GeoJSON FeatureCollection. Runs in browser, worker and Node.
 * The framing is checked first (./flatgeobuf-header.ts); each feature is then decoded from its
 * own bytes through a bounds-checked buffer, so a damaged file ends in a typed error naming the
 * feature instead of a hang. The deep imports keep OpenLayers (an optional flatgeobuf dependency)
 * out of the bundle.
 */
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { fromFeature } from 'flatgeobuf/lib/mjs/geojson/feature.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { Feature, FeatureCollection } from 'geojson';
import { CheckedByteBuffer, OutOfBoundsError } from './checked-byte-buffer';
import { fail } from './errors';
import { checkFlatGeobufHeader } from './flatgeobuf-header';

/** Magic bytes of a FlatGeobuf file ("fgb" + version 3). */
const FLATGEOBUF_MAGIC = [0x66, 0x67, 0x62, 0x03];

/** True when the bytes start with the FlatGeobuf magic number. */
export function isFlatGeobuf(bytes: Uint8Array): boolean {
  return FLATGEOBUF_MAGIC.every((value, index) => bytes[index] === value);
}

/**
 * Reads a whole FlatGeobuf file into a FeatureCollection.
 * @param fileName names the file in error messages.
 * @param onHeader receives the header (CRS, title, feature count) before the features are read.
 * @throws ImportError 'flatgeobuf-damaged' naming the file (and the feature) for a damaged file.
 */
export async function readFlatGeobuf(
  bytes: Uint8Array,
  fileName: string,
  onHeader?: (header: HeaderMeta) => void,
): Promise<FeatureCollection> {
  const { header, featuresOffset } = checkFlatGeobufHeader(bytes, fileName);
  onHeader?.(header);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const features: Feature[] = [];
  let offset = featuresOffset;
  while (offset < bytes.length) {
    const index = features.length;
    const length = offset + 4 <= bytes.length ? view.getUint32(offset, true) : -1;
    const end = offset + 4 + length;
    if (length < 0 || end > bytes.length) {
      fail('flatgeobuf-damaged', fileName, {
        detail: `feature ${index} is cut off (it needs ${Math.max(length, 0) + 4} bytes, ${bytes.length - offset} are left)`,
        detailZh: `要素${index}不完整（需要${Math.max(length, 0) + 4}字节，只剩${bytes.length - offset}字节）`,
      });
    }
    try {
      const buffer = new CheckedByteBuffer(bytes.subarray(offset, end));
      features.push(fromFeature(index, FgbFeature.getSizePrefixedRootAsFeature(buffer), header) as Feature);
    } catch (error) {
      const detail = error instanceof OutOfBoundsError ? 'a field points outside the feature' : error instanceof Error ? error.message : String(error);
      fail('flatgeobuf-damaged', fileName, { detail: `feature ${index} cannot be read (${detail})`, detailZh: `无法读取要素${index}（${detail}）` });
    }
    offset = end;
  }
  return { type: 'FeatureCollection', features };
}
