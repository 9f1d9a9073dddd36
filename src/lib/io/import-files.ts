/**
 * importFiles: the one entry point for reading a user's files. Groups shapefile parts, opens
 * archives, reads each group with its format module, resolves the CRS, reprojects to WGS84 and
 * validates. It never throws: every failure comes back as an ImportFailure naming its file.
 */
import { mapGeoJsonPositions } from '../geo/crs';
import { fail, importFailure, toFailure, type ImportFailure } from './errors';
import { checkFeatures } from './feature-check';
import type { RawLayer, ReadContext } from './formats/format';
import { resolveCrs } from './crs-resolve';
import { groupFiles, type ReadableGroup } from './group-files';
import { bboxOf, geometryTypesOf, summariseFields } from './layer-summary';
import type { ImportedLayer, ImportFile, ImportOptions, ImportResult, ImportStage, ImportWarning } from './types';
import { MAX_LISTED_ISSUES, validateLayer } from './validate-layer';

function groupSize(group: ReadableGroup): number {
  let size = group.main.bytes.length;
  for (const part of group.parts.values()) size += part.bytes.length;
  return Math.max(1, size);
}

function checkCancelled(options: ImportOptions, file: string): void {
  if (options.signal?.aborted) fail('cancelled', file);
}

/** Reprojects, validates and summarises one raw layer. */
function finishLayer(raw: RawLayer, options: ImportOptions, file: string, report: (stage: ImportStage, fraction: number) => void): ImportedLayer {
  const warnings: ImportWarning[] = [...(raw.warnings ?? [])];
  if (!Array.isArray(raw.collection.features) || raw.collection.features.length === 0) {
    fail('no-features', file, { format: raw.format === 'geojson' || raw.format === 'ndjson' ? 'GeoJSON' : 'file' });
  }
  // Unusable features are taken out before CRS detection, reprojection, validation and the bbox see them.
  const read = checkFeatures(raw.collection, file, warnings);
  if (read.collection.features.length === 0) fail('no-usable-features', file, { count: read.removed, first: read.issues[0]?.message.en ?? '', firstZh: read.issues[0]?.message.zh ?? '' });
  const crs = resolveCrs(read.collection, raw.declaredCrs, options, file, warnings);
  report('reproject', 0);
  // A transform can turn huge numbers into NaN or Infinity: checked again.
  const reprojected = crs.transform
    ? checkFeatures(mapGeoJsonPositions(read.collection, crs.transform), file, warnings, read.sourceIndex, 'reprojected')
    : { ...read, issues: [], removed: 0 };
  if (reprojected.collection.features.length === 0) fail('no-usable-features', file, { count: reprojected.removed, first: reprojected.issues[0]?.message.en ?? '', firstZh: reprojected.issues[0]?.message.zh ?? '' });
  checkCancelled(options, file);
  const validation = validateLayer(reprojected.collection, options, (fraction) => report('validate', fraction), reprojected.sourceIndex);
  const defects = [...read.issues, ...reprojected.issues];
  const removed = read.removed + reprojected.removed;
  if (validation.truncated) {
    warnings.push({ file, message: { zh: `问题过多，只列出前${MAX_LISTED_ISSUES}条`, en: `too many issues: only the first ${MAX_LISTED_ISSUES} are listed` } });
  }
  const collection = validation.collection;
  return {
    name: raw.name,
    format: raw.format,
    files: raw.files,
    collection,
    featureCount: collection.features.length,
    geometryTypes: geometryTypesOf(collection),
    fields: summariseFields(collection),
    bbox: bboxOf(collection),
    ...(raw.encoding ? { encoding: raw.encoding } : {}),
    crs: crs.report,
    issues: [...defects, ...validation.issues],
    invalidCount: validation.invalidCount + removed,
    repairedCount: validation.repairedCount,
    skippedCount: validation.skippedCount + removed,
    warnings,
  };
}

/**
 * Imports files into WGS84 layers.
 *
 * @param files the user's files (loose shapefile parts are matched by base name; zips are opened).
 * @param options encoding/CRS overrides, invalid-geometry policy, progress callback, AbortSignal.
 * @returns the layers read and one failure per file that could not be read; never throws.
 *
 * @example
 * const result = await importFiles([{ name: '小班.zip', bytes }], { invalid: 'repair' });
 * result.layers[0].crs.code      // e.g. 'EPSG:4524' from the .prj
 * result.layers[0].encoding      // e.g. { encoding: 'gbk', source: 'detected', reason, preview }
 * result.errors                  // e.g. [{ code: 'shapefile-missing-dbf', file: 'a.shp', message }]
 */
export async function importFiles(files: readonly ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const layers: ImportedLayer[] = [];
  const errors: ImportFailure[] = [];
  const warnings: ImportWarning[] = [];
  let grouping;
  try {
    grouping = groupFiles(files);
  } catch (error) {
    return { layers, errors: [toFailure(error, files.map((file) => file.name).join(', '))], warnings };
  }
  errors.push(...grouping.errors);
  warnings.push(...grouping.warnings);
  const total = grouping.groups.reduce((sum, group) => sum + groupSize(group), 0);
  let done = 0;
  // Within a file: reading/parsing 0–0.6, reprojection 0.6–0.7, validation 0.7–1.
  const STAGE_SPAN: Record<ImportStage, [number, number]> = {
    read: [0, 0.05],
    unzip: [0, 0.05],
    parse: [0.05, 0.6],
    reproject: [0.6, 0.7],
    validate: [0.7, 1],
    done: [1, 1],
  };
  for (const group of grouping.groups) {
    const size = groupSize(group);
    const report = (stage: ImportStage, fraction: number) => {
      const [from, to] = STAGE_SPAN[stage];
      const within = from + (to - from) * Math.min(1, Math.max(0, fraction));
      options.onProgress?.({ stage, file: group.name, fraction: total > 0 ? (done + size * within) / total : 1 });
    };
    const context: ReadContext = {
      options,
      progress: (fraction) => report('parse', fraction),
      checkCancelled: () => checkCancelled(options, group.name),
    };
    try {
      checkCancelled(options, group.name);
      report('parse', 0);
      const raws = await group.format.read(group, context);
      for (const raw of raws) {
        checkCancelled(options, group.name);
        const file = raws.length > 1 ? `${group.name} (${raw.name})` : group.name;
        layers.push(finishLayer(raw, options, file, report));
      }
    } catch (error) {
      const failure = toFailure(error, group.name);
      errors.push(failure);
      if (failure.code === 'cancelled') break;
    }
    done += size;
    // Let the event loop run between files (progress messages, cancel requests).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  options.onProgress?.({ stage: 'done', file: '', fraction: 1 });
  return { layers, errors, warnings };
}

/** A failure for a whole call (e.g. the worker died), in the same shape as per-file failures. */
export function callFailure(files: readonly { name: string }[], detail: string): ImportFailure {
  return importFailure('read-failed', files.map((file) => file.name).join(', ') || '—', { detail });
}
