/**
 * The statistics panel's downloads: CSV, XLSX and GeoJSON files named with the date.
 */
import type { FeatureCollection } from 'geojson';
import type { StatisticsTable } from '../../statistics/table';
import type { AreaUnit } from '../../geo/units';
import { writeCsv } from '../../io/write-csv';
import { writeXlsx } from '../../io/write-xlsx';
import { writeGeoJson } from '../../io/write-geojson';
import { datedFileName, downloadFile, MIME_TYPES } from '../download';
import { toCsvTable, toStatisticsGeoJson, toXlsxSheets } from '../../statistics/table-export';
import { t, type Locale } from '../../i18n';

export type StatisticsFormat = 'csv' | 'xlsx' | 'geojson';

export async function downloadStatistics(
  format: StatisticsFormat,
  table: StatisticsTable,
  townships: FeatureCollection | undefined,
  locale: Locale,
  unit: AreaUnit,
): Promise<void> {
  const baseName = t(locale, 'statistics.exportFileName');
  switch (format) {
    case 'csv':
      downloadFile(datedFileName(baseName, 'csv'), writeCsv(toCsvTable(table, locale, unit)), MIME_TYPES.csv);
      return;
    case 'xlsx':
      downloadFile(datedFileName(baseName, 'xlsx'), await writeXlsx(toXlsxSheets(table, locale, unit)), MIME_TYPES.xlsx);
      return;
    case 'geojson':
      if (!townships) throw new Error('townships layer is not loaded');
      downloadFile(datedFileName(baseName, 'geojson'), writeGeoJson(toStatisticsGeoJson(table, townships, locale, unit)), MIME_TYPES.geojson);
      return;
  }
}
