/**
 * CSV writer for Excel users: UTF-8 with BOM (Excel then reads Chinese correctly), CRLF line ends,
 * RFC 4180 quoting, and protection against formula injection — a text cell starting with
 * = + - @ (or tab/carriage return) that is not a plain number is prefixed with an apostrophe so
 * Excel shows it as text; the app's CSV reader removes it again (see csv-formula.ts).
 */
import { guardFormula } from './csv-formula';
import type { OutputTable } from './table-write';

/** The text of one cell, neutralised and quoted as needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string') text = guardFormula(text);
  return /[",\t\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Serialises a table as CSV text beginning with a BOM.
 *
 * @example
 * writeCsv({ columns: [{ key: 'name', header: '名称' }], rows: [{ name: '=1+1' }] }) // '\uFEFF名称\r\n\'=1+1\r\n'
 */
export function writeCsv(table: OutputTable): string {
  const lines = [table.columns.map((column) => csvCell(column.header ?? column.key)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((column) => csvCell(row[column.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
