/**
 * Cuts the vector-tile archives of src/lib/layers/catalog-tiles.ts from the FlatGeobuf files in
 * data/ — the sample's or a bureau's own. Each archive records the SHA-256 of the file it was cut
 * from and how it was cut; an archive whose file changed (a bureau replaced it) or that was cut
 * another way is cut again, one that matches is kept. The app checks the feature count too and
 * feeds the FlatGeobuf when they disagree.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PMTiles } from 'pmtiles';
import { bytesSource } from '../../src/lib/io/tile-archives/bytes-source';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { buildVectorTileArchive, VECTOR_TILE_EXTENT } from '../../src/lib/io/tile-archives/vector-tile-archive';
import { layerById } from '../../src/lib/layers/catalog';
import { catalogTileArchives } from '../../src/lib/layers/catalog-tiles';
import { fieldsReadBy, sourceTolerance, styleLayersFor } from '../../src/lib/map/layer-styles';

/**
 * Changes with the way tiles are cut (options, geojson-vt's version, fixes, the attributes the
 * layer's style reads — the only ones the tiles carry): an archive cut another way is cut again
 * even when its FlatGeobuf is unchanged.
 */
function cutVersion(fields: readonly string[]): string {
  return `3 geojson-vt 6.3.1 z6-13 fields ${fields.join(',')}`;
}

/** MapLibre's GeoJSON tolerance is in 512-pixel tile units; the archive's tiles are VECTOR_TILE_EXTENT wide. */
const TOLERANCE_SCALE = VECTOR_TILE_EXTENT / 512;

export async function ensureCatalogTiles(outDir: string, log: (line: string) => void): Promise<void> {
  for (const [id, archive] of catalogTileArchives()) {
    const sourceFile = layerById(id).file;
    const sourcePath = join(outDir, sourceFile);
    const archivePath = join(outDir, archive.file);
    if (!existsSync(sourcePath)) continue;
    const bytes = new Uint8Array(readFileSync(sourcePath));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fields = fieldsReadBy(styleLayersFor(id));
    const cut = cutVersion(fields);
    if (existsSync(archivePath) && (await archiveSourceHash(archivePath)) === `${cut} ${sha256}`) continue;
    const started = performance.now();
    let collection: FeatureCollection;
    let tiles: Uint8Array;
    try {
      collection = await readFlatGeobuf(bytes, sourceFile);
      tiles = buildVectorTileArchive(collection, {
        layerName: archive.layerName,
        minZoom: archive.minZoom,
        maxZoom: archive.maxZoom,
        tolerance: sourceTolerance(id) * TOLERANCE_SCALE,
        properties: fields,
        metadata: { name: id, source: { file: sourceFile, sha256 }, cut },
        gzip: (tile) => gzipSync(tile, { level: 6 }),
      });
    } catch (error) {
      // The build goes on: without an archive the app feeds the layer and reports the file's problem itself.
      rmSync(archivePath, { force: true });
      log(`[data] ${archive.file} not cut: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // Written beside and renamed: a reader never sees half an archive.
    writeFileSync(`${archivePath}.partial`, tiles);
    renameSync(`${archivePath}.partial`, archivePath);
    log(`[data] ${archive.file}: ${collection.features.length} features cut into vector tiles (${(tiles.length / 1048576).toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/** How an archive was cut and the SHA-256 of its FlatGeobuf, as it records them; null when it cannot be read. */
async function archiveSourceHash(path: string): Promise<string | null> {
  try {
    const metadata = (await new PMTiles(bytesSource(new Uint8Array(readFileSync(path)), path)).getMetadata()) as { source?: { sha256?: unknown }; cut?: unknown } | undefined;
    return typeof metadata?.source?.sha256 === 'string' ? `${String(metadata.cut)} ${metadata.source.sha256}` : null;
  } catch {
    return null;
  }
}
