/**
 * Text encodings of attribute data: .cpg code pages, UTF-8 vs GBK detection from the bytes, and
 * decoding through the platform TextDecoder (browser, worker and Node with full ICU all decode
 * GBK/GB18030 natively, so no iconv is needed at run time).
 */
import type { LocalizedText } from '../layers/catalog';
import { fail } from './errors';

/** Result of detectEncoding: the label to decode with and why it was chosen. */
export interface EncodingGuess {
  readonly encoding: 'utf-8' | 'gbk';
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

/** Decodes bytes; GBK is decoded as GB18030 (its superset) so rare characters survive. */
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
 * Decides between UTF-8 and GBK from the bytes (up to the first 1 MB): bytes that are valid UTF-8
 * are UTF-8 unless they decode to few Chinese characters while GBK decodes them to mostly Chinese;
 * invalid UTF-8 that decodes as GBK to mostly Chinese is GBK.
 */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
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
      return { encoding: 'utf-8', reason: { zh: '只含ASCII字符，各编码结果相同', en: 'ASCII only: every encoding reads it the same' } };
    }
    if (asUtf8.share < 0.5 && gbk.share >= 0.9) {
      return {
        encoding: 'gbk',
        reason: {
          zh: `虽是合法UTF-8，但按UTF-8只有${percent(asUtf8.share)}为汉字，按GBK有${percent(gbk.share)}为汉字`,
          en: `valid UTF-8, but only ${percent(asUtf8.share)} of it reads as Chinese in UTF-8 against ${percent(gbk.share)} in GBK`,
        },
      };
    }
    return {
      encoding: 'utf-8',
      reason: { zh: `字节是合法的UTF-8（${asUtf8.nonAscii}个非ASCII字符）`, en: `the bytes are valid UTF-8 (${asUtf8.nonAscii} non-ASCII characters)` },
    };
  }
  const plausible = gbk.share >= 0.8;
  return {
    encoding: 'gbk',
    reason: plausible
      ? { zh: `不是合法的UTF-8；按GBK解码${percent(gbk.share)}为汉字`, en: `not valid UTF-8; ${percent(gbk.share)} of the text reads as Chinese in GBK` }
      : {
          zh: `不是合法的UTF-8；按GBK解码仅${percent(gbk.share)}为汉字，编码不确定，请核对预览`,
          en: `not valid UTF-8; only ${percent(gbk.share)} reads as Chinese in GBK: uncertain, check the preview`,
        },
  };
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
