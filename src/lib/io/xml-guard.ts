/**
 * Checks XML text (KML, GPX) before the DOM parser and togeojson see it: no DTD entity
 * declarations (entity expansion turns a few KB into gigabytes, and KML/GPX never need them) and
 * no element nesting deeper than MAX_XML_DEPTH (togeojson walks folders recursively: 5,000 nested
 * folders overflow the stack, 50,000 take seconds in the parser).
 */
import { fail } from './errors';

/** Deepest element nesting accepted (real KML folder trees are a dozen levels). */
export const MAX_XML_DEPTH = 100;

/** @throws ImportError 'invalid-xml' naming the problem. */
export function checkXmlText(text: string, file: string): void {
  if (/<!ENTITY/i.test(text)) {
    fail('invalid-xml', file, { detail: 'entity declarations (<!ENTITY>) are not accepted', detailZh: '不接受实体声明（<!ENTITY>）' });
  }
  let depth = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    const next = text[at + 1];
    let end: number;
    // An unterminated comment or CDATA ends the scan (end < 0): adding the terminator's length to
    // indexOf's -1 would send the scan back to the start of the text, for ever.
    if (text.startsWith('<!--', at)) end = endAfter(text.indexOf('-->', at + 4), 2);
    else if (text.startsWith('<![CDATA[', at)) end = endAfter(text.indexOf(']]>', at + 9), 2);
    else if (next === '?' || next === '!') end = text.indexOf('>', at + 2);
    else {
      end = text.indexOf('>', at + 1);
      if (next === '/') depth--;
      else if (end > 0 && text[end - 1] !== '/') {
        depth++;
        if (depth > MAX_XML_DEPTH) fail('invalid-xml', file, { detail: `elements nested deeper than ${MAX_XML_DEPTH} levels`, detailZh: `元素嵌套超过${MAX_XML_DEPTH}层` });
      }
    }
    if (end < 0) return; // unterminated: the parser reports where
    at = text.indexOf('<', end + 1);
  }
}

/** The index of a terminator's last character, or -1 when it was not found. */
function endAfter(found: number, extra: number): number {
  return found < 0 ? -1 : found + extra;
}
