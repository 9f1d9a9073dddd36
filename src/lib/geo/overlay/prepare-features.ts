/**
 * Turns a layer's GeoJSON features into flat polygons ready for the overlay: validates each
 * geometry, repairs or skips invalid ones according to the policy, and records every problem as
 * a note (never silently). Also rejects coordinates that are not longitude/latitude.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { detectCrs } from '../crs/detect';
import { polygonParts } from '../polygons';
import { repairGeometry } from '../validation/repair';
import { checkGeometry, featureIdOf } from '../validation/validate-geometry';
import { flattenPolygons, fromCheckedRings, type FlatGeometry } from './flat-rings';
import { OverlayInputError, type InvalidGeometryPolicy, type OverlayNote } from './types';

export interface PreparedFeature {
  readonly index: number;
  readonly geometry: FlatGeometry;
  /** The geometry measured (repaired when it had to be). */
  readonly source: Geometry;
  readonly properties: Feature['properties'];
}

/** At most this many notes per layer and issue code; the rest are summarised in one note. */
const NOTES_PER_CODE = 50;

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

/** Throws OverlayInputError when coordinates are clearly not longitude/latitude. */
export function assertLongitudeLatitude(collection: FeatureCollection, layer: string): void {
  const sample: number[][] = [];
  outer: for (const feature of collection.features) {
    for (const polygon of polygonParts(feature?.geometry)) {
      for (const ring of polygon) {
        for (const position of ring ?? []) {
          if (Array.isArray(position) && Number.isFinite(position[0]) && Number.isFinite(position[1])) sample.push(position);
          if (sample.length >= 2000) break outer;
        }
      }
    }
  }
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
 * Validates and flattens the polygonal features of a collection.
 * @throws OverlayInputError with every problem when the policy is 'error' and a feature is invalid.
 */
export function prepareFeatures(
  collection: FeatureCollection,
  layer: string,
  policy: InvalidGeometryPolicy,
  notes: NoteCollector,
  idField?: string,
): PreparedFeature[] {
  assertLongitudeLatitude(collection, layer);
  const prepared: PreparedFeature[] = [];
  const fatal: OverlayNote[] = [];
  collection.features.forEach((feature, index) => {
    const featureId = feature ? featureIdOf(feature, idField) : undefined;
    const context = { featureIndex: index, layer, ...(featureId !== undefined ? { featureId } : {}) };
    let geometry: Geometry | null = feature?.geometry ?? null;
    const { issues, rings } = checkGeometry(geometry, context);
    if (issues.length === 0) {
      // Valid: measure the rings validation already cleaned.
      prepared.push({ index, geometry: fromCheckedRings(rings), source: geometry!, properties: feature.properties });
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
    } else if (issues.length > 0) {
      // Warnings only (duplicate vertices, open rings, zero-area parts): measure a cleaned copy.
      const repair = repairGeometry(geometry, context);
      if (!repair.geometry) return;
      geometry = repair.geometry;
    }
    prepared.push({ index, geometry: flattenPolygons(polygonParts(geometry)), source: geometry!, properties: feature.properties });
  });
  if (fatal.length > 0) {
    throw new OverlayInputError(
      {
        zh: `图层“${layer}”有${fatal.length}处几何错误：${fatal[0]!.message.zh}${fatal.length > 1 ? ' 等' : ''}`,
        en: `layer "${layer}" has ${fatal.length} geometry errors: ${fatal[0]!.message.en}${fatal.length > 1 ? ', …' : ''}`,
      },
      fatal,
    );
  }
  return prepared;
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
