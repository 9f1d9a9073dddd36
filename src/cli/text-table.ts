/**
 * The statistics table as plain text aligned in a terminal: the same headers and rounded figures
 * as the panel and its files (src/lib/statistics/table-export.ts). CJK characters take two
 * columns, numbers are right aligned with thousands separators, and control characters from the
 * files are shown escaped.
 */
import { formatCount, formatNumber, type AreaUnit } from '../lib/geo/units';
import type { Locale } from '../lib/i18n/locale';
import type { StatisticsTable } from '../lib/statistics/table';
import { noteLines, toOutputTable } from '../lib/statistics/table-export';
import { terminalSafe } from './terminal-text';

/** Display width of a string in a monospace terminal (East Asian wide characters count 2). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** Renders the table with a header rule and a rule above the total row, then its notes. */
export function renderTextTable(table: StatisticsTable, locale: Locale, unit: AreaUnit): string {
  const output = toOutputTable(table, locale, unit);
  const kinds = table.columns.map((column) => column.kind);
  const cells = output.rows.map((row) =>
    output.columns.map((column, index) => {
      const value = row[column.key];
      if (value === null || value === undefined) return '—';
      if (typeof value === 'string') return terminalSafe(value);
      if (kinds[index] === 'count') return formatCount(value as number);
      return formatNumber(value as number, 2);
    }),
  );
  const headers = output.columns.map((column) => terminalSafe(column.header ?? column.key));
  const widths = headers.map((header, index) => Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[index]!))));
  const line = (values: string[]) => values.map((value, index) => pad(value, widths[index]!, kinds[index] !== 'text')).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = cells.map(line);
  const notes = noteLines(table, locale);
  const noteText = notes.length === 0 ? '' : notes.map((note) => `\n${terminalSafe(note)}`).join('') + '\n';
  return [line(headers), rule, ...body.slice(0, -1), rule, ...body.slice(-1)].join('\n') + '\n' + noteText;
}
