/**
 * What the layers drawn on the ground (orthophotos, hillshade) share: a `name://id/z/x/y` tile
 * protocol fed by a worker, removal of layers no longer listed, and their place in the style —
 * above the paper-coloured base fills, under every thematic layer.
 */
import { addProtocol, type Map as MapLibreMap } from 'maplibre-gl';

export type GroundTileSource = (id: string, z: number, x: number, y: number) => Promise<ImageBitmap | null>;

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
