/**
 * dBase III (.dbf) writing for shapefile attributes, in UTF-8 by default (a .cpg says so).
 * Written here because @mapbox/shp-write's dbf writer stores each UTF-16 code unit as one byte,
 * which destroys Chinese text. Field names are cut to 10 bytes and made unique.
 */

export interface DbfField {
  /** Name written to the file (≤ 10 bytes). */
  readonly name: string;
  /** Property it is read from. */
  readonly property: string;
  readonly type: 'C' | 'N' | 'L';
  readonly length: number;
  readonly decimals: number;
}

type Encode = (text: string) => Uint8Array;
const utf8: Encode = (text) => new TextEncoder().encode(text);

/**
 * The longest prefix of `text` (whole characters) that encodes to at most `limit` bytes. Linear:
 * every character takes at least one byte, so only the first `limit` characters are looked at.
 */
function fitText(text: string, limit: number, encode: Encode): string {
  if (text.length <= limit && encode(text).length <= limit) return text;
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    bytes += encode(character).length;
    if (bytes > limit) break;
    end += character.length;
  }
  return text.slice(0, end);
}

/** `text` encoded and cut to at most `limit` bytes without splitting a character. */
function fitBytes(text: string, limit: number, encode: Encode): Uint8Array {
  return encode(fitText(text, limit, encode));
}

function decimalsOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.min(15, Number(exponent[1]));
  return Math.min(15, (text.split('.')[1] ?? '').length);
}

/** Field definitions for the properties of the records (first-seen order). */
export function dbfFields(records: readonly Record<string, unknown>[], encode: Encode = utf8): DbfField[] {
  const stats = new Map<string, { numbers: boolean; booleans: boolean; width: number; decimals: number; integerDigits: number }>();
  for (const record of records) {
    for (const [property, value] of Object.entries(record)) {
      let stat = stats.get(property);
      if (!stat) stats.set(property, (stat = { numbers: true, booleans: true, width: 1, decimals: 0, integerDigits: 1 }));
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) stat.numbers = false;
      if (typeof value !== 'boolean') stat.booleans = false;
      if (typeof value === 'number' && Number.isFinite(value)) {
        stat.decimals = Math.max(stat.decimals, decimalsOf(value));
        stat.integerDigits = Math.max(stat.integerDigits, String(Math.trunc(Math.abs(value))).length + (value < 0 ? 1 : 0));
      }
      stat.width = Math.max(stat.width, encode(typeof value === 'object' ? JSON.stringify(value) : String(value)).length);
    }
  }
  const used = new Set<string>();
  return [...stats].map(([property, stat]) => {
    const base = property.replace(/\s+/g, '_') || 'FIELD';
    let name = fitText(base, 10, encode);
    for (let suffix = 1; used.has(name.toUpperCase()); suffix++) name = fitText(base, 10 - String(suffix).length, encode) + suffix;
    used.add(name.toUpperCase());
    if (stat.booleans && stat.width > 0 && !stat.numbers) return { name, property, type: 'L', length: 1, decimals: 0 };
    if (stat.numbers) {
      const decimals = Math.min(stat.decimals, 8);
      const length = Math.min(19, stat.integerDigits + (decimals > 0 ? decimals + 1 : 0));
      return { name, property, type: 'N', length: Math.max(1, length), decimals };
    }
    return { name, property, type: 'C', length: Math.min(254, stat.width), decimals: 0 };
  });
}

function cellText(value: unknown, field: DbfField): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'L') return value === true ? 'T' : value === false ? 'F' : '?';
  if (field.type === 'N') return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(field.decimals) : '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Encodes records as a .dbf.
 * @param options.encode text encoder (UTF-8 by default; tests pass a GBK one).
 * @param options.languageDriver byte 29 of the header (0x4D for GBK/936; 0 with a .cpg).
 */
export function encodeDbf(
  records: readonly Record<string, unknown>[],
  options: { encode?: Encode; languageDriver?: number; fields?: readonly DbfField[] } = {},
): { bytes: Uint8Array; fields: readonly DbfField[] } {
  const encode = options.encode ?? utf8;
  const fields = options.fields ?? dbfFields(records, encode);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(bytes.buffer);
  const now = new Date();
  view.setUint8(0, 0x03);
  view.setUint8(1, now.getFullYear() - 1900);
  view.setUint8(2, now.getMonth() + 1);
  view.setUint8(3, now.getDate());
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  view.setUint8(29, options.languageDriver ?? 0);
  fields.forEach((field, index) => {
    const at = 32 + 32 * index;
    bytes.set(fitBytes(field.name, 10, encode), at);
    view.setUint8(at + 11, field.type.charCodeAt(0));
    view.setUint8(at + 16, field.length);
    view.setUint8(at + 17, field.decimals);
  });
  view.setUint8(headerLength - 1, 0x0d);
  let offset = headerLength;
  for (const record of records) {
    bytes[offset++] = 0x20;
    for (const field of fields) {
      bytes.fill(0x20, offset, offset + field.length);
      const text = fitBytes(cellText(record[field.property], field), field.length, encode);
      // Numbers are right-aligned, text left-aligned.
      bytes.set(text, field.type === 'N' ? offset + field.length - text.length : offset);
      offset += field.length;
    }
  }
  bytes[offset] = 0x1a;
  return { bytes, fields };
}
