/**
 * The notes that travel with the statistics table — in the panel, the CSV/XLSX exports and the
 * CLI output: the forest-coverage rule applied (and what it did with stands of unknown canopy
 * density), and what the total row sums when the zones are not the county's townships.
 */
import { CANOPY_FIELD, type CanopySurvey, type CanopyUnknownRule } from '../forest-cover';
import type { ZonesKind } from './county-zones';
import type { LocalizedText } from '../../i18n/locale';

export interface CanopyReport {
  readonly rule: CanopyUnknownRule;
  readonly survey: CanopySurvey;
}

export interface StatisticsNote {
  readonly severity: 'warning' | 'info';
  readonly code: 'canopy-field-missing' | 'canopy-values-missing' | 'coverage-rule' | 'zones-not-townships';
  readonly message: LocalizedText;
}

/** The rule in words, for the table's notes. */
export function coverageRuleText(rule: CanopyUnknownRule): LocalizedText {
  const base = {
    zh: '森林覆盖率 =（郁闭度≥0.2的乔木林地 + 竹林地 + 特殊灌木林地）÷ 土地面积',
    en: 'Forest coverage = (arbor forest land with canopy density ≥ 0.2 + bamboo + designated shrubland) ÷ land area',
  };
  return rule === 'forest'
    ? { zh: `${base.zh}；郁闭度未知的乔木林地计为森林`, en: `${base.en}; arbor forest land of unknown canopy density counted as forest` }
    : { zh: `${base.zh}；郁闭度未知的乔木林地不计为森林（严格）`, en: `${base.en}; arbor forest land of unknown canopy density not counted (strict)` };
}

/** Warnings about canopy density, or none when every arbor stand has one. */
export function canopyNotes(report: CanopyReport): StatisticsNote[] {
  const { survey, rule } = report;
  const notes: StatisticsNote[] = [];
  const counted = rule === 'forest' ? { zh: '均计为森林', en: 'all counted as forest' } : { zh: '均未计为森林，覆盖率可能偏低', en: 'none counted as forest, so coverage may be understated' };
  if (!survey.fieldPresent && survey.featureCount > 0) {
    notes.push({
      severity: 'warning',
      code: 'canopy-field-missing',
      message: {
        zh: `小班图层没有郁闭度字段（${CANOPY_FIELD}）：${survey.arborCount}个乔木林地小班无法按郁闭度≥0.2判定，${counted.zh}`,
        en: `the sub-compartment layer has no canopy-density field (${CANOPY_FIELD}): ${survey.arborCount} arbor forest stands cannot be tested for canopy ≥ 0.2 — ${counted.en}`,
      },
    });
  } else if (survey.arborWithoutCanopy > 0) {
    notes.push({
      severity: 'warning',
      code: 'canopy-values-missing',
      message: {
        zh: `${survey.arborCount}个乔木林地小班中有${survey.arborWithoutCanopy}个缺少郁闭度（${CANOPY_FIELD}）值，${counted.zh}`,
        en: `${survey.arborWithoutCanopy} of ${survey.arborCount} arbor forest stands lack a canopy density (${CANOPY_FIELD}) — ${counted.en}`,
      },
    });
  }
  notes.push({ severity: 'info', code: 'coverage-rule', message: coverageRuleText(rule) });
  return notes;
}

/** The note on what the total row sums, when the zones are not the county's townships. */
export function zonesNotes(zones: ZonesKind | null): StatisticsNote[] {
  if (zones?.kind !== 'other') return [];
  return [
    {
      severity: 'warning',
      code: 'zones-not-townships',
      message: {
        zh: `合计行是${zones.zoneCount}个区域之和，不是全县合计：${zones.reason.zh}`,
        en: `the total row sums ${zones.zoneCount} zones and is not the county total: ${zones.reason.en}`,
      },
    },
  ];
}
