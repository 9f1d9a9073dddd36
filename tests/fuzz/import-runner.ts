/**
 * Runs inside a worker thread (see isolated-import.ts): imports one input with the real io layer
 * and classifies the outcome. An outcome is acceptable when it is features (checked: finite
 * coordinates, finite bbox, a result that survives structured cloning) or typed errors; an
 * exception from our own code ('read-failed') or a broken invariant is a defect.
 */
// Messages in both languages, as in the import worker (the page loads English only on demand).
import '../../src/lib/i18n/english';
import { parentPort } from 'node:worker_threads';
import type { Geometry } from 'geojson';
import { importFiles } from '../../src/lib/io/import-files';
import type { ImportFile, ImportOptions } from '../../src/lib/io/types';
import type { RunOutcome } from './outcome';

function finiteGeometry(geometry: Geometry | null): boolean {
  if (geometry === null) return true;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.every(finiteGeometry);
  const visit = (value: unknown): boolean =>
    Array.isArray(value) ? value.every(visit) : typeof value === 'number' && Number.isFinite(value);
  return visit(geometry.coordinates);
}

async function run(files: ImportFile[], options: ImportOptions): Promise<RunOutcome> {
  const result = await importFiles(files, { checkIntersections: false, ...options });
  const untyped = result.errors.find((error) => error.code === 'read-failed');
  if (untyped) return { kind: 'untyped', detail: untyped.message.en };
  for (const layer of result.layers) {
    if (layer.bbox && !layer.bbox.every(Number.isFinite)) return { kind: 'invariant', detail: `${layer.name}: bbox ${layer.bbox.join(',')}` };
    const bad = layer.collection.features.findIndex((feature) => !finiteGeometry(feature.geometry));
    if (bad >= 0) return { kind: 'invariant', detail: `${layer.name}: feature ${bad} has a non-finite coordinate` };
  }
  try {
    structuredClone(result);
  } catch (error) {
    return { kind: 'invariant', detail: `result cannot be posted: ${String(error)}` };
  }
  const features = result.layers.reduce((sum, layer) => sum + layer.featureCount, 0);
  return result.layers.length > 0
    ? { kind: 'features', features, codes: result.errors.map((error) => error.code) }
    : { kind: 'typed-error', codes: result.errors.map((error) => error.code), messages: result.errors.map((error) => error.message) };
}

parentPort!.on('message', async (message: { id: number; files: ImportFile[]; options: ImportOptions }) => {
  // The warm-up input also loads what readers import lazily, before the watchdog counts.
  if (message.id === 0) await import('exceljs');
  let outcome: RunOutcome;
  try {
    outcome = await run(message.files, message.options);
  } catch (error) {
    outcome = { kind: 'untyped', detail: `importFiles threw: ${error instanceof Error ? error.stack : String(error)}` };
  }
  parentPort!.postMessage({ id: message.id, outcome });
});
