/** Staleness check behind `npm run data:ensure` (kept apart from the script so tests can call it). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Staleness = { stale: false } | { stale: true; reason: string };

/**
 * Stale when catalog.json is absent or unreadable, carries another inputsHash, or lists a layer
 * file that is missing.
 */
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
  const layers = Object.values(catalog.layers ?? {});
  if (layers.length === 0) return { stale: true, reason: 'catalog.json lists no layers' };
  for (const layer of layers) {
    if (typeof layer.file !== 'string' || !existsSync(join(outDir, layer.file))) {
      return { stale: true, reason: `layer file ${String(layer.file)} is missing` };
    }
  }
  return { stale: false };
}
