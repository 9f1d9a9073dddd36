/**
 * `npm run stats`: runs the statistics CLI (stats.ts) compiled to plain JavaScript. Through tsx
 * every start transpiled ~150 modules (seconds, and again in each worker); here esbuild bundles
 * the CLI and its worker once into node_modules/.cache/youyang-stats/ and rebuilds only when a
 * source file (or the lockfile) is newer than the bundle. Plain JS so that it runs without tsx.
 *
 * The main thread's code is one CommonJS script run from V8's code cache (runCached): Node 20
 * caches no compiled ES modules, and parsing and compiling them again at every start was ~75 ms
 * of a 20,000-polygon run that takes under a second (docs/benchmarks.md). The pool's workers
 * stay ES modules: they start while the main thread reads the files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, 'node_modules/.cache/youyang-stats');
const pointer = join(cache, 'current.json');
const MAIN_SCRIPT = 'stats-main.cjs';

/** The current build's folder when no input changed since it was built, else null. */
function freshBuild() {
  try {
    const { directory, inputs, builtAt } = JSON.parse(readFileSync(pointer, 'utf8'));
    if (!existsSync(join(cache, directory, MAIN_SCRIPT))) return null;
    // This file too: it holds the build's settings.
    for (const input of [...inputs, 'package-lock.json', 'src/cli/launch.mjs']) {
      if (statSync(join(root, input)).mtimeMs > builtAt) return null;
    }
    return join(cache, directory);
  } catch {
    return null;
  }
}

/**
 * esbuild plugin: `import('package')` of these packages becomes a require() when first run, the
 * package staying in node_modules. A script run through node:vm cannot import() without an
 * experimental flag, and these packages are CommonJS.
 */
function requiredWhenImported(packages) {
  const filter = new RegExp(`^(${packages.map((name) => name.replace(/[/.@-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'required-when-imported',
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === 'required' ? { path: args.path, external: true } : { path: args.path, namespace: 'required' }));
      build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/** Bundles into a new folder and points current.json at it (atomic rename: concurrent runs are safe). */
async function rebuild() {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const directory = `build-${builtAt}-${process.pid}`;
  const outdir = join(cache, directory);
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', metafile: true, logLevel: 'error' };
  const worker = await build({
    ...common,
    entryPoints: { 'stats-worker': 'src/cli/stats-worker.ts' },
    outdir,
    splitting: true,
    format: 'esm',
    // CommonJS dependencies bundled into ES modules still call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const main = await build({
    ...common,
    entryPoints: ['src/cli/stats.ts'],
    outfile: join(outdir, MAIN_SCRIPT),
    format: 'cjs',
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    // Large packages a run may not need stay in node_modules, required when first used: the script
    // is read whole at every start.
    external: ['@xmldom/xmldom'],
    plugins: [requiredWhenImported(['exceljs'])],
  });
  // The project's own sources; a change under node_modules comes with a new package-lock.json, and
  // stat-ing its ~900 files took longer than the rest of the check.
  const inputs = [...new Set([...Object.keys(worker.metafile.inputs), ...Object.keys(main.metafile.inputs)])].filter((input) => !input.includes(':') && !input.startsWith('node_modules/'));
  // Node looks for a package's "type" no higher than node_modules: without this file it would
  // parse every chunk twice to find out that it is an ES module (~10 ms a start).
  writeFileSync(join(cache, directory, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(cache, { recursive: true });
  const temporary = `${pointer}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ directory, inputs, builtAt }));
  renameSync(temporary, pointer);
  // Builds older than a day are left by earlier sources; a run still using one has long finished.
  for (const entry of readdirSync(cache)) {
    const age = Date.now() - Number(entry.split('-')[1]);
    if (entry.startsWith('build-') && entry !== directory && age > 86_400_000) rmSync(join(cache, entry), { recursive: true, force: true });
  }
  return join(cache, directory);
}

/**
 * Runs a CommonJS script, compiled from V8's code cache beside it when there is one. A missing or
 * rejected cache (another Node or V8 flags) is written when the process exits, so that it holds
 * every function this run compiled, not only the top level.
 */
function runCached(file) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // Without a cache the next start compiles, as this one did.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

runCached(join(freshBuild() ?? (await rebuild()), MAIN_SCRIPT));
