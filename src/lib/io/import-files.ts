/**
 * importFiles: the one entry point for reading a user's files. Groups shapefile parts, opens
 * archives, reads each group with its format module, resolves the CRS, reprojects to WGS84 and
 * validates. It never throws: every failure comes back as an ImportFailure naming its file.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { mapGeoJsonPositions } from '../geo/crs';
import { fail, importFailure, toFailure, type ImportFailure } from './errors';
import { FeatureChecker } from './feature-check';
import { CODEC_CHUNK, encodeFeatures, type EncodedFeatureChunk } from './feature-chunks';
import type { LazyFeatures, RawLayer, ReadContext } from './formats/format';
import { resolveCrs, type ResolvedCrs } from './crs-resolve';
import { groupFiles, type ReadableGroup } from './group-files';
import { bboxOf, geometryTypesOf, summariseFields } from './layer-summary';
import type { FeatureIssue, ImportedLayer, ImportFile, ImportOptions, ImportResult, ImportStage, ImportWarning } from './types';
import { idFieldOf, MAX_LISTED_ISSUES, validateLayer } from './validate-layer';

/** Field types are summarised from this many features (as summariseFields does). */
const FIELD_SAMPLE = 10000;

function groupSize(group: ReadableGroup): number {
  let size = group.main.bytes.length;
  for (const part of group.parts.values()) size += part.bytes.length;
  return Math.max(1, size);
}

function checkCancelled(options: ImportOptions, file: string): void {
  if (options.signal?.aborted) fail('cancelled', file);
}

/** Features per step of the pipeline (and per compact chunk handed to the page). */
export const LAYER_BATCH = CODEC_CHUNK;

/** A layer's description without its features (they went to the caller batch by batch). */
export type LayerSummary = Omit<ImportedLayer, 'collection'>;

/** A reader's features as batches; each batch is let go in the raw layer once taken. */
function eagerFeatures(collection: FeatureCollection): LazyFeatures {
  const features = collection.features as unknown[];
  return {
    count: features.length,
    take: (start, end) => {
      const batch = features.slice(start, end);
      // Only the finished copy stays: the raw feature can be collected.
      for (let index = start; index < end; index++) features[index] = undefined;
      return batch;
    },
  };
}

function indexRange(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, offset) => start + offset);
}

