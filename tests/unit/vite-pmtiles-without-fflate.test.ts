/** The build plugin that keeps fflate's inflate code (pmtiles' fallback) out of the page. */
import { describe, expect, it } from 'vitest';
import { pmtilesWithoutFflate } from '../../scripts/vite/pmtiles-without-fflate';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const plugin = pmtilesWithoutFflate();
const resolveId = plugin.resolveId as Hook;
const load = plugin.load as Hook;

describe('pmtilesWithoutFflate', () => {
  it('resolves fflate to a stub only when pmtiles imports it', () => {
    const stub = resolveId.call(null, 'fflate', '/app/node_modules/pmtiles/dist/esm/index.js', {});
    expect(typeof stub).toBe('string');
    expect(resolveId.call(null, 'fflate', '/app/src/lib/io/zip.ts', {})).toBeNull();
    expect(resolveId.call(null, 'fflate', 'C:\\app\\node_modules\\pmtiles\\dist\\esm\\index.js', {})).toBe(stub);
    expect(resolveId.call(null, 'pmtiles', '/app/src/lib/map/catalog-tiles.ts', {})).toBeNull();
    expect(load.call(null, '/app/src/lib/io/zip.ts')).toBeNull();
  });

  it('gives a decompressSync that names the missing browser feature', async () => {
    const stub = resolveId.call(null, 'fflate', '/app/node_modules/pmtiles/index.js', {}) as string;
    const code = load.call(null, stub) as string;
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { decompressSync: () => never };
    expect(() => module.decompressSync()).toThrow(/DecompressionStream/);
  });
});
