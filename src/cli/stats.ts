/**
 * `npm run stats`: township statistics from files, on the same engine as the app.
 *
 * @example
 * npm run stats -- --zones public/data/townships.fgb --layer subcompartments=public/data/subcompartments.fgb \
 *   --layer reserveForest=public/data/reserve-forest.fgb --format csv --out stats.csv
 */
import { writeFile } from 'node:fs/promises';
import { defaultCategoryField } from '../lib/geo/overlay/category-defaults';
import { countyTotals } from '../lib/geo/overlay/county-totals';
import { computeOverlayStatistics } from '../lib/geo/overlay/engine';
import { OverlayInputError } from '../lib/geo/overlay/types';
import { findCrs } from '../lib/geo/crs/registry';
import { writeCsv, writeXlsx } from '../lib/io';
import { parseArguments, USAGE, type StatsArguments } from './args';
import { CliError, EXIT } from './cli-error';
import { readLayer } from './read-layer';
import { buildReportTable, fileNoteRows, textNotes, type ReportTable } from './report-table';
import { CANOPY_OPTION_USAGE, canopyOutput, takeCanopyOption } from './canopy-report';
import { renderTextTable } from './text-table';

async function output(table: ReportTable, json: unknown, args: StatsArguments): Promise<void> {
  const outputTable = { columns: table.columns.map((column) => ({ key: column.key, header: column.header })), rows: [...table.rows, ...fileNoteRows(table)] };
  let content: string | Uint8Array;
  switch (args.format) {
    case 'csv':
      content = writeCsv(outputTable);
      break;
    case 'json':
      content = JSON.stringify(json, null, 2) + '\n';
      break;
    case 'xlsx':
      content = await writeXlsx([{ name: args.locale === 'zh' ? '乡镇统计' : 'Township statistics', ...outputTable }]);
      break;
    default:
      content = renderTextTable(table) + textNotes(table);
  }
  if (args.out) await writeFile(args.out, content);
  else process.stdout.write(content);
}

async function run(argv: readonly string[]): Promise<number> {
  const { argv: rest, rule: canopyUnknown } = takeCanopyOption(argv);
  const args = parseArguments(rest);
  if (args.help) {
    process.stdout.write(USAGE + '\n' + CANOPY_OPTION_USAGE + '\n');
    return 0;
  }
  if (args.crs && !findCrs(args.crs)) throw new CliError(`unknown coordinate system "${args.crs}" (e.g. EPSG:4326, EPSG:4490, EPSG:4545, EPSG:4524, EPSG:2381, GCJ-02)`, EXIT.usage);
  const started = performance.now();
  const zones = await readLayer(args.zones, '--zones', args.crs, args.locale);
  const layers = [];
  const notes = [zones.crsNote];
  for (const layer of args.layers) {
    const read = await readLayer(layer.file, `--layer ${layer.id}`, args.crs, args.locale);
    notes.push(read.crsNote);
    const categoryField = args.categories[layer.id] ?? defaultCategoryField(layer.id);
    layers.push({ id: layer.id, features: read.collection, ...(categoryField ? { categoryField } : {}) });
  }
  const read = performance.now();
  let result;
  try {
    result = await computeOverlayStatistics({
      zones: zones.collection,
      layers,
      invalidGeometry: args.repair ? 'repair' : 'error',
      canopyUnknown,
      ...(args.zoneNameField ? { zoneNameField: args.zoneNameField } : {}),
      ...(args.zoneIdField ? { zoneIdField: args.zoneIdField } : {}),
      ...(args.forestLayer ? { forestLayerId: args.forestLayer } : {}),
    });
  } catch (error) {
    if (error instanceof OverlayInputError) {
      const geometry = error.notes.length > 0;
      const details = error.notes.slice(0, 20).map((note) => `  ${note.message[args.locale]}`);
      throw new CliError([error.messages[args.locale], ...details].join('\n'), geometry ? EXIT.geometry : EXIT.usage);
    }
    throw error;
  }
  for (const note of notes) process.stderr.write(note + '\n');
  for (const note of result.notes) process.stderr.write(`${note.severity}: ${note.message[args.locale]}\n`);
  const broken = result.notes.filter((note) => note.code === 'beyond-repair');
  if (broken.length > 0) {
    throw new CliError(
      args.locale === 'zh' ? `${broken.length}个要素的几何无法修复，统计不完整` : `${broken.length} features have geometry beyond repair: the statistics would be incomplete`,
      EXIT.geometry,
    );
  }
  const canopy = canopyOutput(result, layers, canopyUnknown, args.locale);
  for (const warning of canopy.warnings) note(`warning: ${warning}`);
  if (canopy.rule) note(`note: ${canopy.rule}`);
  const totals = countyTotals(result);
  // The terminal table shows category columns only when asked for (--category); files get them all.
  const categoryLayers = args.format === 'table' ? new Set(Object.keys(args.categories)) : undefined;
  await output(buildReportTable(result, totals, args.locale, categoryLayers, canopy.warnings.length > 0 ? [...canopy.warnings, ...(canopy.rule ? [canopy.rule] : [])] : []), { zones: result.zones, totals, layers: result.layers, notes: result.notes, canopy: canopy.report }, args);
  process.stderr.write(
    `read ${((read - started) / 1000).toFixed(2)} s, statistics ${(result.elapsedMilliseconds / 1000).toFixed(2)} s${args.out ? `, written to ${args.out}` : ''}\n`,
  );
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
