/**
 * `npm run stats`: township statistics from files, on the same engine as the app.
 *
 * @example
 * npm run stats -- --zones public/data/townships.fgb --layer subcompartments=public/data/subcompartments.fgb \
 *   --layer reserveForest=public/data/reserve-forest.fgb --format csv --out stats.csv
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { statisticsCategoryField } from '../lib/layers/derived';
import { countyTotals } from '../lib/geo/overlay/county-totals';
import { computeOverlayStatisticsInParts, measureLayerPart, type LayerPart, type PreparedZones } from '../lib/geo/overlay/engine';
import { emptyFlatLayer } from '../lib/geo/overlay/flat-layer';
import { OverlayInputError, type OverlayLayer, type OverlayRequest } from '../lib/geo/overlay/types';
import type { CanopySurvey } from '../lib/geo/forest-cover';
import { mergeSurveys } from '../lib/statistics/flat-part';
import { readFlatCollection, readFlatLayer, type FlatLayerFile } from './read-flat-layer';
import { endIdleWorkers, measureInPool, prestartWorkers, threadCount } from './stats-pool';
import { findCrs } from '../lib/geo/crs/registry';
import { writeCsv } from '../lib/io/write-csv';
import { parseArguments, USAGE, type StatsArguments } from './args';
import { CliError, EXIT } from './cli-error';
import { resolveOutputPath, writeOutputFile } from './output-file';
import { statSync } from 'node:fs';
import type { ReadLayer } from './read-layer';
import { buildStatisticsTable, type StatisticsTable } from '../lib/statistics/table';
import { toCsvTable, toXlsxSheets } from '../lib/statistics/table-export';
import { CANOPY_OPTION_USAGE, canopyOutput, canopyOutputOf, takeCanopyOption } from './canopy-report';
import { terminalSafe } from './terminal-text';
import { t } from '../lib/i18n';
import '../lib/i18n/cli-messages'; // the texts of a tool that loads on use
import { renderTextTable } from './text-table';

/** A message line on stderr, with any control characters from the files made visible. */
const note = (text: string) => process.stderr.write(terminalSafe(text, true) + '\n');

/**
 * Any format through the io layer — loaded only when a file is not plain FlatGeobuf polygons: its
 * readers (XML, zip, shapefile…) are most of the CLI's code, and loading them is start-up time.
 */
async function readLayer(path: string, label: string, crs: string | undefined, locale: 'zh' | 'en'): Promise<ReadLayer> {
  return (await import('./read-layer')).readLayer(path, label, crs, locale);
}

/** A file's size in bytes, 0 when it cannot be read (readLayer explains that later). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Areas in 亩, as the bureau reports them. */
const UNIT = 'mu';

