/**
 * Reads one input file for the CLI through the io layer (any supported format, CRS from the
 * file or --crs, reprojected to WGS84), failing with a CLI error that names the file.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { importFiles } from '../lib/io';
import { CliError, EXIT } from './cli-error';

export interface ReadLayer {
  readonly collection: FeatureCollection;
  /** One line saying which CRS was used and why. */
  readonly crsNote: string;
}

/** Reads a file; `label` names it in messages (e.g. "--layer forest"). */
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
  const failure = result.errors[0];
  if (failure?.code === 'no-features') {
    return { collection: { type: 'FeatureCollection', features: [] }, crsNote: `${label}: ${failure.message[locale]}` };
  }
  if (failure) {
    const exitCode = failure.code === 'unknown-crs' || failure.code === 'crs-undetected' ? EXIT.usage : EXIT.input;
    throw new CliError(`${label}: ${failure.message[locale]}`, exitCode);
  }
  const layer = result.layers[0];
  if (!layer) throw new CliError(`${label}: "${path}" holds no layer`, EXIT.input);
  return { collection: layer.collection, crsNote: `${label}: ${layer.crs.code ?? layer.crs.proj4 ?? '?'} — ${layer.crs.reason[locale]}` };
}
