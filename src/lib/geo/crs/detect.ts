/**
 * Guesses the CRS of bare coordinates (a CSV of boundary points, a file without .prj).
 *
 * Coordinates alone cannot tell datums apart (CGCS2000, Xian 1980 and Beijing 1954 grids differ by
 * tens of metres) nor WGS84 from GCJ-02/BD-09 (50–500 m): those candidates are listed with lower
 * confidence and a reason saying so. Projected candidates are checked by inverse-projecting the
 * middle of the data and seeing whether it lands in the region of interest (Youyang by default).
 */
import type { Position } from 'geojson';
import { CRS_DEFINITIONS, type CrsDefinition } from './definitions';
import { createTransform } from './transform';
import { emptyBoundingBox, extendBoundingBox } from '../bounds';
import { joined, localized, type LocalizedText } from '../../i18n';
import '../../i18n/crs-messages'; // the texts of a tool that loads on use

export interface CrsCandidate {
  readonly code: string;
  /** 0–1; candidates are sorted by it, highest first. */
  readonly confidence: number;
  /** True when the data are [northing, easting] / [lat, lon] and must be swapped. */
  readonly swapped: boolean;
  readonly reason: LocalizedText;
}

/** Region where the data are expected: [west, south, east, north] in degrees. */
export type Extent = readonly [number, number, number, number];

/** Youyang County with a margin of about half a degree. */
export const YOUYANG_EXTENT: Extent = [107.8, 27.8, 109.8, 29.9];
const CHINA_EXTENT: Extent = [73, 18, 135.1, 53.6];

function inside(extent: Extent, lon: number, lat: number): boolean {
  return lon >= extent[0] && lon <= extent[2] && lat >= extent[1] && lat <= extent[3];
}

interface Summary {
  readonly count: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
  readonly midX: number;
  readonly midY: number;
}

