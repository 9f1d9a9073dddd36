/**
 * Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * the 127-byte header, the root directory, the JSON metadata, leaf directories when the root would
 * not fit in the first 16 KiB, and the tiles in tile-id order (a "clustered" archive). The pmtiles
 * package only reads archives; this is its writing half.
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

interface DirectoryEntry {
  readonly tileId: number;
  readonly offset: number;
  readonly length: number;
  /** 1 for a tile, 0 for a leaf directory. */
  readonly runLength: number;
}

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
  const directory: DirectoryEntry[] = entries.map(({ id, tile }) => {
    const entry = { tileId: id, offset, length: tile.data.length, runLength: 1 };
    offset += tile.data.length;
    return entry;
  });
  const { root, leaves } = directories(directory);
  const metadata = new TextEncoder().encode(JSON.stringify(description.metadata));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const tileDataOffset = leafOffset + leaves.length;
  const output = new Uint8Array(tileDataOffset + offset);
  const [west, south, east, north] = description.bounds;
  writeHeader(new DataView(output.buffer), {
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafOffset,
    leafLength: leaves.length,
    tileDataOffset,
    tileDataLength: offset,
    tileCount: entries.length,
    description,
    center: [(west + east) / 2, (south + north) / 2],
  });
  output.set(root, rootOffset);
  output.set(metadata, metadataOffset);
  output.set(leaves, leafOffset);
  for (let index = 0; index < entries.length; index++) output.set(entries[index]!.tile.data, tileDataOffset + directory[index]!.offset);
  return output;
}

/**
 * The root directory, and the leaf directories it points to when the tiles' entries do not fit in
 * the root: leaves of growing size until the root of pointers to them fits.
 */
function directories(entries: readonly DirectoryEntry[]): { root: Uint8Array; leaves: Uint8Array } {
  const whole = serializeDirectory(entries);
  if (HEADER_BYTES + whole.length <= ROOT_LIMIT) return { root: whole, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const leaves: Uint8Array[] = [];
    const pointers: DirectoryEntry[] = [];
    let leafOffset = 0;
    for (let start = 0; start < entries.length; start += leafSize) {
      const leaf = serializeDirectory(entries.slice(start, start + leafSize));
      pointers.push({ tileId: entries[start]!.tileId, offset: leafOffset, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      leafOffset += leaf.length;
    }
    const root = serializeDirectory(pointers);
    if (HEADER_BYTES + root.length <= ROOT_LIMIT) {
      const joined = new Uint8Array(leafOffset);
      let at = 0;
      for (const leaf of leaves) {
        joined.set(leaf, at);
        at += leaf.length;
      }
      return { root, leaves: joined };
    }
  }
}

function writeHeader(
  view: DataView,
  parts: {
    rootOffset: number; rootLength: number; metadataOffset: number; metadataLength: number;
    leafOffset: number; leafLength: number; tileDataOffset: number; tileDataLength: number; tileCount: number;
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
  u64(40, parts.leafOffset);
  u64(48, parts.leafLength);
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
function serializeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  const bytes: number[] = [];
  writeVarint(bytes, entries.length);
  let lastId = 0;
  for (const entry of entries) {
    writeVarint(bytes, entry.tileId - lastId);
    lastId = entry.tileId;
  }
  for (const entry of entries) writeVarint(bytes, entry.runLength);
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
