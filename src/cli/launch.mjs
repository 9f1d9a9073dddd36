/**
 * `npm run stats`: runs the statistics CLI (stats.ts) compiled to plain JavaScript. Through tsx
 * every start transpiled ~150 modules (seconds, and again in each worker); here esbuild bundles
 * the CLI and its worker once into node_modules/.cache/youyang-stats/ and rebuilds only when a
 * source file (or the lockfile) is newer than the bundle. Plain JS so that it runs without tsx.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, 'node_modules/.cache/youyang-stats');
const pointer = join(cache, 'current.json');

/** The current build's folder when no input changed since it was built, else null. */
function freshBuild() {
  try {
    const { directory, inputs, builtAt } = JSON.parse(readFileSync(pointer, 'utf8'));
    if (!existsSync(join(cache, directory, 'stats.js'))) return null;
    // This file too: it holds the build's settings.
    for (const input of [...inputs, 'package-lock.json', 'src/cli/launch.mjs']) {
      if (statSync(join(root, input)).mtimeMs > builtAt) return null;
    }
    return join(cache, directory);
  } catch {
    return null;
  }
}

/** Bundles into a new folder and points current.json at it (atomic rename: concurrent runs are safe). */
async function rebuild() {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const directory = `build-${builtAt}-${process.pid}`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: { stats: 'src/cli/stats.ts', 'stats-worker': 'src/cli/stats-worker.ts' },
    outdir: join(cache, directory),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    // CommonJS dependencies bundled into ES modules still call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // The project's own sources; a change under node_modules comes with a new package-lock.json, and
  // stat-ing its ~900 files took longer than the rest of the check.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':') && !input.startsWith('node_modules/'));
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

const directory = freshBuild() ?? (await rebuild());
await import(pathToFileURL(join(directory, 'stats.js')).href);
