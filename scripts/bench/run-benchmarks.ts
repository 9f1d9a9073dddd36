/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in its own Node process (one at a time,
 * so they do not compete for the two cores), collects the markdown section each prints, and
 * writes docs/benchmarks.md. Benchmarks are measurements, never test assertions.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const only = process.argv.slice(2);
const benches = readdirSync('scripts/bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const sections: string[] = [];
for (const file of benches) {
  console.error(`▶ ${file}`);
  const started = performance.now();
  const output = execFileSync('npx', ['tsx', `scripts/bench/${file}`], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  console.error(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  sections.push(output.trim());
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Numbers are from one machine and noisy; ` +
    'rerun the script to compare. Each section is produced by the script named in it.',
  '',
].join('\n');

if (only.length === 0) {
  writeFileSync('docs/benchmarks.md', `${header}\n${sections.join('\n\n')}\n`);
  console.error('wrote docs/benchmarks.md');
} else {
  process.stdout.write(`${sections.join('\n\n')}\n`);
}
