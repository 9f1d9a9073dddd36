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
import type { Locale } from '../../i18n/locale';

export type StatisticsFormat = 'csv' | 'xlsx' | 'geojson';

export async function downloadStatistics(
  format: StatisticsFormat,
  table: StatisticsTable,
  townships: FeatureCollection | undefined,
  locale: Locale,
  unit: AreaUnit,
): Promise<void> {
  const baseName = locale === 'zh' ? '酉阳县乡镇森林资源统计' : 'youyang-township-statistics';
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
