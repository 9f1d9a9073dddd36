/**
 * Turns a layer's GeoJSON features into flat polygons ready for the overlay: validates each
 * geometry, repairs or skips invalid ones according to the policy, and records every problem as
 * a note (never silently). Also rejects coordinates that are not longitude/latitude.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { detectCrs } from '../crs/detect';
import { polygonParts } from '../polygons';
import { repairGeometry } from '../validation/repair';
import { checkFlatGeometry, checkGeometry, featureIdOf, type FeatureContext } from '../validation/validate-geometry';
import { flatFeatureGeometry, type FlatFeatureLayer } from './flat-layer';
import { flattenPolygons, fromCheckedRings, type FlatGeometry } from './flat-rings';
import { OverlayInputError, type InvalidGeometryPolicy, type OverlayNote } from './types';

export interface PreparedFeature {
  readonly index: number;
  readonly geometry: FlatGeometry;
  /** The geometry measured (repaired when it had to be); absent for valid features of a flat layer. */
  readonly source?: Geometry;
  readonly properties: Feature['properties'];
}

/** A layer's features in either form: GeoJSON, or flat typed arrays (flat-layer.ts). */
export type LayerFeatures = FeatureCollection | FlatFeatureLayer;

const isFlat = (features: LayerFeatures): features is FlatFeatureLayer => 'kind' in features && features.kind === 'flat';

/** At most this many notes per layer and issue code; the rest are summarised in one note. */
const NOTES_PER_CODE = 50;

/** Notes and counts of a collector, structured-cloneable (crosses from a worker). */
export interface NoteSnapshot {
  readonly notes: readonly OverlayNote[];
  readonly counts: ReadonlyArray<readonly [string, number]>;
}

/** Collects notes, capping floods of the same code. */
export class NoteCollector {
  readonly notes: OverlayNote[] = [];
  private readonly counts = new Map<string, number>();

  add(note: OverlayNote): void {
    const key = `${note.layer ?? ''}:${note.code}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= NOTES_PER_CODE) this.notes.push(note);
  }

  /** The listed notes and the count per layer and code, to merge into another collector. */
  snapshot(): NoteSnapshot {
    return { notes: [...this.notes], counts: [...this.counts] };
  }

  /** Adds the notes of another collector (a worker's part of a layer) as if added here in order. */
  merge(snapshot: NoteSnapshot): void {
    for (const note of snapshot.notes) this.add(note);
    const listed = new Map<string, number>();
    for (const note of snapshot.notes) {
      const key = `${note.layer ?? ''}:${note.code}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
    }
    for (const [key, count] of snapshot.counts) {
      const unlisted = count - (listed.get(key) ?? 0);
      if (unlisted > 0) this.counts.set(key, (this.counts.get(key) ?? 0) + unlisted);
    }
  }

  /** Adds one note per capped code saying how many more there were. */
  finish(): OverlayNote[] {
    for (const [key, count] of this.counts) {
      if (count <= NOTES_PER_CODE) continue;
      const [layer, code] = key.split(':') as [string, string];
      this.notes.push({
        severity: 'info',
        ...(layer ? { layer } : {}),
        code: 'more-notes',
        message: {
          zh: `图层“${layer}”另有${count - NOTES_PER_CODE}条“${code}”问题未逐条列出`,
          en: `layer "${layer}": ${count - NOTES_PER_CODE} more "${code}" notes not listed`,
        },
      });
    }
    return this.notes;
  }
}

/** Vertices looked at to tell longitude/latitude from projected coordinates. */
const SAMPLE_SIZE = 2000;

/** Up to SAMPLE_SIZE finite positions from the start of a layer. */
function samplePositions(features: LayerFeatures): number[][] {
  const sample: number[][] = [];
  if (isFlat(features)) {
    for (let vertex = 0; vertex < features.coordinates.length / 2 && sample.length < SAMPLE_SIZE; vertex++) {
      sample.push([features.coordinates[2 * vertex]!, features.coordinates[2 * vertex + 1]!]);
    }
    return sample;
  }
  outer: for (const feature of features.features) {
    for (const polygon of polygonParts(feature?.geometry)) {
      for (const ring of polygon) {
        for (const position of ring ?? []) {
          if (Array.isArray(position) && Number.isFinite(position[0]) && Number.isFinite(position[1])) sample.push(position);
          if (sample.length >= SAMPLE_SIZE) break outer;
        }
      }
    }
  }
  return sample;
}

/** True when one of the vertices samplePositions would take is not a longitude/latitude. */
function flatSampleOutOfRange(coordinates: Float64Array): boolean {
  const end = Math.min(coordinates.length, 2 * SAMPLE_SIZE);
  for (let index = 0; index + 1 < end; index += 2) {
    if (Math.abs(coordinates[index]!) > 180 || Math.abs(coordinates[index + 1]!) > 90) return true;
  }
  return false;
}

/** Throws OverlayInputError when coordinates are clearly not longitude/latitude. */
export function assertLongitudeLatitude(collection: LayerFeatures, layer: string): void {
  // Flat layers (a batch of a few hundred features each) are checked in place: building the
  // sample's arrays for every batch was a tenth of the statistics' allocations.
  if (isFlat(collection) && !flatSampleOutOfRange(collection.coordinates)) return;
  const sample = samplePositions(collection);
  const bad = sample.find((position) => Math.abs(position[0]!) > 180 || Math.abs(position[1]!) > 90);
  if (!bad) return;
  const guess = detectCrs(sample)[0];
  const hint = guess ? { zh: `（看起来是${guess.code}）`, en: ` (they look like ${guess.code})` } : { zh: '', en: '' };
  throw new OverlayInputError({
    zh: `图层“${layer}”的坐标不是经纬度${hint.zh}：各图层坐标系不一致，请先转换为EPSG:4326（例如用 --crs 指定源坐标系）`,
    en: `layer "${layer}": coordinates are not longitude/latitude${hint.en} — the layers are in different coordinate systems; reproject to EPSG:4326 first (e.g. give the source CRS with --crs)`,
  });
}

