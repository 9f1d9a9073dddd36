/**
 * Reads one input file for the CLI through the io layer (any supported format, CRS from the
 * file or --crs, reprojected to WGS84), failing with a CLI error that names the file. A file that
 * holds several layers (a zip of shapefiles, a KMZ) gives its first polygon layer, and the notes
 * say which; KML folders are all read, and the notes list them.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { importFiles, type ImportedLayer } from '../lib/io';
import { t } from '../lib/i18n';
import '../lib/i18n/cli-messages'; // the texts of a tool that loads on use
import { CliError, EXIT } from './cli-error';

export interface ReadLayer {
  readonly collection: FeatureCollection;
  /** Lines saying which CRS was used and why, and which layer of the file. */
  readonly notes: readonly string[];
}

const isPolygonal = (layer: ImportedLayer) => layer.geometryTypes.some((type) => type === 'Polygon' || type === 'MultiPolygon');

/** The layer used from a file, and a note when the file holds more than one. */
function pickLayer(layers: readonly ImportedLayer[], label: string, path: string, locale: 'zh' | 'en'): { layer: ImportedLayer; note?: string } {
  const layer = layers.find(isPolygonal) ?? layers[0]!;
  if (layers.length === 1) return { layer };
  const list = layers.map((candidate) => `"${candidate.name}" (${candidate.featureCount})`).join(', ');
  return {
    layer,
    note: t(locale, 'cli.severalLayers', { label, path, count: layers.length, list, layer: layer.name }),
  };
}

/** A note listing the KML folders the features came from, when there are several. */
function folderNote(collection: FeatureCollection, label: string, locale: 'zh' | 'en'): string | undefined {
  const folders = new Set(collection.features.map((feature) => feature.properties?.folder).filter((folder): folder is string => typeof folder === 'string'));
  if (folders.size < 2) return undefined;
  const list = [...folders].slice(0, 10).map((folder) => `"${folder}"`).join(', ') + (folders.size > 10 ? ', …' : '');
  return t(locale, 'cli.severalFolders', { label, count: collection.features.length, folders: folders.size, list });
}

/**
 * Reads a file; `label` names it in messages (e.g. "--layer forest").
 * @throws CliError: exit 2 for a missing file or unknown CRS, 3 for an unreadable or empty file.
 */
export async function readLayer(path: string, label: string, crs: string | undefined, locale: 'zh' | 'en'): Promise<ReadLayer> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${label}: cannot read "${path}"${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`, EXIT.usage);
  }
  // Validation and repair happen in the statistics engine, which reports them per layer.
  const result = await importFiles([{ name: basename(path), bytes }], { invalid: 'keep', checkIntersections: false, ...(crs ? { crs } : {}) });
  const empty = t(locale, 'cli.noFeatures', { label, path });
  const failure = result.errors[0];
  if (failure?.code === 'no-features') throw new CliError(`${empty} (${failure.message[locale]})`, EXIT.input);
  if (failure) {
    const exitCode = failure.code === 'unknown-crs' || failure.code === 'crs-undetected' ? EXIT.usage : EXIT.input;
    throw new CliError(`${label}: ${failure.message[locale]}`, exitCode);
  }
  if (result.layers.length === 0) throw new CliError(`${label}: "${path}" holds no layer`, EXIT.input);
  const { layer, note } = pickLayer(result.layers, label, path, locale);
  if (layer.collection.features.length === 0) throw new CliError(empty, EXIT.input);
  const notes = [`${label}: ${layer.crs.code ?? layer.crs.proj4 ?? '?'} — ${layer.crs.reason[locale]}`];
  if (note) notes.push(note);
  const folders = folderNote(layer.collection, label, locale);
  if (folders) notes.push(folders);
  return { collection: layer.collection, notes };
}
