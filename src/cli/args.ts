/**
 * Command-line arguments of `npm run stats`.
 */
import { CliError, EXIT } from './cli-error';
import type { Locale } from '../lib/i18n/locale';

export type OutputFormat = 'table' | 'csv' | 'json' | 'xlsx';

export interface StatsArguments {
  readonly zones: string;
  readonly layers: ReadonlyArray<{ readonly id: string; readonly file: string }>;
  /** Category field per layer id (--category id=FIELD); catalog ids have defaults. A Map, so ids like "toString" are just ids. */
  readonly categories: ReadonlyMap<string, string>;
  readonly zoneNameField?: string;
  readonly zoneIdField?: string;
  readonly forestLayer?: string;
  readonly crs?: string;
  readonly format: OutputFormat;
  readonly out?: string;
  readonly locale: Locale;
  readonly repair: boolean;
  readonly help: boolean;
}

/** The --help text. */
export const USAGE = `Township statistics: area of each layer inside each zone, feature counts, forest coverage.

Usage: npm run stats -- --zones <file> --layer <id>=<file> [--layer <id>=<file> …] [options]

  --zones <file>             zone polygons (townships or any polygons): GeoJSON, FlatGeobuf, Shapefile (.zip), KML, …
  --layer <id>=<file>        a polygon layer to measure; repeat for more layers. The layer with id
                             "subcompartments" (or "forest") gives forest coverage (DI_LEI/YU_BI_DU rules).
  --category <id>=<field>    split a layer by a field (defaults: afforestation2023=ZAO_LIN_LX, fireZones=DENG_JI,
                             reserveForest=ZHUANG_TAI, subcompartments=DI_LEI, …)
  --zone-name-field <name>   zone name field (default NAME)
  --zone-id-field <name>     zone id field (default CODE)
  --forest-layer <id>        the layer used for forest coverage
  --crs <code>               source CRS of every input (e.g. EPSG:4545, EPSG:4524, GCJ-02); overrides the
                             files' own CRS information — use it for files without any
  --format table|csv|json|xlsx   output format (default table; csv is UTF-8 with BOM for Excel)
  --out <file>               write to a file instead of standard output (required for xlsx); never one of the
                             input files; written to a temporary file in the same folder, then renamed
  --lang zh|en               language of headers and messages (default zh)
  --no-repair                treat invalid geometry as an error instead of repairing it
  --help                     this text

A file with several layers (a zip of shapefiles, a KMZ) gives its first polygon layer; the messages say which.

Exit codes: 0 ok · 2 bad arguments, missing file or output folder, --out equal to an input, or unknown CRS ·
3 unreadable or empty file · 4 invalid geometry beyond repair.`;

function splitAssignment(flag: string, value: string): { id: string; rest: string } {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new CliError(`${flag} expects <id>=<value>, got "${value}"`, EXIT.usage);
  return { id: value.slice(0, at), rest: value.slice(at + 1) };
}

/**
 * Parses argv (without node and the script).
 * @throws CliError (exit 2) with a message naming the bad argument.
 */
export function parseArguments(argv: readonly string[]): StatsArguments {
  let zones: string | undefined;
  const layers: Array<{ id: string; file: string }> = [];
  const categories = new Map<string, string>();
  const options: { zoneNameField?: string; zoneIdField?: string; forestLayer?: string; crs?: string; out?: string } = {};
  let format: OutputFormat = 'table';
  let locale: Locale = 'zh';
  let repair = true;
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new CliError(`${flag} needs a value`, EXIT.usage);
      return next;
    };
    switch (flag) {
      case '--zones':
        zones = value();
        break;
      case '--layer': {
        const { id, rest } = splitAssignment(flag, value());
        if (layers.some((layer) => layer.id === id)) throw new CliError(`layer id "${id}" is given twice`, EXIT.usage);
        layers.push({ id, file: rest });
        break;
      }
      case '--category': {
        const { id, rest } = splitAssignment(flag, value());
        categories.set(id, rest);
        break;
      }
      case '--zone-name-field':
        options.zoneNameField = value();
        break;
      case '--zone-id-field':
        options.zoneIdField = value();
        break;
      case '--forest-layer':
        options.forestLayer = value();
        break;
      case '--crs':
        options.crs = value();
        break;
      case '--out':
        options.out = value();
        break;
      case '--format': {
        const text = value();
        if (text !== 'table' && text !== 'csv' && text !== 'json' && text !== 'xlsx') throw new CliError(`--format must be table, csv, json or xlsx, not "${text}"`, EXIT.usage);
        format = text;
        break;
      }
      case '--lang': {
        const text = value();
        if (text !== 'zh' && text !== 'en') throw new CliError(`--lang must be zh or en, not "${text}"`, EXIT.usage);
        locale = text;
        break;
      }
      case '--no-repair':
        repair = false;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new CliError(`unknown argument "${flag}" (see --help)`, EXIT.usage);
    }
  }
  if (help) return { zones: '', layers, categories, format, locale, repair, help, ...options };
  if (!zones) throw new CliError('--zones <file> is required (see --help)', EXIT.usage);
  if (layers.length === 0) throw new CliError('at least one --layer <id>=<file> is required (see --help)', EXIT.usage);
  if (format === 'xlsx' && !options.out) throw new CliError('--format xlsx needs --out <file>', EXIT.usage);
  for (const id of categories.keys()) {
    if (!layers.some((layer) => layer.id === id)) throw new CliError(`--category names layer "${id}", which is not given with --layer`, EXIT.usage);
  }
  return { zones, layers, categories, format, locale, repair, help, ...options };
}
