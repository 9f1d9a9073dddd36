import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
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
});
