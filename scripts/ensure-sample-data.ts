/**
 * `npm run data:ensure` — regenerates public/data only when it is missing or stale: when
 * catalog.json is absent, unreadable, lists a file that is missing, or carries an inputsHash
 * different from the current one (generator sources, data inputs, package versions, default
 * options). Otherwise it returns after hashing a few dozen small files.
 */
import './sample-data/node-interop';
import { join } from 'node:path';

const { DEFAULT_OPTIONS, computeInputsHash } = await import('./sample-data/inputs-hash');
const { REPOSITORY_ROOT } = await import('./sample-data/inputs');
const { checkSampleData } = await import('./sample-data/ensure');

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
