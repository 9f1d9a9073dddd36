/**
 * `npm run data:ensure` — regenerates public/data only when it is missing or stale: when
 * catalog.json is absent, unreadable, lists a file that is missing, or carries an inputsHash
 * different from the current one (generator sources, data inputs, package versions, default
 * options). Otherwise it returns after hashing a few dozen small files.
 */
import './sample-data/node-interop';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const { DEFAULT_OPTIONS, computeInputsHash } = await import('./sample-data/inputs-hash');
const { REPOSITORY_ROOT } = await import('./sample-data/inputs');

export type Staleness = { stale: false } | { stale: true; reason: string };

export function checkSampleData(outDir: string, expectedHash: string): Staleness {
  const catalogPath = join(outDir, 'catalog.json');
  if (!existsSync(catalogPath)) return { stale: true, reason: 'catalog.json is missing' };
  let catalog: { inputsHash?: unknown; layers?: Record<string, { file?: unknown }> };
  try {
    catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as typeof catalog;
  } catch {
    return { stale: true, reason: 'catalog.json is unreadable' };
  }
  if (catalog.inputsHash !== expectedHash) return { stale: true, reason: 'inputs changed (inputsHash differs)' };
  for (const layer of Object.values(catalog.layers ?? {})) {
    if (typeof layer.file !== 'string' || !existsSync(join(outDir, layer.file))) return { stale: true, reason: `layer file ${String(layer.file)} is missing` };
  }
  return { stale: false };
}

const outDir = join(REPOSITORY_ROOT, 'public', 'data');
const status = checkSampleData(outDir, computeInputsHash(DEFAULT_OPTIONS));
if (!status.stale) {
  console.log('[data] sample data up to date');
} else {
  console.log(`[data] regenerating sample data: ${status.reason}`);
  const { generateSampleData } = await import('./sample-data/generate');
  const { printSummary } = await import('./sample-data/report');
  const result = generateSampleData(outDir, DEFAULT_OPTIONS, (message) => console.log(message));
  printSummary(result, (line) => console.log(line));
}
