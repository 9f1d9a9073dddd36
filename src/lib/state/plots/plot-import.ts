/**
 * Plots back into the app from files the shared importers read (GeoJSON, KML/KMZ, Shapefile,
 * CSV with WKT …): each polygon feature becomes a plot, its attributes taken from the names this
 * app exports (MING_CHENG, LEI_XING …) or the usual alternatives (name, 名称, 类型 …). Every
 * other feature is refused with its number, name and reason; nothing is skipped silently and
 * nothing is repaired behind the user's back.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readField } from '../../geo/forest-cover';
import { isPolygonal } from '../../geo/polygons';
import type { FeatureIssue, ImportedLayer, ImportResult } from '../../io/types';
import { checkPlotGeometry } from './plot-acceptance';
import type { PlotAttributes } from './plot-repository';
import { PLOT_FIELDS } from './plot-fields';
import { DEFAULT_PLOT_TYPE, parsePlotType } from './plot-types';
import type { LocalizedText } from '../../i18n/locale';

export interface ImportedPlot {
  readonly attributes: PlotAttributes;
  readonly geometry: Polygon | MultiPolygon;
  /** 1-based position of the feature in its file. */
  readonly featureNumber: number;
}

/** A feature that did not become a plot, and why. */
export interface RefusedFeature {
  /** 1-based position of the feature in its file. */
  readonly featureNumber: number;
  /** Its name from the file, when it has one. */
  readonly name: string | null;
  readonly reason: LocalizedText;
  /** A point or line (not a broken polygon). */
  readonly notPolygon: boolean;
}

/** What one file (or layer of a file) gave. */
export interface PlotImportLayer {
  /** The file name (or layer name for multi-layer files). */
  readonly file: string;
  /** Geometry types found in it (for the message when none is a polygon). */
  readonly geometryTypes: readonly string[];
  readonly plots: ImportedPlot[];
  readonly refused: RefusedFeature[];
}

export interface PlotImport {
  readonly layers: PlotImportLayer[];
  /** Files that could not be read at all, in zh and en. */
  readonly errors: LocalizedText[];
  /** Remarks about the files from the readers. */
  readonly warnings: LocalizedText[];
}

const NAME_FIELDS = [PLOT_FIELDS.name, 'name', '名称', '地块名称', 'Name', 'title'];
const TYPE_FIELDS = [PLOT_FIELDS.type, 'plotType', 'type', '类型', '地块类型', 'ZAO_LIN_LX'];
const YEAR_FIELDS = [PLOT_FIELDS.year, 'targetYear', 'year', '年度', '目标年度'];
const NOTE_FIELDS = [PLOT_FIELDS.notes, 'notes', '备注', 'description'];

/**
 * The first field holding text or a number. This app's own field (listed first) counts even when
 * empty, so an exported empty note does not fall back to a KML description.
 */
function firstText(feature: Feature, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = readField(feature.properties, field);
    if (value === undefined || value === null || typeof value === 'object') continue;
    const text = String(value).trim();
    if (text !== '' || field === fields[0]) return text;
  }
  return undefined;
}

function targetYear(feature: Feature, fallback: number): number {
  const year = Number.parseInt(firstText(feature, YEAR_FIELDS) ?? '', 10);
  return Number.isFinite(year) && year >= 1900 && year <= 2200 ? year : fallback;
}

/** The file a layer came from, for messages. */
function fileOf(layer: ImportedLayer): string {
  return layer.files.length === 1 ? layer.files[0]! : layer.name;
}

/** The reason of a reader's issue without its "file: feature n:" prefix and "; skipped" suffix. */
function bareReason(issue: FeatureIssue): LocalizedText {
  const zh = /^.*?要素\d+(?:（[^）]*）)?：(.+?)(?:，已跳过)?$/.exec(issue.message.zh)?.[1];
  const en = /^.*?feature \d+(?: \([^)]*\))?: (.+?)(?:; skipped)?$/.exec(issue.message.en)?.[1];
  return { zh: zh ?? issue.message.zh, en: en ?? issue.message.en };
}

/**
 * Features the reader already took out (unusable geometry: unknown type, non-finite or text
 * coordinates, empty parts), by their index in the file, with the first reason of each.
 */
function takenOutOnReading(layer: ImportedLayer): Map<number, FeatureIssue> {
  const taken = new Map<number, FeatureIssue>();
  for (const issue of layer.issues) if (issue.action === 'skipped' && !taken.has(issue.featureIndex)) taken.set(issue.featureIndex, issue);
  return taken;
}

/** The index in the file of each feature left in the collection (the taken-out ones shift positions). */
function fileIndices(count: number, takenOut: ReadonlySet<number>): number[] {
  const indices: number[] = [];
  let next = 0;
  for (let kept = 0; kept < count; kept++) {
    while (takenOut.has(next)) next++;
    indices.push(next++);
  }
  return indices;
}

/**
 * Turns an import result into plots to create, feature by feature: every feature either becomes a
 * plot or is listed as refused with its reason (see plot-acceptance.ts), including those the
 * reader already took out.
 * @param defaultYear target year for plots whose file gives none.
 */
export function plotsFromImport(result: ImportResult, defaultYear: number): PlotImport {
  const layers = result.layers.map((layer): PlotImportLayer => {
    const plots: ImportedPlot[] = [];
    const takenOut = takenOutOnReading(layer);
    const refused: RefusedFeature[] = [...takenOut].map(([index, issue]) => ({ featureNumber: index + 1, name: null, reason: bareReason(issue), notPolygon: false }));
    const indices = fileIndices(layer.collection.features.length, new Set(takenOut.keys()));
    layer.collection.features.forEach((feature, position) => {
      const featureNumber = indices[position]! + 1;
      const name = firstText(feature, NAME_FIELDS) || null;
      const check = checkPlotGeometry(feature.geometry);
      if (!check.ok) {
        refused.push({ featureNumber, name, reason: check.reason, notPolygon: !isPolygonal(feature.geometry) });
        return;
      }
      plots.push({
        geometry: check.geometry,
        featureNumber,
        attributes: {
          name: name ?? `${layer.name} ${featureNumber}`,
          plotType: parsePlotType(firstText(feature, TYPE_FIELDS) ?? DEFAULT_PLOT_TYPE),
          targetYear: targetYear(feature, defaultYear),
          notes: firstText(feature, NOTE_FIELDS) ?? '',
        },
      });
    });
    refused.sort((a, b) => a.featureNumber - b.featureNumber);
    return { file: fileOf(layer), geometryTypes: layer.geometryTypes, plots, refused };
  });
  return {
    layers,
    errors: result.errors.map((failure) => failure.message),
    warnings: result.warnings.map((warning) => warning.message),
  };
}
