/**
 * A FlatGeobuf feature's properties, read as flatgeobuf's parseProperties reads them (same values,
 * same failures: a read past the buffer or an unknown column throws) but without a reader object,
 * a DataView and a TextDecoder call per feature: ASCII strings, the usual case for codes such as
 * DI_LEI, are built from their bytes directly. For the flat decoder (./flatgeobuf-flat.ts), whose
 * tests compare every property with the checked GeoJSON reader's.
 */
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import type { ColumnMeta } from 'flatgeobuf/lib/mjs/column-meta.js';

const textDecoder = new TextDecoder();
/** Longer strings go through TextDecoder: building them a character at a time stops paying. */
const ASCII_LIMIT = 64;

/** The text of bytes [start, end) of `bytes`, decoded as TextDecoder('utf-8') does. */
function text(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= ASCII_LIMIT) {
    let result = '';
    for (let index = start; index < end; index++) {
      const byte = bytes[index]!;
      if (byte >= 0x80) return textDecoder.decode(bytes.subarray(start, end));
      result += String.fromCharCode(byte);
    }
    return result;
  }
  return textDecoder.decode(bytes.subarray(start, end));
}

/**
 * The properties of the vector of `length` bytes at byte `start` of `bytes`' buffer; `view` and
 * `bytes` span that whole buffer (parseProperties' DataView reaches past the vector too).
 */
export function readFlatGeobufProperties(
  view: DataView,
  bytes: Uint8Array,
  start: number,
  length: number,
  columns: readonly ColumnMeta[],
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  let offset = 0;
  while (offset < length) {
    const column = columns[view.getUint16(start + offset, true)]!;
    offset += 2;
    const name = column.name;
    const at = start + offset;
    switch (column.type) {
      case ColumnType.Bool:
        properties[name] = !!view.getUint8(at);
        offset += 1;
        break;
      case ColumnType.Byte:
        properties[name] = view.getInt8(at);
        offset += 1;
        break;
      case ColumnType.UByte:
        properties[name] = view.getUint8(at);
        offset += 1;
        break;
      case ColumnType.Short:
        properties[name] = view.getInt16(at, true);
        offset += 2;
        break;
      case ColumnType.UShort:
        properties[name] = view.getUint16(at, true);
        offset += 2;
        break;
      case ColumnType.Int:
        properties[name] = view.getInt32(at, true);
        offset += 4;
        break;
      case ColumnType.UInt:
        properties[name] = view.getUint32(at, true);
        offset += 4;
        break;
      case ColumnType.Long:
        properties[name] = Number(view.getBigInt64(at, true));
        offset += 8;
        break;
      case ColumnType.ULong:
        properties[name] = Number(view.getBigUint64(at, true));
        offset += 8;
        break;
      case ColumnType.Float:
        properties[name] = view.getFloat32(at, true);
        offset += 4;
        break;
      case ColumnType.Double:
        properties[name] = view.getFloat64(at, true);
        offset += 8;
        break;
      case ColumnType.DateTime:
      case ColumnType.String:
      case ColumnType.Json:
      case ColumnType.Binary: {
        const size = view.getUint32(at, true);
        offset += 4;
        // Cut at the vector's end, as parseProperties' subarray cuts them.
        const from = start + Math.min(offset, length);
        const to = start + Math.min(offset + size, length);
        offset += size;
        if (column.type === ColumnType.Binary) {
          // A copy: the decoder may overwrite the file's bytes with coordinates afterwards.
          properties[name] = bytes.slice(from, to);
        } else {
          const value = text(bytes, from, to);
          properties[name] = column.type === ColumnType.Json ? (JSON.parse(value) as unknown) : value;
        }
        break;
      }
      default:
        throw new Error(`Unknown type ${column.type}`);
    }
  }
  return properties;
}
