/**
 * Checks a FlatGeobuf file's framing before anything decodes it: magic bytes, a header size inside
 * the file, a header whose vectors stay inside the header, and a spatial index that fits the file.
 * flatgeobuf itself trusts these numbers (a header with an index and 0 features loops for ever in
 * calcTreeSize; a cut file reads past its end). Pure: no DOM, no Node, no io imports beyond errors.
 */
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { fromByteBuffer, type HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { CheckedByteBuffer, OutOfBoundsError } from './checked-byte-buffer';
import { fail } from './errors';

/** "fgb" + major version 3 + "fgb" + patch; readers accept any patch level. */
const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62];
export const FLATGEOBUF_MAGIC_LENGTH = 8;
const SIZE_PREFIX = 4;
/** Bytes per node of the packed Hilbert R-tree (4 doubles + a uint64 offset). */
const NODE_BYTES = 40;
/** The smallest feature on disk: its size prefix and an empty table. */
const MIN_FEATURE_BYTES = 8;

export interface FlatGeobufLayout {
  readonly header: HeaderMeta;
  readonly featuresCount: number;
  /** Offset of the first feature (after the header and the index). */
  readonly featuresOffset: number;
}

type Reason = { readonly zh: string; readonly en: string };

function damaged(file: string, reason: Reason): never {
  fail('flatgeobuf-damaged', file, { detail: reason.en, detailZh: reason.zh });
}

/** Size of the packed R-tree for `items` features (flatgeobuf's calcTreeSize, without its endless loop at 0). */
export function packedTreeSize(items: number, nodeSize: number): number {
  const size = Math.min(Math.max(nodeSize, 2), 65535);
  let level = items;
  let nodes = items;
  while (level > 1) {
    level = Math.ceil(level / size);
    nodes += level;
  }
  return nodes * NODE_BYTES;
}

/**
 * Validates the framing and returns the header and where the features start.
 * @param fileSize the whole file's size when `bytes` holds only its start (the header at least).
 * @throws ImportError 'flatgeobuf-damaged' with the reason in zh and en.
 */
export function checkFlatGeobufHeader(bytes: Uint8Array, file: string, fileSize = bytes.length): FlatGeobufLayout {
  if (bytes.length < FLATGEOBUF_MAGIC_LENGTH || !MAGIC.every((value, index) => bytes[index] === value)) {
    damaged(file, { zh: '文件开头不是FlatGeobuf标识（fgb 3）', en: 'the file does not start with the FlatGeobuf signature (fgb 3)' });
  }
  if (bytes.length < FLATGEOBUF_MAGIC_LENGTH + SIZE_PREFIX) {
    damaged(file, { zh: `文件只有${bytes.length}字节，缺少文件头`, en: `the file is only ${bytes.length} bytes long: the header is missing` });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getUint32(FLATGEOBUF_MAGIC_LENGTH, true);
  const headerEnd = FLATGEOBUF_MAGIC_LENGTH + SIZE_PREFIX + headerSize;
  if (headerSize < 8 || headerEnd > fileSize) {
    damaged(file, {
      zh: `文件头长度为${headerSize}字节，但文件只有${fileSize}字节（文件不完整？）`,
      en: `the header says it is ${headerSize} bytes long but the file has ${fileSize} bytes (incomplete file?)`,
    });
  }
  // A caller reading the file in pieces gives the header's bytes at least.
  if (headerEnd > bytes.length) throw new RangeError(`${file}: only ${bytes.length} of the header's ${headerEnd} bytes were given`);
  let header: HeaderMeta;
  try {
    // Only the header's own bytes: a lying offset inside it cannot reach the rest of the file.
    const buffer = new CheckedByteBuffer(bytes.subarray(0, headerEnd));
    buffer.setPosition(FLATGEOBUF_MAGIC_LENGTH);
    header = fromByteBuffer(buffer);
    Header.getSizePrefixedRootAsHeader(buffer);
  } catch (error) {
    const detail = error instanceof OutOfBoundsError ? 'a field points outside the header' : error instanceof Error ? error.message : String(error);
    damaged(file, { zh: `无法读取文件头（${detail}）`, en: `the header cannot be read (${detail})` });
  }
  const featuresCount = header.featuresCount;
  const available = fileSize - headerEnd;
  if (!Number.isSafeInteger(featuresCount) || featuresCount < 0 || featuresCount * MIN_FEATURE_BYTES > available) {
    damaged(file, {
      zh: `文件头声明了${featuresCount}个要素，但其后只有${available}字节`,
      en: `the header declares ${featuresCount} features but only ${available} bytes follow it`,
    });
  }
  let featuresOffset = headerEnd;
  if (header.indexNodeSize > 0) {
    if (featuresCount === 0) damaged(file, { zh: '文件头声明了空间索引，但要素数为0', en: 'the header declares a spatial index but 0 features' });
    const treeSize = packedTreeSize(featuresCount, header.indexNodeSize);
    if (treeSize > available) {
      damaged(file, {
        zh: `${featuresCount}个要素的空间索引需要${treeSize}字节，但文件头之后只有${available}字节`,
        en: `the spatial index of ${featuresCount} features needs ${treeSize} bytes but only ${available} follow the header`,
      });
    }
    featuresOffset += treeSize;
  }
  return { header, featuresCount, featuresOffset };
}
