/** Cheap looks at the start of a file, for format detection. */
import { bomEncoding } from './encoding';

/** The first `length` characters after a BOM and leading whitespace, decoded leniently as the BOM says (else UTF-8). */
export function leadingText(bytes: Uint8Array, length = 512): string {
  const head = new TextDecoder(bomEncoding(bytes) ?? 'utf-8').decode(bytes.subarray(0, Math.min(bytes.length, length * 4)));
  return head.replace(/^\uFEFF/, '').trimStart().slice(0, length);
}

/** True when the file starts with an XML document whose root (after prolog/comments) is `root`. */
export function hasXmlRoot(bytes: Uint8Array, root: RegExp): boolean {
  const text = leadingText(bytes, 2048);
  if (!text.startsWith('<')) return false;
  const body = text.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!DOCTYPE[^>]*>/gi, '').trimStart();
  const match = /^<([A-Za-z_][\w.:-]*)/.exec(body);
  return match !== null && root.test(match[1]!);
}
