/**
 * Node ESM interop for running the generator with tsx.
 *
 * geographiclib-geodesic ships one UMD file; Node's CommonJS export detection finds no named
 * exports in it, so `import * as geographiclib from 'geographiclib-geodesic'` (as src/lib/geo/area.ts
 * writes it, which works under Vite and Vitest) yields only `default` under plain Node/tsx. This
 * module registers a tiny resolve/load hook that serves the package as an ES module with both the
 * named exports and a default export. Import it for its side effect, then load the generator with a
 * dynamic `import()` so the hook is in place first. Harmless where the import already works.
 */
import { register } from 'node:module';

const SHIM_URL = 'youyang-shim:geographiclib-geodesic';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'geographiclib-geodesic') return { url: ${JSON.stringify(SHIM_URL)}, shortCircuit: true };
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url !== ${JSON.stringify(SHIM_URL)}) return next(url, context);
  const source = [
    "import { createRequire } from 'node:module';",
    "const lib = createRequire(" + JSON.stringify(${JSON.stringify(import.meta.url)}) + ")('geographiclib-geodesic');",
    'export default lib;',
    'export const Geodesic = lib.Geodesic;',
    'export const GeodesicLine = lib.GeodesicLine;',
    'export const PolygonArea = lib.PolygonArea;',
    'export const Constants = lib.Constants;',
    'export const Math = lib.Math;',
    'export const Accumulator = lib.Accumulator;',
  ].join('\\n');
  return { format: 'module', source, shortCircuit: true };
}
`;

let registered = false;

/** Registers the hook once per process (no-op on later calls). */
export function registerNodeInterop(): void {
  if (registered) return;
  registered = true;
  register('data:text/javascript,' + encodeURIComponent(hooks));
}

registerNodeInterop();
