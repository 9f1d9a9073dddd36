/**
 * Raster tile archives (PMTiles, MBTiles): ready-made Web Mercator tiles a bureau exports from its
 * imagery tools (QGIS, GDAL, Global Mapper, 水经注). The map draws their tiles as they are; only the
 * archive's bounds and zooms are needed to place them.
 */
export type TileArchiveKind = 'pmtiles' | 'mbtiles';
export type RasterTileFormat = 'png' | 'jpg' | 'webp' | 'avif';

export interface TileArchiveInfo {
  readonly kind: TileArchiveKind;
  readonly format: RasterTileFormat;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** West, south, east, north in WGS84. */
  readonly bounds: [number, number, number, number];
  /** Set when the metadata says the tiles are elevations (terrain-RGB or terrarium), not imagery. */
  readonly terrainEncoding?: 'mapbox' | 'terrarium';
}

export interface TileArchive extends TileArchiveInfo {
  /** The encoded image of tile z/x/y (XYZ scheme, y down), or null where the archive has none. */
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): void;
}

const MIME: Record<RasterTileFormat, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif' };

export function tileMimeType(format: RasterTileFormat): string {
  return MIME[format];
}

const PMTILES_MAGIC = [0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73]; // "PMTiles"
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Which tile archive the first 16 bytes of a file announce, or null (e.g. a GeoTIFF). */
export function detectTileArchive(head: Uint8Array): TileArchiveKind | null {
  if (PMTILES_MAGIC.every((byte, index) => head[index] === byte)) return 'pmtiles';
  if (head.length >= 16 && [...SQLITE_MAGIC].every((char, index) => head[index] === char.charCodeAt(0))) return 'mbtiles';
  return null;
}

/** The raster format of a tile from its first bytes (archives whose metadata omits it). */
export function sniffTileFormat(bytes: Uint8Array): RasterTileFormat | 'vector' | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45) return 'webp';
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70 && bytes[8] === 0x61 && bytes[9] === 0x76) return 'avif';
  // Gzip (compressed vector tiles) or a protobuf field 3 (layers) start: a vector tile.
  if ((bytes[0] === 0x1f && bytes[1] === 0x8b) || bytes[0] === 0x1a) return 'vector';
  return null;
}

/**
 * Whether an archive's metadata declares elevation tiles: an `encoding` of mapbox/terrarium (as
 * MapLibre's raster-dem sources name them), or a name/description/type saying terrain-RGB.
 */
export function terrainEncodingOf(metadata: unknown): 'mapbox' | 'terrarium' | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const fields = metadata as Record<string, unknown>;
  const encoding = typeof fields.encoding === 'string' ? fields.encoding.toLowerCase() : '';
  if (encoding === 'mapbox' || encoding === 'terrarium') return encoding;
  const text = ['name', 'description', 'type'].map((key) => (typeof fields[key] === 'string' ? (fields[key] as string).toLowerCase() : '')).join(' ');
  if (text.includes('terrarium')) return 'terrarium';
  if (/terrain[- ]?rgb|raster-dem/.test(text)) return 'mapbox';
  return undefined;
}
