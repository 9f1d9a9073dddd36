/**
 * What the layers drawn on the ground (orthophotos, hillshade) share: a `name://id/z/x/y` tile
 * protocol fed by a worker, removal of layers no longer listed, and their place in the style —
 * above the paper-coloured base fills, under every thematic layer.
 */
import { addProtocol, type AddLayerObject, type Map as MapLibreMap, type RasterDEMSourceSpecification, type RasterSourceSpecification } from 'maplibre-gl';
import type { ImageryLayer } from '../state/imagery/imagery-types';
import { applyPaint, applyVisibility } from './style-properties';

export type GroundTileSource = (id: string, z: number, x: number, y: number) => Promise<ImageBitmap | null>;

/** Tiles are drawn up to one zoom beyond the image's own resolution, then overzoomed. */
const MAX_TILE_ZOOM = 20;

/** Paper-coloured fills the ground layers lie on, not under. */
const BASE_FILLS = new Set(['background', 'neighbors-fill', 'county-fill']);
const registered = new Set<string>();

/**
 * Registers the protocol once: tiles come from `source()` (the current map's worker), and
 * `missing()` stands in where it has none (the tile misses the image).
 */
export function registerTileProtocol(name: string, source: () => GroundTileSource | undefined, missing: () => Promise<ImageBitmap>): void {
  if (registered.has(name)) return;
  registered.add(name);
  const pattern = new RegExp(`^${name}://([^/]+)/(\\d+)/(\\d+)/(\\d+)$`);
  addProtocol(name, async (request) => {
    const match = pattern.exec(request.url);
    const tiles = source();
    const bitmap = match && tiles ? await tiles(match[1]!, Number(match[2]), Number(match[3]), Number(match[4])) : null;
    return { data: bitmap ?? (await missing()) };
  });
}

/** Removes the layer and source `prefix + id` of every shown entry that is no longer wanted. */
export function removeUnlisted(map: MapLibreMap, prefix: string, shown: readonly { id: string }[], wanted: readonly { id: string }[]): void {
  const keep = new Set(wanted.map((entry) => entry.id));
  for (const old of shown) {
    if (keep.has(old.id)) continue;
    if (map.getLayer(prefix + old.id)) map.removeLayer(prefix + old.id);
    if (map.getSource(prefix + old.id)) map.removeSource(prefix + old.id);
  }
}

/** The first style layer above the base fills whose id starts with none of `groundPrefixes`. */
export function firstLayerAboveGround(map: MapLibreMap, groundPrefixes: readonly string[]): string | undefined {
  const layers = map.getStyle().layers;
  let lastBase = -1;
  layers.forEach((layer, index) => {
    if (BASE_FILLS.has(layer.id)) lastBase = index;
  });
  return layers.slice(lastBase + 1).find((layer) => !groundPrefixes.some((prefix) => layer.id.startsWith(prefix)))?.id;
}

/** The tile zoom whose pixels match the image's (Web Mercator metres at the equator, cos-corrected). */
export function nativeZoom(layer: Pick<ImageryLayer, 'pixelSizeMetres' | 'bounds'>): number {
  const latitude = ((layer.bounds[1] + layer.bounds[3]) / 2) * (Math.PI / 180);
  const zoom = Math.log2((2 * Math.PI * 6378137 * Math.cos(latitude)) / (256 * layer.pixelSizeMetres));
  return Math.max(0, Math.min(MAX_TILE_ZOOM, Math.ceil(zoom)));
}

/** How one kind of ground layer (orthophoto, hillshade) is drawn from its protocol's tiles. */
export interface GroundLayerKind {
  readonly protocol: string;
  readonly prefix: string;
  /** The prefixes of the layers it lies among (its own included): it goes under the first other one. */
  readonly groundPrefixes: readonly string[];
  /** The source's type and encoding; tiles, bounds and zoom range are the same for every kind. */
  readonly source: (layer: ImageryLayer) => Pick<RasterSourceSpecification, 'type' | 'tileSize'> | Pick<RasterDEMSourceSpecification, 'type' | 'tileSize' | 'encoding'>;
  readonly style: (id: string) => AddLayerObject;
  /** The paint property the layer's opacity sets (for a hillshade, its strength). */
  readonly opacityProperty: 'raster-opacity' | 'hillshade-exaggeration';
  /** What stands in for a tile the source has none of. */
  readonly missingTile: () => Promise<ImageBitmap>;
}

/** The current map's tile source per protocol (a protocol is registered once, for every map). */
const tileSources = new Map<string, GroundTileSource>();

/** One kind of ground layer on a map: follows ImageryState's list of that kind; owns its sources. */
export class GroundMapLayers {
  private shown: readonly ImageryLayer[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly kind: GroundLayerKind,
    tiles: GroundTileSource,
  ) {
    tileSources.set(kind.protocol, tiles);
    registerTileProtocol(kind.protocol, () => tileSources.get(kind.protocol), kind.missingTile);
  }

  /** Makes the map show exactly these layers, in this order (first = top), with their visibility and opacity. */
  sync(layers: readonly ImageryLayer[]): void {
    syncGroundLayers(this.map, this.kind, this.shown, layers);
    this.shown = layers;
  }

  destroy(): void {
    this.sync([]);
    tileSources.delete(this.kind.protocol);
  }
}

/**
 * Makes the map show exactly these layers of one kind, in this order (first = top), with their
 * visibility and opacity; removes those of `shown` no longer listed.
 */
export function syncGroundLayers(map: MapLibreMap, kind: GroundLayerKind, shown: readonly ImageryLayer[], layers: readonly ImageryLayer[]): void {
  removeUnlisted(map, kind.prefix, shown, layers);
  // Bottom-most first: each goes right under the lowest layer above the ground that is not of the ground.
  for (const layer of [...layers].reverse()) {
    const id = kind.prefix + layer.id;
    if (!map.getSource(id)) {
      map.addSource(id, {
        ...kind.source(layer),
        tiles: [`${kind.protocol}://${layer.id}/{z}/{x}/{y}`],
        bounds: layer.bounds,
        // A tile archive has its own zoom range; a GeoTIFF is tiled down to its pixel size.
        ...(layer.tiles ? { minzoom: layer.tiles.minZoom, maxzoom: layer.tiles.maxZoom } : { maxzoom: nativeZoom(layer) }),
      } as RasterSourceSpecification | RasterDEMSourceSpecification);
    }
    const before = firstLayerAboveGround(map, kind.groundPrefixes);
    if (map.getLayer(id)) map.moveLayer(id, before);
    else map.addLayer(kind.style(id), before);
    applyVisibility(map, id, layer.visible);
    applyPaint(map, id, kind.opacityProperty, layer.opacity);
  }
}
