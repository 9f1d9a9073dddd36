/**
 * Mutations of seed files: byte flips, truncation, repeated slices (huge counts), interesting
 * tokens spliced into text, and lies in size fields (FlatGeobuf header length, zip declared sizes
 * and entry counts, .dbf record counts, .shp lengths).
 */
import { unzipSync, zipSync } from 'fflate';
import type { Random } from './random';

const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000000];
const TOKENS = ['1e400', '-1e400', 'NaN', 'Infinity', 'null', '"x"', '[]', '{}', '[[[[', ']]]]', '"', ',', ':', '\u0000', '<', '>', '</', '<![CDATA[', '&#0;', '&lt;', '&bogus;', 'XFD1048576', '99999999999999999999', '-0', '\ufffd', '"Circle"', '"GeometryCollection"', '\r\n', '"type"'];

export function flipBytes(bytes: Uint8Array, random: Random): Uint8Array {
  const copy = bytes.slice();
  const count = 1 + random.int(8);
  for (let index = 0; index < count && copy.length > 0; index++) copy[random.int(copy.length)] = random.int(256);
  return copy;
}

export function truncate(bytes: Uint8Array, random: Random): Uint8Array {
  return bytes.slice(0, random.int(bytes.length));
}

/** Writes an interesting 32-bit value at a random (or given) offset. */
export function lie32(bytes: Uint8Array, random: Random, offset = random.int(Math.max(1, bytes.length - 3)), bigEndian = false): Uint8Array {
  const copy = bytes.slice();
  if (offset + 4 <= copy.length) new DataView(copy.buffer).setUint32(offset, random.pick(INTERESTING_32) >>> 0, !bigEndian);
  return copy;
}

/** Repeats a random slice many times (huge counts of features, rows, elements). */
export function repeatSlice(bytes: Uint8Array, random: Random): Uint8Array {
  if (bytes.length < 2) return bytes;
  const start = random.int(bytes.length - 1);
  const slice = bytes.subarray(start, start + 1 + random.int(Math.min(200, bytes.length - start)));
  // At most ~256 KB added: counts of tens of thousands, yet each input stays well inside the 2 s watchdog.
  const times = Math.min(2 + random.int(random.chance(0.1) ? 20000 : 200), Math.ceil((256 * 1024) / slice.length));
  const out = new Uint8Array(bytes.length + slice.length * times);
  out.set(bytes.subarray(0, start));
  for (let index = 0; index < times; index++) out.set(slice, start + index * slice.length);
  out.set(bytes.subarray(start), start + slice.length * times);
  return out;
}

export function spliceToken(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  const cut = random.chance(0.5) ? random.int(8) : 0;
  return text.slice(0, at) + random.pick(TOKENS) + text.slice(at + cut);
}

/** One of the generic byte mutations. */
export function mutateBytes(bytes: Uint8Array, random: Random): Uint8Array {
  switch (random.int(4)) {
    case 0:
      return flipBytes(bytes, random);
    case 1:
      return truncate(bytes, random);
    case 2:
      return lie32(bytes, random);
    default:
      return repeatSlice(bytes, random);
  }
}

/** Text mutations: tokens, byte flips, truncation, repeats; several rounds. */
export function mutateText(text: string, random: Random): Uint8Array {
  let current = text;
  const rounds = 1 + random.int(3);
  for (let round = 0; round < rounds; round++) {
    if (random.chance(0.6)) current = spliceToken(current, random);
    else return mutateBytes(new TextEncoder().encode(current), random);
  }
  return new TextEncoder().encode(current);
}

/** Rewrites declared sizes / counts in a zip's headers (local, central, end of directory). */
export function lieInZip(zip: Uint8Array, random: Random): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const fields: number[] = [];
  for (let offset = 0; offset + 4 <= copy.length; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50) fields.push(offset + 18, offset + 22, offset + 26);
    if (signature === 0x02014b50) fields.push(offset + 20, offset + 24, offset + 28, offset + 42);
    if (signature === 0x06054b50) fields.push(offset + 8, offset + 10, offset + 12, offset + 16);
  }
  const count = 1 + random.int(3);
  for (let index = 0; index < count && fields.length > 0; index++) {
    const field = random.pick(fields);
    if (field + 4 <= copy.length) view.setUint32(field, random.pick(INTERESTING_32) >>> 0, true);
  }
  return copy;
}

/** Mutates one entry of a zip (chosen by `prefer` when given) with `mutate`, then re-zips. */
export function mutateZipEntry(zip: Uint8Array, random: Random, mutate: (name: string, bytes: Uint8Array) => Uint8Array, prefer?: (name: string) => boolean): Uint8Array {
  const entries: Record<string, Uint8Array> = unzipSync(zip);
  const names = Object.keys(entries);
  const candidates = prefer ? names.filter(prefer) : names;
  const name = random.pick(candidates.length > 0 ? candidates : names);
  entries[name] = mutate(name, entries[name]!);
  return zipSync(entries, { level: random.chance(0.2) ? 0 : 6 });
}

/** Nests `inner` in `depth` levels of `open`/`close`. */
export function nest(open: string, close: string, inner: string, depth: number): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}
