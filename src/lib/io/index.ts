/**
 * The io layer's entry for the CLI and the tests: importing and the table writers. The app does
 * not import from here; for the user's files it calls `startImport` from
 * src/workers/import-client.ts, which runs `importFiles` in a Web Worker. See README.md beside
 * this file.
 */
export { importFiles } from './import-files';
export type { ImportedLayer, ImportProgress } from './types';
export { detectEncoding, normaliseEncoding } from './encoding';
export { suggestFieldMapping, suggestRole } from './suggest-role';
export { writeCsv } from './write-csv';
export { writeXlsx } from './write-xlsx';
