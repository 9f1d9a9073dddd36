/**
 * What `exceljs` resolves to in the built app (vite.config.ts aliases it for `vite build` only).
 * The page (XLSX export) and the import worker (XLSX import) are separate bundles, so a bundled
 * `import('exceljs')` became two copies of ~255 KB gzip. Both load ExcelJS's own browser build as
 * one asset instead; it is UMD and sets `ExcelJS` on the global object (window or the worker).
 */
import type ExcelJSNamespace from 'exceljs';

await import(/* @vite-ignore */ new URL('../../../node_modules/exceljs/dist/exceljs.min.js', import.meta.url).href);

const ExcelJS = (globalThis as unknown as { ExcelJS: typeof ExcelJSNamespace }).ExcelJS;
export default ExcelJS;
