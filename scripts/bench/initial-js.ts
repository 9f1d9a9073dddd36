/**
 * Initial JavaScript of a production build (issue #13): the entry script of dist/index.html and
 * every module it preloads, each gzip -9, as docs/benchmarks.md reports it.
 *
 *   npx vite build && npx tsx scripts/bench/initial-js.ts [dist]
 */
import { initialJavaScript } from './initial-js-files';

const scripts = initialJavaScript(process.argv[2] ?? 'dist');
for (const { file, gzipBytes } of scripts) console.log(`${(gzipBytes / 1024).toFixed(1).padStart(8)} KiB  ${file}`);
const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
console.log(`${(total / 1024).toFixed(1).padStart(8)} KiB  initial JavaScript (gzip -9)`);
