/**
 * `npm run data` — generates the illustrative sample layers (FlatGeobuf) and catalog.json.
 *
 * Options:
 *   --out <dir>               output folder (default public/data)
 *   --seed <n>                random seed (default 20230101)
 *   --subcompartments <n>     approximate number of sub-compartments (default 40000)
 *   --corridor-width <m>      river corridor width each side in metres (default 1000)
 *
 * Same options → byte-identical files.
 */
import './sample-data/node-interop';
import { resolve } from 'node:path';

const { DEFAULT_OPTIONS } = await import('./sample-data/inputs-hash');
const { REPOSITORY_ROOT } = await import('./sample-data/inputs');

export interface CliArguments {
  outDir: string;
  seed: number;
  subcompartments: number;
  corridorWidth: number;
}

export function parseArguments(argv: readonly string[]): CliArguments {
  const parsed: CliArguments = { outDir: resolve(REPOSITORY_ROOT, 'public', 'data'), ...DEFAULT_OPTIONS };
  const number = (flag: string, value: string | undefined, minimum: number): number => {
    const result = Number(value);
    if (value === undefined || !Number.isFinite(result) || result < minimum) throw new Error(`${flag} needs a number ≥ ${minimum}`);
    return result;
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    switch (flag) {
      case '--out':
        if (!value) throw new Error('--out needs a folder');
        parsed.outDir = resolve(value);
        index++;
        break;
      case '--seed':
        parsed.seed = Math.trunc(number(flag, value, 0));
        index++;
        break;
      case '--subcompartments':
        parsed.subcompartments = Math.trunc(number(flag, value, 500));
        index++;
        break;
      case '--corridor-width':
        parsed.corridorWidth = number(flag, value, 10);
        index++;
        break;
      case '--help':
      case '-h':
        console.log('usage: npm run data -- [--out <dir>] [--seed <n>] [--subcompartments <n>] [--corridor-width <m>]');
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${flag}`);
    }
  }
  return parsed;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { generateSampleData } = await import('./sample-data/generate');
  const { printSummary } = await import('./sample-data/report');
  const args = parseArguments(process.argv.slice(2));
  const result = generateSampleData(
    args.outDir,
    { seed: args.seed, subcompartments: args.subcompartments, corridorWidth: args.corridorWidth },
    (message) => console.log(message),
  );
  printSummary(result, (line) => console.log(line));
}
