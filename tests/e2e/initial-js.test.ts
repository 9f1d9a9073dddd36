/**
 * Issue #13's budget for the page's initial JavaScript (≤ 400 KiB gzip), on the production build
 * the other end-to-end tests run: a size, not a time, so it is the same on any machine. The
 * modules that must stay out are named in tests/unit/initial-bundle.test.ts; this catches growth
 * anywhere, MapLibre's and Svelte's included.
 */
import { describe, expect, inject, it } from 'vitest';
import { initialJavaScript } from '../../scripts/bench/initial-js-files';

const BUDGET_BYTES = 400 * 1024;

describe('initial JavaScript', () => {
  it('stays within 400 KiB gzip: the entry and the modules it preloads', () => {
    const scripts = initialJavaScript(inject('buildDir'));
    expect(scripts.some((script) => /\/app-[\w-]+\.js$/.test(script.file)), 'the app chunk is among them').toBe(true);
    const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
    expect(total, scripts.map((script) => `${script.file} ${(script.gzipBytes / 1024).toFixed(1)} KiB`).join(', ')).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
