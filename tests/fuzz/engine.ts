/**
 * The fuzz run: for each format, `count` mutated inputs through the isolated importer pool; every
 * outcome must be features or typed errors. Inputs are rebuilt from (seed, format, index).
 */
import { generate, type FuzzFormat, type Seeds } from './generators';
import type { IsolatedImporter } from './isolated-import';
import { ACCEPTABLE, type RunOutcome } from './outcome';
import { inputSeed, seededRandom } from './random';

export interface Defect {
  readonly format: FuzzFormat;
  readonly index: number;
  readonly outcome: RunOutcome;
  readonly bytes: number;
}

export interface FormatSummary {
  readonly format: FuzzFormat;
  readonly inputs: number;
  readonly withFeatures: number;
  /** Typed error codes and how often each was the outcome. */
  readonly codes: Record<string, number>;
  readonly defects: Defect[];
  /** Inputs that missed the time limit once but finished with ten times it. */
  readonly slow: Defect[];
  readonly milliseconds: number;
}

export async function fuzzFormat(
  pool: IsolatedImporter,
  seeds: Seeds,
  format: FuzzFormat,
  options: { readonly seed: number; readonly count: number; readonly first?: number; readonly concurrency: number },
): Promise<FormatSummary> {
  const started = performance.now();
  const codes: Record<string, number> = {};
  const defects: Defect[] = [];
  const slow: Defect[] = [];
  let withFeatures = 0;
  let next = options.first ?? 0;
  const end = next + options.count;
  const worker = async () => {
    while (next < end) {
      const index = next++;
      const files = generate(format, seeds, seededRandom(inputSeed(options.seed, format, index)));
      let outcome = await pool.run(files);
      if (outcome.kind === 'hang') {
        // On a loaded machine a sound input can miss 2 s: it is tried once more with ten times the
        // limit. Finishing then makes it "slow" (listed, not a defect); a real endless loop stays a hang.
        const again = await pool.run(files, {}, pool.timeoutMs * 10);
        if (ACCEPTABLE.has(again.kind)) {
          slow.push({ format, index, outcome: again, bytes: files.reduce((sum, file) => sum + file.bytes.length, 0) });
          outcome = again;
        }
      }
      if (!ACCEPTABLE.has(outcome.kind)) defects.push({ format, index, outcome, bytes: files.reduce((sum, file) => sum + file.bytes.length, 0) });
      else if (outcome.kind === 'features') withFeatures++;
      else if (outcome.kind === 'typed-error') for (const code of outcome.codes) codes[code] = (codes[code] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { format, inputs: options.count, withFeatures, codes, defects, slow, milliseconds: performance.now() - started };
}
