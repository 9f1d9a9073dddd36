/**
 * Decides the source CRS of a layer — the caller's choice, else what the file declares (.prj via
 * the geo core's WKT parser, GeoJSON "crs", FlatGeobuf header, KML/GPX by definition), else the
 * geo core's detection from coordinate ranges — and returns the transform to WGS84.
 */
import proj4 from 'proj4';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import {
  createTransform,
  detectCrs,
  findCrs,
  parsePrj,
  UnsupportedPrjError,
  WGS84_CODE,
  YOUYANG_EXTENT,
  type CrsCandidate,
  type PositionTransform,
} from '../geo/crs';
import { boundingBoxOf } from '../geo/bounds';
import { fail } from './errors';
import type { DeclaredCrs } from './formats/format';
import type { CrsReport, ImportOptions, ImportWarning } from './types';
import { localized, type LocalizedText } from '../i18n';
import '../i18n/crs-messages'; // the texts of a tool that loads on use

/** Positions of a collection, lazily (detection looks at the first few thousand only). */
export function* positionsOf(collection: FeatureCollection): Generator<Position> {
  for (const feature of collection.features) if (feature?.geometry) yield* geometryPositions(feature.geometry);
}

function* geometryPositions(geometry: Geometry): Generator<Position> {
  switch (geometry.type) {
    case 'Point':
      yield geometry.coordinates;
      break;
    case 'MultiPoint':
    case 'LineString':
      yield* geometry.coordinates;
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const ring of geometry.coordinates) yield* ring;
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) yield* ring;
      break;
    case 'GeometryCollection':
      for (const part of geometry.geometries) yield* geometryPositions(part);
      break;
  }
}

export interface ResolvedCrs {
  readonly report: CrsReport;
  /** Null when the data are already WGS84 longitude/latitude. */
  readonly transform: PositionTransform | null;
}

/** Transform to WGS84 for a registry code; null when it is the identity. */
function registryTransform(code: string, swapped: boolean): PositionTransform | null {
  const definition = findCrs(code)!;
  if (definition.kind === 'geographic' && !swapped) return null;
  return createTransform(definition.code, WGS84_CODE, { swapInput: swapped });
}

function rangeText(collection: FeatureCollection): { x: string; y: string } {
  const box = boundingBoxOf(collection.features.map((feature) => feature?.geometry ?? null));
  if (!box) return { x: '—', y: '—' };
  const range = (low: number, high: number) => `${+low.toFixed(3)}–${+high.toFixed(3)}`;
  return { x: range(box[0], box[2]), y: range(box[1], box[3]) };
}

function fromRegistry(
  code: string,
  source: CrsReport['source'],
  reason: LocalizedText,
  swapped: boolean,
  candidates: readonly CrsCandidate[],
): ResolvedCrs {
  return { report: { code, source, confidence: 1, swapped, candidates, reason }, transform: registryTransform(code, swapped) };
}

/** Warns when a declared CRS is not among the systems the coordinates could be in. */
function checkAgainstDetection(code: string, candidates: readonly CrsCandidate[], file: string, warnings: ImportWarning[]): void {
  if (candidates.length === 0 || candidates.some((candidate) => candidate.code === code && !candidate.swapped)) return;
  const top = candidates[0]!;
  warnings.push({
    file,
    message: localized('crs.resolve.declaredMismatch', { code, likely: top.code, swap: top.swapped ? localized('crs.resolve.axesSwapped') : '' }),
  });
}

function fromPrj(wkt: string, file: string, candidates: readonly CrsCandidate[], warnings: ImportWarning[]): ResolvedCrs | undefined {
  try {
    const parsed = parsePrj(wkt);
    const reason = localized('crs.resolve.prj', {
      name: parsed.name || localized('crs.resolve.unnamed'),
      by: localized(`crs.resolve.by.${parsed.matchedBy}`),
    });
    if (parsed.crs) {
      checkAgainstDetection(parsed.crs.code, candidates, file, warnings);
      return fromRegistry(parsed.crs.code, 'prj', reason, false, candidates);
    }
    const converter = proj4(parsed.proj4, WGS84_CODE);
    return {
      report: { code: null, proj4: parsed.proj4, source: 'prj', confidence: 1, swapped: false, candidates, reason },
      transform: (position) => {
        const [x, y] = converter.forward([position[0]!, position[1]!]);
        return position.length > 2 ? [x!, y!, ...position.slice(2)] : [x!, y!];
      },
    };
  } catch (error) {
    if (!(error instanceof UnsupportedPrjError)) throw error;
    warnings.push({
      file,
      message: localized('crs.resolve.prjUnknown'),
    });
    return undefined;
  }
}

/**
 * Resolves the source CRS of a layer and its transform to WGS84.
 * @throws ImportError 'unknown-crs' for an unknown option, 'crs-undetected' when nothing fits.
 */
export function resolveCrs(
  collection: FeatureCollection,
  declared: DeclaredCrs | undefined,
  options: ImportOptions,
  file: string,
  warnings: ImportWarning[],
): ResolvedCrs {
  const candidates = detectCrs(positionsOf(collection), options.extent ?? YOUYANG_EXTENT);
  if (options.crs) {
    const definition = findCrs(options.crs);
    if (!definition) fail('unknown-crs', file, { crs: options.crs });
    const swapped = options.swapAxes === true;
    return fromRegistry(definition.code, 'option', localized('crs.resolve.chosen', { name: definition.name }), swapped, candidates);
  }
  if (declared?.kind === 'prj') {
    const resolved = fromPrj(declared.wkt, file, candidates, warnings);
    if (resolved) return resolved;
  } else if (declared?.kind === 'code') {
    const definition = findCrs(declared.code);
    if (definition) {
      if (declared.source === 'declared') checkAgainstDetection(definition.code, candidates, file, warnings);
      return fromRegistry(definition.code, declared.source, declared.reason, false, candidates);
    }
    warnings.push({
      file,
      message: localized('crs.resolve.declaredUnknown', { code: declared.code }),
    });
  }
  const best = candidates[0];
  if (!best) fail('crs-undetected', file, rangeText(collection));
  return {
    report: { code: best.code, source: 'detected', confidence: best.confidence, swapped: best.swapped, candidates, reason: best.reason },
    transform: registryTransform(best.code, best.swapped),
  };
}
