/**
 * Benchmark of the sample-data generator: one generation at the default size (or
 * `--subcompartments <n>`) into a temporary folder; prints a markdown section for
 * docs/benchmarks.md (assembled by another script) with wall time, peak RSS and file sizes.
 *
 *   npx tsx scripts/bench/data-generation.bench.ts [--subcompartments <n>] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleData } from '../sample-data/generate';
import { DEFAULT_OPTIONS } from '../sample-data/inputs-hash';
import { formatBytes } from '../sample-data/report';

const argv = process.argv.slice(2);
const sizeFlag = argv.indexOf('--subcompartments');
const subcompartments = sizeFlag >= 0 ? Number(argv[sizeFlag + 1]) : DEFAULT_OPTIONS.subcompartments;
if (!Number.isFinite(subcompartments) || subcompartments < 500) throw new Error('--subcompartments needs a number ≥ 500');
const keep = argv.includes('--keep');

const outDir = mkdtempSync(join(tmpdir(), 'sample-data-bench-'));
const options = { ...DEFAULT_OPTIONS, subcompartments };
const started = performance.now();
const result = generateSampleData(outDir, options, (message) => console.error(message));
const wallSeconds = (performance.now() - started) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const { catalog } = result;

const lines: string[] = [];
lines.push('## Sample data generation');
lines.push('');
lines.push(
  `Produced by \`scripts/bench/data-generation.bench.ts\`: one \`npm run data\` equivalent (seed ${options.seed}, ` +
    `--subcompartments ${subcompartments}) in-process on Node ${process.version}, ${cpus().length} cores ` +
    `(${cpus()[0]?.model.trim() ?? 'unknown CPU'}); the generator is single-threaded. Peak RSS is the process maximum.`,
);
lines.push('');
lines.push('| measure | value |');
lines.push('|---|---|');
lines.push(`| wall time | ${wallSeconds.toFixed(1)} s |`);
lines.push(`| peak RSS | ${peakRssMiB.toFixed(0)} MiB |`);
lines.push(`| sub-compartments written | ${catalog.totals.subcompartmentCount} |`);
lines.push(`| forest coverage | ${((catalog.totals.forestCoverageRatio ?? 0) * 100).toFixed(2)} % |`);
lines.push('');
lines.push('| file | features | size |');
lines.push('|---|---:|---:|');
let total = 0;
for (const layer of Object.values(catalog.layers)) {
  total += layer.bytes;
  lines.push(`| ${layer.file} | ${layer.featureCount} | ${formatBytes(layer.bytes)} |`);
}
lines.push(`| **all layers** | | **${formatBytes(total)}** |`);
lines.push('');
console.log(lines.join('\n'));

if (keep) console.error(`[bench] output kept in ${outDir}`);
else rmSync(outDir, { recursive: true, force: true });
