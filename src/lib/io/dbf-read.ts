/**
 * .dbf attribute reading through shpjs (parsedbf) with a chosen encoding, plus the small helpers
 * encoding detection and the live preview need: the record bytes, and the first few records.
 */
import { parseDbf } from 'shpjs';

type Properties = Record<string, unknown>;

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Header facts of a .dbf: record count, header and record length. */
export function dbfHeader(bytes: Uint8Array): { records: number; headerLength: number; recordLength: number } {
  const view = dataView(bytes);
  return { records: view.getUint32(4, true), headerLength: view.getUint16(8, true), recordLength: view.getUint16(10, true) };
}

/** The bytes holding field names and records (the text to sniff the encoding from). */
export function dbfTextBytes(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(32);
}

/** JSON-friendly values: blank numbers → null, dates → 'YYYY-MM-DD' (null when blank). */
function cleanValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return value;
}

/** Reads every record of a .dbf with the given TextDecoder label. */
export function readDbf(bytes: Uint8Array, encoding: string): Properties[] {
  const label = encoding === 'gbk' ? 'gb18030' : encoding;
  const records = parseDbf(dataView(bytes), label);
  for (const record of records) {
    for (const key of Object.keys(record)) record[key] = cleanValue(record[key]);
  }
  return records;
}

/** The first `count` records as strings, for the encoding preview. */
export function previewDbf(bytes: Uint8Array, encoding: string, count = 5): Record<string, string>[] {
  const header = dbfHeader(bytes);
  const take = Math.min(count, header.records);
  const end = Math.min(bytes.length, header.headerLength + take * header.recordLength);
  const copy = bytes.slice(0, end);
  new DataView(copy.buffer).setUint32(4, take, true);
  return readDbf(copy, encoding).map((record) =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)])),
  );
}
