/**
 * Initial JavaScript of a production build (issue #13): the entry script of dist/index.html and
 * every module it preloads, each gzip -9, as docs/benchmarks.md reports it.
 *
 *   npx vite build && npx tsx scripts/bench/initial-js.ts [dist]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"/g),
].map((match) => match[1]!);
let total = 0;
for (const file of files) {
  const gzip = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gzip;
  console.log(`${(gzip / 1024).toFixed(1).padStart(8)} KiB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KiB  initial JavaScript (gzip -9)`);