/**
 * Validates and flattens the polygonal features of a layer.
 * @throws OverlayInputError with every problem when the policy is 'error' and a feature is invalid.
 */
export function prepareFeatures(
  collection: LayerFeatures,
  layer: string,
  policy: InvalidGeometryPolicy,
  notes: NoteCollector,
  idField?: string,
): PreparedFeature[] {
  const { prepared, fatal } = collectPreparedFeatures(collection, layer, policy, notes, idField);
  throwIfFatal(layer, fatal);
  return prepared;
}

/** Throws the OverlayInputError listing the geometry errors found under policy 'error'. */
export function throwIfFatal(layer: string, fatal: readonly OverlayNote[]): void {
  if (fatal.length === 0) return;
  throw new OverlayInputError(
    {
      zh: `图层“${layer}”有${fatal.length}处几何错误：${fatal[0]!.message.zh}${fatal.length > 1 ? ' 等' : ''}`,
      en: `layer "${layer}" has ${fatal.length} geometry errors: ${fatal[0]!.message.en}${fatal.length > 1 ? ', …' : ''}`,
    },
    [...fatal],
  );
}

/**
 * prepareFeatures without the throw: the prepared features and, under policy 'error', the notes
 * of every invalid feature (a worker measuring part of a layer returns them to be merged).
 */
export function collectPreparedFeatures(
  collection: LayerFeatures,
  layer: string,
  policy: InvalidGeometryPolicy,
  notes: NoteCollector,
  idField?: string,
): { prepared: PreparedFeature[]; fatal: OverlayNote[] } {
  assertLongitudeLatitude(collection, layer);
  const prepared: PreparedFeature[] = [];
  const fatal: OverlayNote[] = [];
  if (isFlat(collection)) {
    for (let feature = 0; feature < collection.count; feature++) {
      const index = collection.first + feature;
      const context = { featureIndex: index, layer, featureId: index };
      const properties = collection.properties[feature] ?? null;
      const { issues, rings } = checkFlatGeometry(collection, feature, context);
      // Valid: measure the rings validation already cleaned; else the GeoJSON path below explains and repairs.
      if (issues.length === 0) prepared.push({ index, geometry: fromCheckedRings(rings), properties });
      else prepareGeoJsonFeature(flatFeatureGeometry(collection, feature), properties, index, context, layer, policy, notes, prepared, fatal);
    }
    return { prepared, fatal };
  }
  collection.features.forEach((feature, index) => {
    const featureId = feature ? featureIdOf(feature, idField) : undefined;
    const context = { featureIndex: index, layer, ...(featureId !== undefined ? { featureId } : {}) };
    prepareGeoJsonFeature(feature?.geometry ?? null, feature?.properties ?? null, index, context, layer, policy, notes, prepared, fatal);
  });
  return { prepared, fatal };
}

function prepareGeoJsonFeature(
  original: Geometry | null,
  properties: Feature['properties'],
  index: number,
  context: FeatureContext,
  layer: string,
  policy: InvalidGeometryPolicy,
  notes: NoteCollector,
  prepared: PreparedFeature[],
  fatal: OverlayNote[],
): void {
  let geometry = original;
  const { issues, rings } = checkGeometry(geometry, context);
  if (issues.length === 0) {
    // Valid: measure the rings validation already cleaned.
    prepared.push({ index, geometry: fromCheckedRings(rings), source: geometry!, properties });
    return;
  }
  for (const issue of issues) notes.add({ severity: issue.severity, layer, code: issue.code, message: issue.message, issue });
  if (issues.some((issue) => issue.code === 'not-polygonal' || issue.code === 'empty-geometry')) return;
  if (issues.some((issue) => issue.severity === 'error')) {
    if (policy === 'error') {
      fatal.push(...issues.map((issue) => ({ severity: 'error' as const, layer, code: issue.code, message: issue.message, issue })));
      return;
    }
    if (policy === 'skip') {
      notes.add(skippedNote(layer, index, 'skipped-invalid'));
      return;
    }
    const repair = repairGeometry(geometry, context);
    for (const action of repair.actions) notes.add({ severity: 'info', layer, code: `repaired-${action.code}`, message: action.message, repair: action });
    if (!repair.geometry || repair.remaining.length > 0) {
      notes.add(skippedNote(layer, index, 'beyond-repair'));
      return;
    }
    geometry = repair.geometry;
  } else {
    // Warnings only (duplicate vertices, open rings, zero-area parts): measure a cleaned copy.
    const repair = repairGeometry(geometry, context);
    if (!repair.geometry) return;
    geometry = repair.geometry;
  }
  prepared.push({ index, geometry: flattenPolygons(polygonParts(geometry)), source: geometry!, properties });
}

function skippedNote(layer: string, index: number, code: 'skipped-invalid' | 'beyond-repair'): OverlayNote {
  return code === 'beyond-repair'
    ? {
        severity: 'error',
        layer,
        code,
        message: { zh: `图层“${layer}”要素${index}的几何无法修复，未参与统计`, en: `layer "${layer}", feature ${index}: geometry is beyond repair and was left out` },
      }
    : {
        severity: 'warning',
        layer,
        code,
        message: { zh: `图层“${layer}”要素${index}的几何无效，已按要求跳过`, en: `layer "${layer}", feature ${index}: invalid geometry skipped as requested` },
      };
}
