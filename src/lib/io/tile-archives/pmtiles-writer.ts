/**
 * Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * the 127-byte header, one root directory, the JSON metadata and the tiles in tile-id order
 * (a "clustered" archive). The pmtiles package only reads archives; this is its writing half for
 * the few hundred tiles of a county layer, so leaf directories are not written: an archive whose
 * root directory would not fit in the first 16 KiB is refused with the tile count.
 */
import { Compression, TileType, zxyToTileId } from 'pmtiles';

export interface ArchiveTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  /** The tile's bytes, already compressed as `tileCompression` says. */
  readonly data: Uint8Array;
}

export interface ArchiveDescription {
  readonly tileType: TileType;
  readonly tileCompression: Compression;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** West, south, east, north in degrees. */
  readonly bounds: readonly [number, number, number, number];
  readonly metadata: Readonly<Record<string, unknown>>;
}

const HEADER_BYTES = 127;
/** Readers fetch the first 16 KiB for the header and the root directory together. */
const ROOT_LIMIT = 16_384;

export class ArchiveTooLargeError extends Error {}

/** The archive's bytes. Tiles may come in any order; a tile given twice is an error. */
export function writePmtiles(tiles: readonly ArchiveTile[], description: ArchiveDescription): Uint8Array {
  const entries = tiles.map((tile) => ({ id: zxyToTileId(tile.z, tile.x, tile.y), tile })).sort((a, b) => a.id - b.id);
  for (let index = 1; index < entries.length; index++) {
    if (entries[index]!.id === entries[index - 1]!.id) {
      const { z, x, y } = entries[index]!.tile;
      throw new Error(`tile ${z}/${x}/${y} is given twice`);
    }
  }
  let offset = 0;
  const directory = entries.map(({ id, tile }) => {
    const entry = { tileId: id, offset, length: tile.data.length };
    offset += tile.data.length;
    return entry;
  });
  const root = serializeDirectory(directory);
  if (HEADER_BYTES + root.length > ROOT_LIMIT) {
    throw new ArchiveTooLargeError(`${entries.length} tiles need a root directory of ${root.length} bytes; at most ${ROOT_LIMIT - HEADER_BYTES} fit without leaf directories`);
  }
  const metadata = new TextEncoder().encode(JSON.stringify(description.metadata));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const tileDataOffset = metadataOffset + metadata.length;
  const output = new Uint8Array(tileDataOffset + offset);
  const [west, south, east, north] = description.bounds;
  writeHeader(new DataView(output.buffer), {
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    tileDataOffset,
    tileDataLength: offset,
    tileCount: entries.length,
    description,
    center: [(west + east) / 2, (south + north) / 2],
  });
  output.set(root, rootOffset);
  output.set(metadata, metadataOffset);
  for (let index = 0; index < entries.length; index++) output.set(entries[index]!.tile.data, tileDataOffset + directory[index]!.offset);
  return output;
}

function writeHeader(
  view: DataView,
  parts: {
    rootOffset: number; rootLength: number; metadataOffset: number; metadataLength: number;
    tileDataOffset: number; tileDataLength: number; tileCount: number;
    description: ArchiveDescription; center: [number, number];
  },
): void {
  'PMTiles'.split('').forEach((letter, index) => view.setUint8(index, letter.charCodeAt(0)));
  view.setUint8(7, 3);
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, parts.rootOffset);
  u64(16, parts.rootLength);
  u64(24, parts.metadataOffset);
  u64(32, parts.metadataLength);
  // No leaf directories: their offset is where the tile data start, their length 0.
  u64(40, parts.tileDataOffset);
  u64(48, 0);
  u64(56, parts.tileDataOffset);
  u64(64, parts.tileDataLength);
  u64(72, parts.tileCount); // addressed tiles
  u64(80, parts.tileCount); // directory entries
  u64(88, parts.tileCount); // distinct tile contents
  view.setUint8(96, 1); // clustered: tiles in tile-id order
  view.setUint8(97, Compression.None); // directories
  view.setUint8(98, parts.description.tileCompression);
  view.setUint8(99, parts.description.tileType);
  view.setUint8(100, parts.description.minZoom);
  view.setUint8(101, parts.description.maxZoom);
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  const [west, south, east, north] = parts.description.bounds;
  e7(102, west);
  e7(106, south);
  e7(110, east);
  e7(114, north);
  view.setUint8(118, parts.description.minZoom);
  e7(119, parts.center[0]);
  e7(123, parts.center[1]);
}

/** A directory as the spec encodes it: count, then id deltas, run lengths, lengths and offsets as varints. */
function serializeDirectory(entries: readonly { tileId: number; offset: number; length: number }[]): Uint8Array {
  const bytes: number[] = [];
  writeVarint(bytes, entries.length);
  let lastId = 0;
  for (const entry of entries) {
    writeVarint(bytes, entry.tileId - lastId);
    lastId = entry.tileId;
  }
  for (let index = 0; index < entries.length; index++) writeVarint(bytes, 1); // run length
  for (const entry of entries) writeVarint(bytes, entry.length);
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    // 0: right after the previous tile; otherwise the offset plus one.
    writeVarint(bytes, previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1);
  });
  return Uint8Array.from(bytes);
}

function writeVarint(bytes: number[], value: number): void {
  // Tile ids exceed 2^32 from zoom 16 on: divide instead of shifting.
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
}
