/**
 * Opens a catalog layer's vector-tile archive (src/lib/layers/catalog-tiles.ts) for MapLibre
 * through the pmtiles protocol. The archive is fetched whole, once: a plain request is what the
 * offline service worker answers from its cache (it leaves range requests to the network), and
 * the file is smaller than the FlatGeobuf the page loads anyway.
 */
import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol, TileType, type Source } from 'pmtiles';
import type { VectorArchiveMetadata } from '../io/tile-archives/vector-tile-archive';
import type { CatalogTileArchive } from '../layers/catalog-tiles';

export interface OpenedCatalogTiles {
  /** The vector source's url (pmtiles://…). */
  readonly url: string;
  readonly layerName: string;
  /** Features the archive was cut from: it stands for a collection of exactly as many. */
  readonly featureCount: number;
}

let protocol: Protocol | null = null;

function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

/** Byte ranges served from the whole file, fetched on first use. */
function wholeFileSource(url: string): Source {
  let whole: Promise<ArrayBuffer> | null = null;
  return {
    getKey: () => url,
    getBytes: async (offset, length) => {
      whole ??= fetch(url).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.arrayBuffer();
      });
      return { data: (await whole).slice(offset, offset + length) };
    },
  };
}

/**
 * The archive at `url`, checked to be vector tiles with the expected layer; null (and a warning
 * naming the file) when it is missing or unreadable, so the caller feeds the features instead.
 */
export async function openCatalogTiles(url: string, archive: CatalogTileArchive): Promise<OpenedCatalogTiles | null> {
  const tiles = new PMTiles(wholeFileSource(url));
  try {
    const header = await tiles.getHeader();
    if (header.tileType !== TileType.Mvt) throw new Error(`tile type ${header.tileType}, not vector tiles`);
    const metadata = (await tiles.getMetadata()) as Partial<VectorArchiveMetadata> | undefined;
    if (!metadata?.vector_layers?.some((layer) => layer.id === archive.layerName)) throw new Error(`no vector layer "${archive.layerName}"`);
    if (typeof metadata.featureCount !== 'number') throw new Error('no feature count in its metadata');
    pmtilesProtocol().add(tiles);
    return { url: `pmtiles://${url}`, layerName: archive.layerName, featureCount: metadata.featureCount };
  } catch (error) {
    console.warn(`${archive.file}: the map draws the layer from its FlatGeobuf instead (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}
