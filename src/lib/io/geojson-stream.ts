/**
 * A FeatureCollection read feature by feature from its bytes. One pass over the bytes finds where
 * each element of the top-level "features" array starts and ends (tracking strings and nesting
 * only); each feature is then decoded and JSON.parsed on its own when asked for. A 100 MB GeoJSON
 * thus never exists as one string plus one object tree: the reader holds the bytes, two offsets
 * per feature and the batch being worked on.
 *
 * Anything this scan does not recognise as a plain top-level object with one "features" array
 * (truncated file, trailing junk, a bare geometry…) gives null, and the caller reads the file the
 * whole-text way, which reports the exact JSON error.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Decodes windows of at most this many bytes when checking that the file is UTF-8. */
const UTF8_CHECK_WINDOW = 8 << 20;

export interface FeatureCollectionIndex {
  /** Top-level members other than "features" ("type", "crs", "name" …), parsed. */
  readonly members: Readonly<Record<string, unknown>>;
  /** Number of elements in the "features" array. */
  readonly count: number;
  /** Parses elements [start, end) of the "features" array. Throws SyntaxError/TypeError on bad JSON or bad UTF-8. */
  take(start: number, end: number): unknown[];
  /** True when every byte decodes as UTF-8 (checked in windows, never as one string). */
  isUtf8(): boolean;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && isSpace(bytes[at]!)) at++;
  return at;
}

/** End (exclusive) of the string starting at `at` (a quote), or -1 when it never closes. */
function skipString(bytes: Uint8Array, at: number): number {
  for (let index = at + 1; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === BACKSLASH) index++;
    else if (byte === QUOTE) return index + 1;
  }
  return -1;
}

/** End (exclusive) of the JSON value starting at `at`, or -1 when the bytes end first. Validates nesting only. */
function skipValue(bytes: Uint8Array, at: number): number {
  const first = bytes[at];
  if (first === undefined) return -1;
  if (first === QUOTE) return skipString(bytes, at);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let index = at;
    while (index < bytes.length) {
      const byte = bytes[index]!;
      if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
      index++;
    }
    return index === at || index >= bytes.length ? -1 : index;
  }
  let depth = 0;
  for (let index = at; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === QUOTE) {
      const end = skipString(bytes, index);
      if (end < 0) return -1;
      index = end - 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/**
 * Indexes a GeoJSON FeatureCollection's features without parsing them.
 * @returns null when the bytes are not one top-level object with exactly one "features" array
 * (then read the file whole, which reports the precise error).
 */
export function indexFeatureCollection(bytes: Uint8Array): FeatureCollectionIndex | null {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const text = (start: number, end: number) => decoder.decode(bytes.subarray(start, end));
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  at = skipSpace(bytes, at);
  if (bytes[at] !== OPEN_OBJECT) return null;
  at = skipSpace(bytes, at + 1);
  const members: Record<string, unknown> = {};
  const starts: number[] = [];
  const ends: number[] = [];
  let sawFeatures = false;
  try {
    if (bytes[at] === CLOSE_OBJECT) return null;
    for (;;) {
      if (bytes[at] !== QUOTE) return null;
      const keyEnd = skipString(bytes, at);
      if (keyEnd < 0) return null;
      const key = JSON.parse(text(at, keyEnd)) as string;
      at = skipSpace(bytes, keyEnd);
      if (bytes[at] !== COLON) return null;
      at = skipSpace(bytes, at + 1);
      if (key === 'features') {
        if (sawFeatures || bytes[at] !== OPEN_ARRAY) return null;
        sawFeatures = true;
        at = skipSpace(bytes, at + 1);
        if (bytes[at] === CLOSE_ARRAY) at++;
        else {
          for (;;) {
            const end = skipValue(bytes, at);
            if (end < 0) return null;
            starts.push(at);
            ends.push(end);
            at = skipSpace(bytes, end);
            if (bytes[at] === CLOSE_ARRAY) {
              at++;
              break;
            }
            if (bytes[at] !== COMMA) return null;
            at = skipSpace(bytes, at + 1);
          }
        }
      } else {
        const end = skipValue(bytes, at);
        if (end < 0) return null;
        // A duplicate member keeps its last value, as JSON.parse does.
        members[key] = JSON.parse(text(at, end));
        at = end;
      }
      at = skipSpace(bytes, at);
      if (bytes[at] === CLOSE_OBJECT) break;
      if (bytes[at] !== COMMA) return null;
      at = skipSpace(bytes, at + 1);
    }
  } catch {
    // A member or key that is not valid JSON (or not UTF-8): the whole-text path reports it.
    return null;
  }
  if (!sawFeatures || skipSpace(bytes, at + 1) !== bytes.length) return null;
  return {
    members,
    count: starts.length,
    take(start, end) {
      const features: unknown[] = [];
      for (let index = start; index < Math.min(end, starts.length); index++) features.push(JSON.parse(text(starts[index]!, ends[index]!)));
      return features;
    },
    isUtf8() {
      try {
        // Windows end after a whole feature, so no character is split between two of them.
        let from = 0;
        for (let index = 0; index < ends.length; index++) {
          if (ends[index]! - from >= UTF8_CHECK_WINDOW || index === ends.length - 1) {
            text(from, ends[index]!);
            from = ends[index]!;
          }
        }
        text(from, bytes.length);
        return true;
      } catch {
        return false;
      }
    },
  };
}
