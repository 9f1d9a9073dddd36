import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { offlineApp } from './scripts/pwa/vite-plugin-offline';

export default defineConfig(({ command }) => ({
  // offlineApp: web manifest, icons and the service worker (build only).
  plugins: [svelte(), offlineApp()],
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
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}));