function summarise(positions: Iterable<Position>, limit = 5000): Summary | null {
  let count = 0;
  const box = emptyBoundingBox();
  for (const position of positions) {
    const x = position[0];
    const y = position[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    extendBoundingBox(box, [x, y]);
    if (++count >= limit) break;
  }
  if (count === 0) return null;
  const [minX, minY, maxX, maxY] = box;
  return { count, minX, maxX, minY, maxY, midX: (minX + maxX) / 2, midY: (minY + maxY) / 2 };
}

function digits(value: number): number {
  return Math.floor(Math.abs(value)).toString().length;
}

function geographicCandidates(lon: number, lat: number, swapped: boolean, extent: Extent): CrsCandidate[] {
  const swap = swapped ? localized('crs.swapNote') : '';
  const local = inside(extent, lon, lat);
  const china = inside(CHINA_EXTENT, lon, lat);
  const base = local ? 0.9 : china ? 0.6 : 0.4;
  const where = localized(local ? 'crs.where.local' : china ? 'crs.where.china' : 'crs.where.anywhere');
  return [
    {
      code: 'EPSG:4326',
      confidence: base * (swapped ? 0.9 : 1),
      swapped,
      reason: localized('crs.geographic.wgs84', { where, swap }),
    },
    {
      code: 'EPSG:4490',
      confidence: base * 0.95 * (swapped ? 0.9 : 1),
      swapped,
      reason: localized('crs.geographic.cgcs2000', { swap }),
    },
    ...(china
      ? (['GCJ-02', 'BD-09'] as const).map((code) => ({
          code,
          confidence: base * 0.3,
          swapped,
          reason: localized('crs.geographic.webMap', { code }),
        }))
      : []),
  ];
}

const DATUM_WEIGHT: Record<string, number> = { CGCS2000: 1, Xian1980: 0.55, Beijing1954: 0.5 };

function projectedCandidates(easting: number, northing: number, swapped: boolean, extent: Extent): CrsCandidate[] {
  const candidates: CrsCandidate[] = [];
  const prefixed = digits(easting) === 8;
  for (const definition of CRS_DEFINITIONS) {
    const gk = definition.gaussKruger;
    if (!gk || gk.zonePrefixed !== prefixed) continue;
    if (prefixed && Math.floor(easting / 1e6) !== gk.zone) continue;
    const [lon, lat] = createTransform(definition.code, 'EPSG:4326')([easting, northing]);
    if (!Number.isFinite(lon!) || !Number.isFinite(lat!)) continue;
    const local = inside(extent, lon!, lat!);
    if (!local && !inside(CHINA_EXTENT, lon!, lat!)) continue;
    // A GK zone is only used within about ±1.5° (3°) or ±3° (6°) of its central meridian.
    const offMeridian = Math.abs(lon! - gk.centralMeridian);
    if (offMeridian > gk.zoneWidth / 2 + 0.75) continue;
    const inZone = offMeridian <= gk.zoneWidth / 2 + 0.05;
    const confidence =
      (local ? 0.9 : 0.35) * (inZone ? 1 : 0.6) * (DATUM_WEIGHT[definition.datum] ?? 0.5) * (gk.zoneWidth === 3 ? 1 : 0.7) * (swapped ? 0.9 : 1);
    candidates.push({
      code: definition.code,
      confidence,
      swapped,
      reason: describeProjected(definition, lon!, lat!, local, inZone, swapped),
    });
  }
  return candidates;
}

function describeProjected(definition: CrsDefinition, lon: number, lat: number, local: boolean, inZone: boolean, swapped: boolean): LocalizedText {
  const gk = definition.gaussKruger!;
  const place = `${lon.toFixed(3)}°E ${lat.toFixed(3)}°N`;
  const zone = { meridian: gk.centralMeridian, width: gk.zoneWidth };
  const parts = [
    gk.zonePrefixed ? localized('crs.projected.prefixed', { zone: gk.zone }) : localized('crs.projected.unprefixed'),
    localized(local ? 'crs.projected.placeLocal' : 'crs.projected.place', { place }),
    localized(inZone ? 'crs.projected.inZone' : 'crs.projected.outOfZone', zone),
  ];
  if (definition.datum !== 'CGCS2000') parts.push(localized('crs.projected.otherDatum', { name: definition.name }));
  if (swapped) parts.push(localized('crs.projected.swapped'));
  return joined(parts, localized('crs.separator'));
}

/**
 * Ranks the likely CRSs of bare coordinates, most likely first; empty when nothing fits.
 * Looks at up to 5,000 positions; both axis orders are tried.
 *
 * @example
 * detectCrs([[575144.43, 3191779.38]])[0]        // = { code: 'EPSG:4545', swapped: false, … }
 * detectCrs([[3191779.38, 36575144.43]])[0]      // = { code: 'EPSG:4524', swapped: true, … }
 */
export function detectCrs(positions: Iterable<Position>, extent: Extent = YOUYANG_EXTENT): CrsCandidate[] {
  const summary = summarise(positions);
  if (!summary) return [];
  const { midX, midY, minX, maxX, minY, maxY } = summary;
  const candidates: CrsCandidate[] = [];
  const geographic = (lonMin: number, lonMax: number, latMin: number, latMax: number) =>
    lonMin >= -180 && lonMax <= 180 && latMin >= -90 && latMax <= 90;
  if (geographic(minX, maxX, minY, maxY)) candidates.push(...geographicCandidates(midX, midY, false, extent));
  if (geographic(minY, maxY, minX, maxX) && !(inside(CHINA_EXTENT, midX, midY) && !inside(CHINA_EXTENT, midY, midX))) {
    candidates.push(...geographicCandidates(midY, midX, true, extent));
  }
  const projectedEasting = (value: number) => value >= 1e5 && value < 1e8 && (digits(value) === 6 || digits(value) === 8);
  const projectedNorthing = (value: number) => value >= 1e6 && value < 1e7;
  if (projectedEasting(minX) && digits(minX) === digits(maxX) && projectedNorthing(minY) && projectedNorthing(maxY)) {
    candidates.push(...projectedCandidates(midX, midY, false, extent));
  }
  if (projectedEasting(minY) && digits(minY) === digits(maxY) && projectedNorthing(minX) && projectedNorthing(maxX)) {
    candidates.push(...projectedCandidates(midY, midX, true, extent));
  }
  return candidates.sort((a, b) => b.confidence - a.confidence);
}
