/**
 * Text from files (zone names, category values, layer ids) made safe to print to a terminal:
 * control characters would otherwise move the cursor, recolour or clear the screen (ANSI escape
 * sequences start with ESC), or a carriage return would overwrite the line just printed.
 */

/** C0 controls, DEL, C1 controls, and bidirectional overrides/isolates (they reorder what follows). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same without the line feed
const UNSAFE_KEEP_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (character: string) => {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * The text with every unsafe character written as a visible escape (\x1b, \x0d, \u202e).
 * @param keepNewlines keep line feeds (for multi-line messages of our own).
 *
 * @example
 * terminalSafe('乡\x1b[31m') // = '乡\\x1b[31m'
 */
export function terminalSafe(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? UNSAFE_KEEP_NEWLINE : UNSAFE, escaped);
}