/** The table in the chosen format: the panel's table and files (src/lib/statistics), or the engine's figures as JSON. */
async function output(table: StatisticsTable, json: unknown, args: StatsArguments, target: string | undefined): Promise<void> {
  let content: string | Uint8Array;
  switch (args.format) {
    case 'csv':
      content = writeCsv(toCsvTable(table, args.locale, UNIT));
      break;
    case 'json':
      content = JSON.stringify(json, null, 2) + '\n';
      break;
    case 'xlsx':
      content = await (await import('../lib/io/write-xlsx')).writeXlsx(toXlsxSheets(table, args.locale, UNIT));
      break;
    default:
      content = renderTextTable(table, args.locale, UNIT);
  }
  if (target) await writeOutputFile(target, content);
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
  // Checked before any work: an --out that is an input would be destroyed, a missing folder found late.
  const target = args.out ? resolveOutputPath(args.out, [{ label: '--zones', path: args.zones }, ...args.layers.map((layer) => ({ label: `--layer ${layer.id}`, path: layer.file }))]) : undefined;
  const started = performance.now();
  // The pool's workers load their code while this thread reads the files and prepares the zones
  // (sized by the first FlatGeobuf layer; ended unused if it is not one after all).
  const firstSize = args.layers.map((layer) => (/\.fgb$/i.test(layer.file) ? fileSize(layer.file) : 0)).find((size) => size > 0);
  if (firstSize) prestartWorkers(threadCount(firstSize) - 1);
  // FlatGeobuf layers are measured by the thread pool straight from the file; others read as GeoJSON.
  const flatFiles: (FlatLayerFile | null)[] = [];
  for (const layer of args.layers) flatFiles.push(await readFlatLayer(layer.file, `--layer ${layer.id}`, args.crs, args.locale));
  const zones = (await readFlatCollection(args.zones, '--zones', args.crs, args.locale)) ?? (await readLayer(args.zones, '--zones', args.crs, args.locale));
  const layers: OverlayLayer[] = [];
  const layerNotes: (readonly string[])[] = [];
  for (const [index, layer] of args.layers.entries()) {
    const label = `--layer ${layer.id}`;
    const categoryField = args.categories.get(layer.id) ?? statisticsCategoryField(layer.id);
    const flat = flatFiles[index]!;
    const read = flat ? null : await readLayer(layer.file, label, args.crs, args.locale);
    layerNotes.push(flat ? flat.notes : read!.notes);
    layers.push({ id: layer.id, features: read ? read.collection : emptyFlatLayer(), ...(categoryField ? { categoryField } : {}) });
  }
  const read = performance.now();
  const request: OverlayRequest = {
    zones: zones.collection,
    layers,
    invalidGeometry: args.repair ? 'repair' : 'error',
    canopyUnknown,
    ...(args.zoneNameField ? { zoneNameField: args.zoneNameField } : {}),
    ...(args.zoneIdField ? { zoneIdField: args.zoneIdField } : {}),
    ...(args.forestLayer ? { forestLayerId: args.forestLayer } : {}),
  };
  const surveys = new Map<number, CanopySurvey | null>();
  const measureLayer = async (layerIndex: number, prepared: PreparedZones): Promise<LayerPart[]> => {
    const flat = flatFiles[layerIndex];
    if (flat) {
      const pooled = await measureInPool({ ...request, layers: request.layers.map(({ id, categoryField }) => ({ id, ...(categoryField ? { categoryField } : {}) })), layerIndex }, flat, prepared);
      if (pooled) {
        surveys.set(layerIndex, mergeSurveys(pooled.surveys));
        return pooled.parts;
      }
      // Not plain polygons after all: the io layer reads (and explains) the file.
      const source = args.layers[layerIndex]!;
      const reread = await readLayer(source.file, `--layer ${source.id}`, args.crs, args.locale);
      layerNotes[layerIndex] = reread.notes;
      layers[layerIndex] = { ...layers[layerIndex]!, features: reread.collection };
    }
    return [measureLayerPart({ ...request, layers }, layerIndex, prepared)];
  };
  let result;
  try {
    result = await computeOverlayStatisticsInParts(request, measureLayer);
  } catch (error) {
    if (error instanceof OverlayInputError) {
      const geometry = error.notes.length > 0;
      const details = error.notes.slice(0, 20).map((note) => `  ${note.message[args.locale]}`);
      throw new CliError([error.messages[args.locale], ...details].join('\n'), geometry ? EXIT.geometry : EXIT.usage);
    }
    throw error;
  }
  const notes = [...zones.notes, ...layerNotes.flat()];
  for (const line of notes) note(line);
  for (const overlayNote of result.notes) note(`${overlayNote.severity}: ${overlayNote.message[args.locale]}`);
  const broken = result.notes.filter((note) => note.code === 'beyond-repair');
  if (broken.length > 0) {
    throw new CliError(
      t(args.locale, 'cli.beyondRepair', { count: broken.length }),
      EXIT.geometry,
    );
  }
  const forestIndex = result.forestLayerId === null ? -1 : layers.findIndex((layer) => layer.id === result.forestLayerId);
  const canopy =
    forestIndex >= 0 && surveys.has(forestIndex)
      ? canopyOutputOf(surveys.get(forestIndex) ?? null, canopyUnknown, args.locale)
      : canopyOutput(result, layers, canopyUnknown, args.locale);
  for (const warning of canopy.warnings) note(`warning: ${warning}`);
  if (canopy.rule) note(`note: ${canopy.rule}`);
  const totals = countyTotals(result);
  // The terminal table shows category columns only when asked for (--category); files get them all.
  const categoryLayers = new Set(args.format === 'table' ? args.categories.keys() : result.layers.map((layer) => layer.id));
  // Rebuilt with Object.fromEntries so a layer id such as "__proto__" stays an own, serialised key.
  const jsonTotals = { ...totals, layers: Object.fromEntries(result.layers.map((layer) => [layer.id, totals.layers[layer.id]])) };
  const table = buildStatisticsTable(result, totals, { categoryLayers, canopy: canopy.report });
  await output(table, { zones: result.zones, totals: jsonTotals, layers: result.layers, notes: result.notes, canopy: canopy.report }, args, target);
  note(`read ${((read - started) / 1000).toFixed(2)} s, statistics ${(result.elapsedMilliseconds / 1000).toFixed(2)} s${target ? `, written to ${target}` : ''}`);
  if (process.env.YOUYANG_STATS_TIMINGS === '1') {
    // performance.now() counts from the process start: what came before `started` is Node and module loading.
    note(`timings: start ${started.toFixed(0)} ms, read ${(read - started).toFixed(0)} ms, statistics ${result.elapsedMilliseconds.toFixed(0)} ms, output ${(performance.now() - read - result.elapsedMilliseconds).toFixed(0)} ms`);
  }
  return 0;
}

run(process.argv.slice(2))
  // Workers started ahead and never given a layer (an error came first) would keep the process alive.
  .finally(endIdleWorkers)
  .then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      note(`error: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
