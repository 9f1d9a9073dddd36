/**
 * Plots back into the app from files the shared importers read (GeoJSON, KML/KMZ, Shapefile,
 * CSV with WKT …): each polygon feature becomes a plot, its attributes taken from the names this
 * app exports (MING_CHENG, LEI_XING …) or the usual alternatives (name, 名称, 类型 …). Every
 * other feature is refused with its number, name and reason; nothing is skipped silently and
 * nothing is repaired behind the user's back.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LocalizedText } from '../../layers/catalog';
import { readField } from '../../geo/forest-cover';
import { isPolygonal } from '../../geo/polygons';
import type { ImportedLayer, ImportResult } from '../../io/types';
import { checkPlotGeometry } from './plot-acceptance';
import type { PlotAttributes } from './plot-repository';
import { PLOT_FIELDS } from './plot-fields';
import { DEFAULT_PLOT_TYPE, parsePlotType } from './plot-types';

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

/**
 * Turns an import result into plots to create, feature by feature: every feature either becomes a
 * plot or is listed as refused with its reason (see plot-acceptance.ts).
 * @param defaultYear target year for plots whose file gives none.
 */
export function plotsFromImport(result: ImportResult, defaultYear: number): PlotImport {
  const layers = result.layers.map((layer): PlotImportLayer => {
    const plots: ImportedPlot[] = [];
    const refused: RefusedFeature[] = [];
    layer.collection.features.forEach((feature, index) => {
      const name = firstText(feature, NAME_FIELDS) || null;
      const check = checkPlotGeometry(feature.geometry);
      if (!check.ok) {
        refused.push({ featureNumber: index + 1, name, reason: check.reason, notPolygon: !isPolygonal(feature.geometry) });
        return;
      }
      plots.push({
        geometry: check.geometry,
        featureNumber: index + 1,
        attributes: {
          name: name ?? `${layer.name} ${index + 1}`,
          plotType: parsePlotType(firstText(feature, TYPE_FIELDS) ?? DEFAULT_PLOT_TYPE),
          targetYear: targetYear(feature, defaultYear),
          notes: firstText(feature, NOTE_FIELDS) ?? '',
        },
      });
    });
    return { file: fileOf(layer), geometryTypes: layer.geometryTypes, plots, refused };
  });
  return {
    layers,
    errors: result.errors.map((failure) => failure.message),
    warnings: result.warnings.map((warning) => warning.message),
  };
}
