/**
 * Formula-injection guard for CSV cells (OWASP "CSV injection"): Excel and WPS run a cell starting
 * with = + - @ tab or carriage return as a formula, so the writer prefixes such text with an
 * apostrophe (Excel then shows it as text) and the reader takes the apostrophe off again, so a
 * value survives export → import unchanged.
 *
 * Text that reads as a plain number ('-0.5', '-001', '+86') is left alone: Excel treats it as a
 * number, not a formula, and a prefix would spoil coordinates and codes for every other program.
 * Text already starting with apostrophes before a formula character gets one more, so the reader
 * can tell the guard from an apostrophe that belongs to the value.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a spreadsheet could run `text` as a formula (after any leading apostrophes). */
function needsGuard(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * The text as written to a CSV cell.
 *
 * @example
 * guardFormula('=1+1') // = "'=1+1"
 * guardFormula('-0.5') // = '-0.5'
 */
export function guardFormula(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/**
 * The value of a CSV cell written by guardFormula (cells without a guard come back as they are).
 *
 * @example
 * unguardFormula("'=1+1") // = '=1+1'
 * unguardFormula("'abc")  // = "'abc"
 */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && needsGuard(cell.slice(1)) ? cell.slice(1) : cell;
}
