/**
 * Finds where JSON text first goes wrong, as 1-based line and column. JSON.parse error messages
 * differ between engines (and V8 often gives no position), so failures are located by this small
 * validating scanner instead; it runs only after JSON.parse has failed.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Line/column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Offset of the first syntax error, text.length for an unexpected end, or -1 when the text is valid.
 */
export function jsonErrorOffset(text: string): number {
  let index = 0;
  const skip = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index++;
  };
  // Stack of open containers: '{' expects key, ':' expects value after key, '[' expects value.
  const stack: Array<'object' | 'array'> = [];
  type Expect = 'value' | 'key' | 'colon' | 'comma-or-close' | 'key-or-close' | 'value-or-close';
  let expect = 'value' as Expect;
  for (;;) {
    skip();
    if (index >= text.length) return stack.length === 0 && expect === 'comma-or-close' ? -1 : text.length;
    const char = text[index]!;
    if (expect === 'comma-or-close') {
      if (stack.length === 0) return index; // trailing garbage
      const top = stack[stack.length - 1]!;
      if (char === ',') {
        expect = top === 'object' ? 'key' : 'value';
        index++;
      } else if ((char === '}' && top === 'object') || (char === ']' && top === 'array')) {
        stack.pop();
        index++;
        expect = 'comma-or-close';
      } else return index;
      continue;
    }
    if (expect === 'colon') {
      if (char !== ':') return index;
      index++;
      expect = 'value';
      continue;
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (char === '}' && expect === 'key-or-close') {
        stack.pop();
        index++;
        expect = 'comma-or-close';
        continue;
      }
      if (char !== '"') return index;
      const end = stringEnd(text, index);
      if (end < 0) return -end - 1;
      index = end;
      expect = 'colon';
      continue;
    }
    // A value.
    if (char === ']' && expect === 'value-or-close') {
      stack.pop();
      index++;
      expect = 'comma-or-close';
      continue;
    }
    if (char === '{') {
      stack.push('object');
      index++;
      expect = 'key-or-close';
    } else if (char === '[') {
      stack.push('array');
      index++;
      expect = 'value-or-close';
    } else if (char === '"') {
      const end = stringEnd(text, index);
      if (end < 0) return -end - 1;
      index = end;
      expect = 'comma-or-close';
    } else {
      const literal = LITERALS.find((word) => text.startsWith(word, index));
      if (literal) {
        index += literal.length;
      } else {
        NUMBER.lastIndex = index;
        if (!NUMBER.test(text)) return index;
        index = NUMBER.lastIndex;
      }
      expect = 'comma-or-close';
    }
  }
}

/** Offset after the closing quote of the string starting at `start`, or -(error offset) - 1. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return -index - 1;
    if (code === 0x5c) {
      const next = text[index + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) return -index - 1;
        index += 6;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) index += 2;
      else return -index - 1;
      continue;
    }
    index++;
  }
  return -text.length - 1;
}

/** Where a JSON text is invalid, or undefined for an unexpected end of file (or valid text). */
export function locateJsonError(text: string): TextPosition | undefined {
  const offset = jsonErrorOffset(text);
  if (offset < 0 || offset >= text.length) return undefined;
  return positionAt(text, offset);
}
