import type { Plugin } from 'vite';

const STUB_ID = '\0pmtiles-fflate-stub';

/**
 * pmtiles imports fflate's `decompressSync` only for browsers without `DecompressionStream`
 * (pmtiles' defaultDecompress); every browser the app supports has it, so the page carried ~8 KiB
 * gzip of inflate code it never runs (issue #13, initial JavaScript). pmtiles' import of fflate
 * resolves to a stub that names the problem if it is ever reached; the app's own imports of fflate
 * (zip reading and writing, loaded when used) are untouched.
 */
export function pmtilesWithoutFflate(): Plugin {
  return {
    name: 'pmtiles-without-fflate',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'fflate' && importer !== undefined && /[\\/]node_modules[\\/]pmtiles[\\/]/.test(importer)) return STUB_ID;
      return null;
    },
    load(id) {
      if (id !== STUB_ID) return null;
      return `export function decompressSync() {
  throw new Error('This browser cannot decompress the map tiles (it lacks DecompressionStream); use a current Chrome, Edge, Firefox or Safari.');
}`;
    },
  };
}
