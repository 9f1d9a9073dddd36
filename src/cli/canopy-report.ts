/**
 * The CLI's side of the forest-coverage rule: the --canopy-unknown option (what arbor forest land
 * without a canopy density counts as), and the warning when the forest layer lacks canopy
 * densities — on stderr, and in the written file whenever there is one. The exit code stays 0.
 */
import type { FeatureCollection } from 'geojson';
import { CANOPY_UNKNOWN_RULES, DEFAULT_CANOPY_UNKNOWN_RULE, surveyCanopy, type CanopySurvey, type CanopyUnknownRule } from '../lib/geo/forest-cover';
import { propertiesOf, type FlatFeatureLayer } from '../lib/geo/overlay/flat-layer';
import { canopyNotes, type CanopyReport } from '../lib/geo/overlay/statistics-notes';
import type { OverlayResult } from '../lib/geo/overlay/types';
import { CliError, EXIT } from './cli-error';
import type { Locale } from '../lib/i18n/locale';

export const CANOPY_OPTION_USAGE = `  --canopy-unknown not-forest|forest
                             arbor forest land (乔木林地) without a canopy density (YU_BI_DU): not counted as
                             forest (default, strict: canopy ≥ 0.2 only) or counted as forest`;

/**
 * Takes --canopy-unknown <rule> (or --canopy-unknown=<rule>) out of argv.
 * @throws CliError (exit 2) for a missing or unknown rule.
 */
export function takeCanopyOption(argv: readonly string[]): { argv: string[]; rule: CanopyUnknownRule } {
  const rest: string[] = [];
  let rule: CanopyUnknownRule = DEFAULT_CANOPY_UNKNOWN_RULE;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    let value: string | undefined;
    if (argument === '--canopy-unknown') value = argv[++index] ?? '';
    else if (argument.startsWith('--canopy-unknown=')) value = argument.slice('--canopy-unknown='.length);
    else {
      rest.push(argument);
      continue;
    }
    if (!(CANOPY_UNKNOWN_RULES as readonly string[]).includes(value)) {
      throw new CliError(`--canopy-unknown must be ${CANOPY_UNKNOWN_RULES.join(' or ')}, not "${value}"`, EXIT.usage);
    }
    rule = value as CanopyUnknownRule;
  }
  return { argv: rest, rule };
}

export interface CanopyOutput {
  readonly report: CanopyReport | null;
  /** Warnings for stderr (and the file). */
  readonly warnings: string[];
  /** The rule applied, in words. */
  readonly rule: string | null;
}

/** Surveys the forest layer of a result and words the warnings and the rule. */
export function canopyOutput(
  result: OverlayResult,
  layers: ReadonlyArray<{ readonly id: string; readonly features: FeatureCollection | FlatFeatureLayer }>,
  rule: CanopyUnknownRule,
  locale: Locale,
): CanopyOutput {
  const forest = layers.find((layer) => layer.id === result.forestLayerId);
  return canopyOutputOf(forest ? surveyCanopy(propertiesOf(forest.features)) : null, rule, locale);
}

/** canopyOutput from the forest layer's survey (null without a forest layer), e.g. summed over workers. */
export function canopyOutputOf(survey: CanopySurvey | null, rule: CanopyUnknownRule, locale: Locale): CanopyOutput {
  if (!survey) return { report: null, warnings: [], rule: null };
  const report: CanopyReport = { rule, survey };
  const notes = canopyNotes(report);
  return {
    report,
    warnings: notes.filter((note) => note.severity === 'warning').map((note) => note.message[locale]),
    rule: notes.find((note) => note.code === 'coverage-rule')?.message[locale] ?? null,
  };
}