function mergeBbox(a: LayerSummary['bbox'], b: LayerSummary['bbox']): LayerSummary['bbox'] {
  if (!a || !b) return a ?? b;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Checks, reprojects, validates and summarises one raw layer a batch at a time, handing each
 * finished batch (WGS84, in file order) to `emit` — so at most one batch exists as raw and as
 * finished GeoJSON at once, whatever the caller keeps. The CRS is resolved on the first batch
 * with usable features (detection looks at the first 5,000 positions only).
 */
function finishLayer(
  raw: RawLayer,
  options: ImportOptions,
  file: string,
  report: (stage: ImportStage, fraction: number) => void,
  emit: (features: Feature[]) => void,
): LayerSummary {
  const warnings: ImportWarning[] = [...(raw.warnings ?? [])];
  const source = raw.lazy ?? (Array.isArray(raw.collection.features) ? eagerFeatures(raw.collection) : null);
  if (!source || source.count === 0) fail('no-features', file, { format: raw.format === 'geojson' || raw.format === 'ndjson' ? 'GeoJSON' : 'file' });
  // Unusable features are taken out before CRS detection, reprojection, validation and the bbox see them.
  const readCheck = new FeatureChecker(file);
  // A transform can turn huge numbers into NaN or Infinity: checked again.
  const reprojectedCheck = new FeatureChecker(file, 'reprojected');
  let crs: ResolvedCrs | undefined;
  let pending: { features: Feature[]; sourceIndex: number[] } = { features: [], sourceIndex: [] };
  let reprojectedCount = 0;
  let idField: string | null | undefined;
  const validationIssues: FeatureIssue[] = [];
  let invalidCount = 0;
  let repairedCount = 0;
  let skippedCount = 0;
  let truncated = false;
  let featureCount = 0;
  const fieldSample: Feature[] = [];
  const geometryTypes = new Set<string>();
  let bbox: LayerSummary['bbox'] = null;

  const finishBatch = (checked: { features: Feature[]; sourceIndex: number[] }, transform: ResolvedCrs['transform']) => {
    const reprojected = transform
      ? reprojectedCheck.check(mapGeoJsonPositions({ type: 'FeatureCollection', features: checked.features }, transform).features, checked.sourceIndex)
      : checked;
    if (reprojected.features.length === 0) return;
    reprojectedCount += reprojected.features.length;
    if (idField === undefined && reprojected.features.some((feature) => feature?.properties)) idField = idFieldOf(reprojected.features) ?? null;
    const validation = validateLayer({ type: 'FeatureCollection', features: reprojected.features }, options, undefined, reprojected.sourceIndex, idField ?? null);
    const room = MAX_LISTED_ISSUES - validationIssues.length;
    if (validation.truncated || validation.issues.length > room) truncated = true;
    for (const issue of validation.issues.slice(0, Math.max(0, room))) validationIssues.push(issue);
    invalidCount += validation.invalidCount;
    repairedCount += validation.repairedCount;
    skippedCount += validation.skippedCount;
    const finished = validation.collection.features;
    featureCount += finished.length;
    for (const feature of finished) {
      if (fieldSample.length >= FIELD_SAMPLE) break;
      fieldSample.push(feature);
    }
    for (const type of geometryTypesOf(validation.collection)) geometryTypes.add(type);
    bbox = mergeBbox(bbox, bboxOf(validation.collection));
    emit(finished);
  };

  for (let start = 0; start < source.count; start += LAYER_BATCH) {
    checkCancelled(options, file);
    const end = Math.min(source.count, start + LAYER_BATCH);
    const checked = readCheck.check(source.take(start, end), indexRange(start, end));
    if (crs) finishBatch(checked, crs.transform);
    else {
      pending = { features: [...pending.features, ...checked.features], sourceIndex: [...pending.sourceIndex, ...checked.sourceIndex] };
      if (pending.features.length === 0 || (pending.features.length < LAYER_BATCH && end < source.count)) continue;
      crs = resolveCrs({ type: 'FeatureCollection', features: pending.features }, raw.declaredCrs, options, file, warnings);
      report('reproject', 0);
      finishBatch(pending, crs.transform);
      pending = { features: [], sourceIndex: [] };
    }
    report('validate', end / source.count);
  }
  // Nothing usable: named after the first check that took every feature out.
  const noneUsable: (check: FeatureChecker) => never = (check) => fail('no-usable-features', file, { count: check.removed, first: check.issues[0]?.message.en ?? '', firstZh: check.issues[0]?.message.zh ?? '' });
  if (!crs) noneUsable(readCheck);
  if (reprojectedCount === 0) noneUsable(reprojectedCheck);
  readCheck.finish(warnings);
  reprojectedCheck.finish(warnings);
  const removed = readCheck.removed + reprojectedCheck.removed;
  if (truncated) {
    warnings.push({ file, message: { zh: `问题过多，只列出前${MAX_LISTED_ISSUES}条`, en: `too many issues: only the first ${MAX_LISTED_ISSUES} are listed` } });
  }
  return {
    name: raw.name,
    format: raw.format,
    files: raw.files,
    featureCount,
    geometryTypes: [...geometryTypes].sort(),
    fields: summariseFields({ type: 'FeatureCollection', features: fieldSample }, FIELD_SAMPLE),
    bbox,
    ...(raw.encoding ? { encoding: raw.encoding } : {}),
    crs: crs.report,
    issues: [...readCheck.issues, ...reprojectedCheck.issues, ...validationIssues],
    invalidCount: invalidCount + removed,
    repairedCount,
    skippedCount: skippedCount + removed,
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
  return importGroups(files, options, (raw, file, report) => {
    const features: Feature[] = [];
    const summary = finishLayer(raw, options, file, report, (batch) => {
      for (const feature of batch) features.push(feature);
    });
    return { ...summary, collection: { type: 'FeatureCollection', features } };
  });
}

/** A layer whose features went out in compact chunks tagged `key`. */
export interface CompactLayer {
  /** The key its chunks were handed over with. */
  readonly key: number;
  /** The layer with an empty feature list. */
  readonly layer: ImportedLayer;
}

/**
 * importFiles for the import worker: the same reading, checks and messages, but each batch of
 * finished features is encoded into a compact chunk (Float64 coordinates + JSON attributes, see
 * feature-chunks.ts) and handed to `onChunk` at once, tagged with a key per layer read; a layer
 * listed in the result owns the chunks of its key, other keys (a file that failed halfway) are
 * to be dropped. No layer is ever held as GeoJSON whole (~70 bytes per position; 16 as Float64).
 */
export async function importFilesCompact(
  files: readonly ImportFile[],
  options: ImportOptions,
  onChunk: (key: number, chunk: EncodedFeatureChunk) => void,
): Promise<{ layers: CompactLayer[]; errors: ImportFailure[]; warnings: ImportWarning[] }> {
  let nextKey = 0;
  return importGroups(files, options, (raw, file, report) => {
    const key = nextKey++;
    const summary = finishLayer(raw, options, file, report, (batch) => {
      if (batch.length > 0) onChunk(key, encodeFeatures(batch));
    });
    return { key, layer: { ...summary, collection: { type: 'FeatureCollection', features: [] } } };
  });
}

/** Groups, reads and finishes the files; `finish` turns each raw layer into the caller's form. */
async function importGroups<L>(
  files: readonly ImportFile[],
  options: ImportOptions,
  finish: (raw: RawLayer, file: string, report: (stage: ImportStage, fraction: number) => void) => L,
): Promise<{ layers: L[]; errors: ImportFailure[]; warnings: ImportWarning[] }> {
  const layers: L[] = [];
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
        layers.push(finish(raw, file, report));
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
