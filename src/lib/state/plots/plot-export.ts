/**
 * Plots out of the app: GeoJSON, KML (Google Earth, Ovi 奥维), zipped Shapefile (CGCS2000 .prj,
 * UTF-8 .cpg) and CSV (a WKT column, so it re-imports), through the shared io writers. Attribute
 * names follow the bureau's pinyin convention and fit a .dbf's 10 bytes.
 *
 * Loaded on first export (import()), keeping the writers out of the first page load.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { plotMetrics } from '../../geo/plot-metrics';
import { PLOT_COORDINATE_DECIMALS } from '../../geo/plot-geometry';
import { squareMetresToHectares, squareMetresToMu } from '../../geo/units';
import { writeCsv } from '../../io/write-csv';
import { writeGeoJson } from '../../io/write-geojson';
import { writeKml } from '../../io/write-kml';
import { writeShapefile } from '../../io/write-shapefile';
import { featuresToTable } from '../../io/table-write';
import type { StoredPlot } from '../persistence/database';
import { PLOT_FIELDS } from './plot-fields';

export type PlotExportFormat = 'geojson' | 'kml' | 'shapefile' | 'csv';

/** A written file; the page names and downloads it (src/lib/state/download.ts). */
export interface ExportedContent {
  readonly content: string | Uint8Array;
  /** File extension, also the key of its MIME type in download.ts. */
  readonly extension: 'geojson' | 'kml' | 'zip' | 'csv' | 'xlsx';
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** The plots as WGS84 features with their attributes and measured area (亩, 公顷) and perimeter (m). */
export function plotFeatureCollection(plots: readonly StoredPlot[], townshipsOf: (plotId: string) => readonly string[] = () => []): FeatureCollection {
  const features: Feature[] = plots.map((plot) => {
    const metrics = plotMetrics(plot.geometry);
    return {
      type: 'Feature',
      properties: {
        [PLOT_FIELDS.id]: plot.id,
        [PLOT_FIELDS.name]: plot.name,
        [PLOT_FIELDS.type]: plot.plotType,
        [PLOT_FIELDS.year]: plot.targetYear,
        [PLOT_FIELDS.notes]: plot.notes,
        [PLOT_FIELDS.townships]: townshipsOf(plot.id).join('、'),
        [PLOT_FIELDS.areaMu]: round(squareMetresToMu(metrics.areaSquareMetres), 2),
        [PLOT_FIELDS.areaHectares]: round(squareMetresToHectares(metrics.areaSquareMetres), 4),
        [PLOT_FIELDS.perimeter]: round(metrics.perimeterMetres, 1),
      },
      geometry: plot.geometry,
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * Writes the plots in a format.
 * @param name document name (KML) and base name of the files inside a shapefile zip.
 */
export function exportPlots(format: PlotExportFormat, collection: FeatureCollection, name: string): ExportedContent {
  switch (format) {
    case 'geojson':
      return { extension: 'geojson', content: writeGeoJson(collection, { precision: PLOT_COORDINATE_DECIMALS }) };
    case 'kml':
      return {
        extension: 'kml',
        content: writeKml(collection, { name, nameField: PLOT_FIELDS.name, style: { stroke: '#d7301f', fill: '#fc8d59', fillOpacity: 0.35 } }),
      };
    case 'shapefile':
      return { extension: 'zip', content: writeShapefile(collection, { name, crs: 'EPSG:4490' }).zip };
    case 'csv':
      return { extension: 'csv', content: writeCsv(featuresToTable(collection)) };
  }
}
