/**
 * A small RFC 4180 CSV reader: quoted fields with doubled quotes and line breaks, CRLF or LF, and
 * the delimiter guessed from the first line (comma, semicolon, tab or the Chinese full-width comma).
 * The apostrophe our CSV writer puts before formula-like text is removed (csv-formula.ts).
 */
import { unguardFormula } from './csv-formula';

/** Picks the delimiter that occurs most often outside quotes in the first line. */
export function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '，', '|']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Parses CSV text into rows of strings (a BOM is dropped; blank lines are skipped; formula guards removed). */
export function parseCsv(text: string, delimiter = guessDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(unguardFormula(field));
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) endField();
    else if (char === '\n') endRow();
    else if (char !== '\r') field += char;
    index++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
