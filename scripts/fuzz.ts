/**
 * Fuzzes every importer with mutated seed files (see docs/fuzzing.md). Each input runs in a
 * worker thread under a watchdog and a heap ceiling; the outcome must be features or a typed
 * ImportError — never a hang, a crash or an untyped exception.
 *
 *   npm run fuzz                               1,000 inputs per format (what `npm test` runs)
 *   npm run fuzz -- --count 100000             a longer local run
 *   FUZZ_SEED=123 npm run fuzz                 the same inputs again
 *   npm run fuzz -- --seed 123 --format kml --index 417    one input, rebuilt and run alone
 *   options: --timeout MS (2000) --workers N (2) --save DIR (write defective inputs there)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzFormat, type FormatSummary } from '../tests/fuzz/engine';
import { buildSeeds, FORMATS, generate, type FuzzFormat } from '../tests/fuzz/generators';
import { IsolatedImporter } from '../tests/fuzz/isolated-import';
import { inputSeed, seededRandom } from '../tests/fuzz/random';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: process.env.FUZZ_COUNT ?? '1000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED },
    format: { type: 'string' },
    index: { type: 'string' },
    timeout: { type: 'string', default: process.env.FUZZ_TIMEOUT_MS ?? '2000' },
    workers: { type: 'string', default: '2' },
    save: { type: 'string' },
  },
});

const seed = values.seed !== undefined ? Number(values.seed) >>> 0 : (Date.now() ^ (Math.random() * 2 ** 32)) >>> 0;
const formats = (values.format ? values.format.split(',') : [...FORMATS]) as FuzzFormat[];
for (const format of formats) if (!FORMATS.includes(format)) throw new Error(`unknown format ${format}; one of ${FORMATS.join(', ')}`);
const single = values.index !== undefined ? Number(values.index) : undefined;
const count = single !== undefined ? 1 : Number(values.count);
const workers = Math.max(1, Number(values.workers));

console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} to reproduce), ${count} inputs per format, ${formats.join(', ')}; ${values.timeout} ms per input, ${workers} worker threads`);
const started = performance.now();
const seeds = await buildSeeds();
const pool = new IsolatedImporter({ size: workers, timeoutMs: Number(values.timeout) });
const summaries: FormatSummary[] = [];
for (const format of formats) {
  const summary = await fuzzFormat(pool, seeds, format, { seed, count, ...(single !== undefined ? { first: single } : {}), concurrency: workers });
  summaries.push(summary);
  const codes = Object.entries(summary.codes).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
  console.log(
    `  ${format.padEnd(10)} ${summary.inputs} inputs in ${(summary.milliseconds / 1000).toFixed(1)} s: ${summary.withFeatures} with features; typed errors: ${codes || '—'}; slow: ${summary.slow.length}; defects: ${summary.defects.length}`,
  );
  for (const slow of summary.slow) console.log(`    slow: ${format} #${slow.index} (${slow.bytes} bytes) missed ${values.timeout} ms once, then ended: ${slow.outcome.kind}`);
}
await pool.close();

const defects = summaries.flatMap((summary) => summary.defects);
for (const defect of defects.slice(0, 20)) {
  const detail = 'detail' in defect.outcome ? defect.outcome.detail.split('\n').slice(0, 4).join(' | ') : '';
  console.log(`DEFECT ${defect.format} #${defect.index} (${defect.bytes} bytes): ${defect.outcome.kind}: ${detail}`);
  console.log(`  reproduce: npm run fuzz -- --seed ${seed} --format ${defect.format} --index ${defect.index}`);
}
if (values.save && defects.length > 0) {
  mkdirSync(values.save, { recursive: true });
  for (const defect of defects) {
    for (const file of generate(defect.format, seeds, seededRandom(inputSeed(seed, defect.format, defect.index)))) {
      writeFileSync(join(values.save, `${defect.format}-${defect.index}-${file.name}`), file.bytes);
    }
  }
}
const total = summaries.reduce((sum, summary) => sum + summary.inputs, 0);
console.log(`fuzz: ${total} inputs, ${defects.length} defects, ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
process.exitCode = defects.length > 0 ? 1 : 0;
