/**
 * Text encodings of attribute data: .cpg code pages, a byte-order mark, UTF-8 vs GBK detection
 * from the bytes, and decoding through the platform TextDecoder (browser, worker and Node with
 * full ICU all decode GBK/GB18030 and UTF-16 natively, so no iconv is needed at run time).
 */
import { fail } from './errors';
import { localized, type LocalizedText } from '../i18n';

/** Result of detectEncoding: the label to decode with and why it was chosen. */
export interface EncodingGuess {
  readonly encoding: 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';
  readonly reason: LocalizedText;
}

const CODE_PAGES: Record<string, string> = {
  '65001': 'utf-8',
  '936': 'gbk',
  '54936': 'gb18030',
  '950': 'big5',
  '1252': 'windows-1252',
  '437': 'ibm866',
  '20936': 'gbk',
};

/**
 * Maps .cpg contents or a user's choice ('UTF-8', '936', 'CP936', 'ANSI 936', 'GB2312', …) to a
 * TextDecoder label; undefined when the platform cannot decode it.
 *
 * @example
 * normaliseEncoding('ANSI 936') // = 'gbk'
 */
export function normaliseEncoding(text: string): string | undefined {
  const cleaned = text.replace(/^\uFEFF/, '').trim().toLowerCase();
  if (cleaned === '') return undefined;
  const codePage = /^(?:ansi\s*|cp\s*|windows-?|code\s*page\s*)?(\d{3,5})$/.exec(cleaned)?.[1];
  const label = codePage ? (CODE_PAGES[codePage] ?? `windows-${codePage}`) : cleaned.replace(/^utf8$/, 'utf-8');
  const canonical = label === 'gb2312' || label === 'gb_2312-80' || label === 'gbk' || label === 'x-gbk' ? 'gbk' : label;
  try {
    new TextDecoder(canonical);
    return canonical;
  } catch {
    return undefined;
  }
}

/** Like normaliseEncoding but throws the 'unknown-encoding' import error for the file. */
export function requireEncoding(text: string, file: string): string {
  const label = normaliseEncoding(text);
  if (!label) fail('unknown-encoding', file, { encoding: text.trim() });
  return label;
}

/** Decodes bytes (a BOM is dropped); GBK is decoded as GB18030 (its superset) so rare characters survive. */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  const label = encoding === 'gbk' ? 'gb18030' : encoding;
  return new TextDecoder(label).decode(bytes);
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // unified ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // extension A
    (code >= 0x3000 && code <= 0x303f) || // CJK punctuation
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    (code >= 0x2460 && code <= 0x24ff) // enclosed numbers
  );
}

/**
 * The encoding a byte-order mark at the start names, if any. Excel writes one for "CSV UTF-8" and
 * for "Unicode text" (UTF-16LE, tab-separated); no GBK text can start with these bytes.
 */
export function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Characters that real UTF-8 attribute text holds: CJK, Latin-1 letters and signs (é, °, ±, ²),
 * Latin Extended-A, Greek, and punctuation/symbol blocks (′ ″ – € № ℃ → ≤ ①). GBK bytes that
 * happen to be valid UTF-8 mostly decode to other things: C1 controls, Cyrillic, Hebrew, Arabic, …
 */
function plausibleInUtf8(code: number): boolean {
  return isCjk(code) || (code >= 0xa0 && code <= 0x17f) || (code >= 0x370 && code <= 0x3ff) || (code >= 0x2000 && code <= 0x27bf);
}

/** Share of the non-ASCII characters of UTF-8-decoded text that are plausible (1 when there are none). */
function plausibleShare(text: string): number {
  let nonAscii = 0;
  let plausible = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code < 0x80) continue;
    nonAscii++;
    if (plausibleInUtf8(code)) plausible++;
  }
  return nonAscii === 0 ? 1 : plausible / nonAscii;
}

/** Share of non-ASCII characters of the text that are CJK (1 when there are none). */
function cjkShare(text: string): { nonAscii: number; share: number } {
  let nonAscii = 0;
  let cjk = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    nonAscii++;
    if (isCjk(code)) cjk++;
  }
  return { nonAscii, share: nonAscii === 0 ? 1 : cjk / nonAscii };
}

/** Up to `limit` bytes, cut after an ASCII byte so no multi-byte character is split. */
function sample(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  while (end > 0 && bytes[end - 1]! >= 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * Decides the encoding from the bytes (up to the first 1 MB): a byte-order mark decides; bytes
 * that are valid UTF-8 are UTF-8 unless they decode mostly to characters no attribute table holds
 * (C1 controls, Cyrillic, Arabic, …) while GBK decodes them to mostly Chinese; invalid UTF-8 is GBK.
 */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  const bom = bomEncoding(bytes);
  if (bom) {
    const name = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' }[bom];
    return { encoding: bom, reason: localized('import.encodingReason.bom', { name }) };
  }
  const head = sample(bytes, 1 << 20);
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(head);
  } catch {
    utf8 = undefined;
  }
  const gbkText = new TextDecoder('gb18030').decode(head);
  const gbk = cjkShare(gbkText);
  if (utf8 !== undefined) {
    const asUtf8 = cjkShare(utf8);
    if (asUtf8.nonAscii === 0) {
      return { encoding: 'utf-8', reason: localized('import.encodingReason.ascii') };
    }
    const plausible = plausibleShare(utf8);
    if (plausible < 0.5 && gbk.share >= 0.9) {
      return { encoding: 'gbk', reason: localized('import.encodingReason.gbkDespiteUtf8', { plausible: percent(plausible), chinese: percent(gbk.share) }) };
    }
    return { encoding: 'utf-8', reason: localized('import.encodingReason.utf8', { count: asUtf8.nonAscii }) };
  }
  const plausible = gbk.share >= 0.8;
  return {
    encoding: 'gbk',
    reason: localized(plausible ? 'import.encodingReason.gbk' : 'import.encodingReason.gbkUncertain', { chinese: percent(gbk.share) }),
  };
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
