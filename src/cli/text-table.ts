/**
 * Plain-text table aligned in a terminal: CJK characters take two columns, numbers are right
 * aligned with thousands separators, and control characters from the files are shown escaped.
 */
import { formatCount, formatNumber } from '../lib/geo/units';
import type { ReportTable } from './report-table';
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

/** Renders the table with a header rule and a rule above the total row. */
export function renderTextTable(table: ReportTable): string {
  const cells = table.rows.map((row) =>
    table.columns.map((column) => {
      const value = row[column.key];
      if (value === null || value === undefined) return '—';
      if (typeof value === 'string') return terminalSafe(value);
      if (column.kind === 'count') return formatCount(value);
      return formatNumber(value, 2);
    }),
  );
  const headers = table.columns.map((column) => terminalSafe(column.header));
  const widths = headers.map((header, index) => Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[index]!))));
  const line = (values: string[]) => values.map((value, index) => pad(value, widths[index]!, table.columns[index]!.kind !== 'text')).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = cells.map(line);
  return [line(headers), rule, ...body.slice(0, -1), rule, ...body.slice(-1)].join('\n') + '\n';
}
