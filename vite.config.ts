import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { offlineApp } from './scripts/pwa/vite-plugin-offline';
import { pmtilesWithoutFflate } from './scripts/vite/pmtiles-without-fflate';

const MAIN = fileURLToPath(new URL('src/main.ts', import.meta.url));
const initialModuleSets = new WeakMap<object, Set<string>>();

/**
 * The modules the page imports statically from src/main.ts: what the browser loads before anything
 * is used. Rolldown would spread them over dozens of small shared chunks (the lazily loaded panels
 * share them); one chunk compresses better and is one request.
 */
function initialModules(ctx: { getModuleInfo(id: string): { readonly importedIds: readonly string[] } | null }): Set<string> | null {
  const main = ctx.getModuleInfo(MAIN);
  if (!main) return null;
  let modules = initialModuleSets.get(main);
  if (!modules) {
    modules = new Set([MAIN]);
    const queue = [MAIN];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      for (const imported of ctx.getModuleInfo(id)?.importedIds ?? []) {
        if (!modules.has(imported)) {
          modules.add(imported);
          queue.push(imported);
        }
      }
    }
    initialModuleSets.set(main, modules);
  }
  return modules;
}

export default defineConfig(({ command }) => ({
  // offlineApp: web manifest, icons and the service worker (build only); pmtilesWithoutFflate: see its file.
  plugins: [svelte(), offlineApp(), pmtilesWithoutFflate()],
  // The page and the import worker are separate bundles: ExcelJS is loaded as one shared asset
  // (src/lib/io/exceljs-browser.ts) rather than bundled into each.
  resolve: command === 'build' ? { alias: { exceljs: fileURLToPath(new URL('src/lib/io/exceljs-browser.ts', import.meta.url)) } } : {},
  // Relative base: the built app runs from any folder or a file server without configuration.
  base: './',
  optimizeDeps: { exclude: ['maplibre-gl'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // MapLibre alone is ~1 MB of the ~1.6 MB main chunk (docs/benchmarks.md); the limit sits just
    // above it so that real growth still warns. ExcelJS, terra-draw and the writers load lazily.
    chunkSizeWarningLimit: 1700,
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // polyclip-ts (with bignumber.js and splaytree-ts) declares no "sideEffects", so the page
        // kept ~40 KB of it for one `bbox` import from @turf/turf. Its top-level code only sets up
        // what its exports use; elsewhere the packages' own declarations (undefined) stand.
        moduleSideEffects: (id) => (/[\\/]node_modules[\\/](polyclip-ts|bignumber\.js|splaytree-ts)[\\/]/.test(id) ? false : undefined),
      },
      output: {
        codeSplitting: { groups: [{ name: (id, ctx) => (initialModules(ctx)?.has(id) ? 'app' : null) }] },
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}));
