/**
 * `npm run data:ensure` — regenerates public/data only when it is missing or stale: when
 * catalog.json is absent, unreadable, lists a file that is missing, or carries an inputsHash
 * different from the current one (generator sources, data inputs, package versions, default
 * options). Otherwise it returns after hashing a few dozen small files; the generator itself is
 * only loaded when needed. Either way the map's vector tiles are cut again when the FlatGeobuf they
 * come from changed (a bureau's own file put in public/data: sample-data/catalog-tiles.ts).
 */
import { join } from 'node:path';
import { ensureCatalogTiles } from './sample-data/catalog-tiles';
import { checkSampleData } from './sample-data/ensure';
import { REPOSITORY_ROOT } from './sample-data/inputs';
import { DEFAULT_OPTIONS, computeInputsHash } from './sample-data/inputs-hash';

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
await ensureCatalogTiles(outDir, (line) => console.log(line));
