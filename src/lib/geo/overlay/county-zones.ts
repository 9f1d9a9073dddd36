/**
 * Are the zones of a statistics run the county's townships? Only then is the sum of the zones
 * the county (全县合计) and comparable with the year's plan targets. A layer of county outlines,
 * a few townships or any other polygons given the townships role gives "a total of N zones".
 *
 * The zones are the county's townships when every township of the county list
 * (data/youyang-townships.csv) is matched by exactly one zone — by code (a zone code starting with
 * the 9-digit township code, so 12-digit codes match) or by name — no zone is left unmatched, and
 * the zones' total area is within COUNTY_AREA_TOLERANCE of the county outline's area.
 */
import { formatNumber } from '../units';
import type { LocalizedText } from '../../i18n/locale';

export interface TownshipReference {
  readonly code: string;
  readonly name: string;
}

export interface CountyReference {
  readonly townships: readonly TownshipReference[];
  /** Ellipsoidal area of the county outline. */
  readonly countyAreaSquareMetres: number;
}

export interface ZoneIdentity {
  readonly id: string | number;
  readonly name: string;
  readonly areaSquareMetres: number;
}

export type ZonesKind =
  | { readonly kind: 'townships'; readonly zoneCount: number }
  | { readonly kind: 'other'; readonly zoneCount: number; readonly reason: LocalizedText };

/** Township boundaries (surveyed or schematic) sum to the county within this share of its area. */
export const COUNTY_AREA_TOLERANCE = 0.02;

/** Reads data/youyang-townships.csv ("code,name,kind" with a header line). */
export function parseTownshipList(csv: string): TownshipReference[] {
  return csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells.length >= 2 && cells[0]!.trim() !== '')
    .map(([code, name]) => ({ code: code!.trim(), name: name!.trim() }));
}

const squareKilometres = (squareMetres: number) => formatNumber(squareMetres / 1e6, 0);

function matches(zone: ZoneIdentity, township: TownshipReference): boolean {
  const code = String(zone.id).trim();
  return (code.length >= township.code.length && code.startsWith(township.code)) || zone.name.trim() === township.name;
}

/**
 * Decides whether the zones are the county's townships, and says why not.
 *
 * @example
 * classifyZones(tenCounties, reference) // { kind: 'other', zoneCount: 10, reason: { zh: '10个区域中只有0个…', en: '…' } }
 */
export function classifyZones(zones: readonly ZoneIdentity[], reference: CountyReference): ZonesKind {
  const zoneCount = zones.length;
  const other = (reason: LocalizedText): ZonesKind => ({ kind: 'other', zoneCount, reason });
  const matchedZones = zones.filter((zone) => reference.townships.some((township) => matches(zone, township)));
  const missing = reference.townships.filter((township) => zones.filter((zone) => matches(zone, township)).length !== 1);
  if (matchedZones.length < zoneCount || missing.length > 0) {
    const examples = missing.slice(0, 3).map((township) => township.name);
    return other({
      zh:
        `${zoneCount}个区域中有${matchedZones.length}个与本县${reference.townships.length}个乡镇的代码或名称对应` +
        (missing.length > 0 ? `，${missing.length}个乡镇未唯一对应（如${examples.join('、')}）` : '') +
        '，区域不是本县的乡镇',
      en:
        `${matchedZones.length} of the ${zoneCount} zones match a code or name of the county's ${reference.townships.length} townships` +
        (missing.length > 0 ? `; ${missing.length} townships are not matched exactly once (e.g. ${examples.join(', ')})` : '') +
        ': the zones are not the county’s townships',
    });
  }
  const total = zones.reduce((sum, zone) => sum + zone.areaSquareMetres, 0);
  const county = reference.countyAreaSquareMetres;
  const difference = county > 0 ? Math.abs(total - county) / county : Infinity;
  if (difference > COUNTY_AREA_TOLERANCE) {
    const percent = formatNumber(difference * 100, 1);
    return other({
      zh: `区域总面积${squareKilometres(total)}平方千米与全县面积${squareKilometres(county)}平方千米相差${percent}%`,
      en: `the zones cover ${squareKilometres(total)} km² but the county ${squareKilometres(county)} km² (${percent}% apart)`,
    });
  }
  return { kind: 'townships', zoneCount };
}

/** The total row's label: 全县合计 for the townships, else what it sums. */
export function totalLabel(zones: ZonesKind | null, zoneCount: number): LocalizedText {
  if (zones?.kind === 'townships') return { zh: '全县合计', en: 'County total' };
  return { zh: `合计（${zoneCount}个区域）`, en: `Total of ${zoneCount} zones` };
}
