/** Downloads of the fire-zone review table (CSV with BOM, XLSX), named with the date. */
import { writeCsv } from '../../io/write-csv';
import { writeXlsx } from '../../io/write-xlsx';
import { datedFileName, downloadFile, MIME_TYPES } from '../download';
import type { FireState } from './fire-state.svelte';
import { reviewTable } from './review-table';
import { t, type Locale } from '../../i18n';
import '../../i18n/fire-messages'; // the texts of a tool that loads on use

export async function downloadReviewTable(format: 'csv' | 'xlsx', fire: FireState, locale: Locale): Promise<void> {
  const table = reviewTable(fire.zones, fire.reviews, fire.coverageByZone, locale);
  const baseName = t(locale, 'fire.exportFileName');
  if (format === 'csv') downloadFile(datedFileName(baseName, 'csv'), writeCsv(table), MIME_TYPES.csv);
  else downloadFile(datedFileName(baseName, 'xlsx'), await writeXlsx([{ name: t(locale, 'fire.exportSheet'), ...table }]), MIME_TYPES.xlsx);
}
