/** Command-line options of `npm run data`. */
import { resolve } from 'node:path';
import { DEFAULT_OPTIONS } from './inputs-hash';
import { REPOSITORY_ROOT } from './inputs';

export interface CliArguments {
  outDir: string;
  seed: number;
  subcompartments: number;
  corridorWidth: number;
  help: boolean;
}

export const USAGE =
  'usage: npm run data -- [--out <dir>] [--seed <n>] [--subcompartments <n>] [--corridor-width <m>]\n' +
  `  --out <dir>              output folder (default public/data)\n` +
  `  --seed <n>               random seed (default ${DEFAULT_OPTIONS.seed})\n` +
  `  --subcompartments <n>    approximate number of sub-compartments (default ${DEFAULT_OPTIONS.subcompartments})\n` +
  `  --corridor-width <m>     river corridor width each side in metres (default ${DEFAULT_OPTIONS.corridorWidth})`;

export function parseArguments(argv: readonly string[]): CliArguments {
  const parsed: CliArguments = { outDir: resolve(REPOSITORY_ROOT, 'public', 'data'), ...DEFAULT_OPTIONS, help: false };
  const number = (flag: string, value: string | undefined, minimum: number): number => {
    const result = Number(value);
    if (value === undefined || value.trim() === '' || !Number.isFinite(result) || result < minimum) {
      throw new Error(`${flag} needs a number ≥ ${minimum}`);
    }
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
        parsed.help = true;
        break;
      default:
        throw new Error(`Unknown option ${flag}\n${USAGE}`);
    }
  }
  return parsed;
}
