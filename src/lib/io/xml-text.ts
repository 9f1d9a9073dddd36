/**
 * Text safe to put in an XML 1.0 document. Kept apart from xml.ts so writers don't pull the
 * xmldom parser into the page bundle.
 */
/** Characters XML 1.0 forbids anywhere in a document: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Surrogate}/gu;

/**
 * Text with the characters XML 1.0 forbids removed, so a written KML/XLSX opens again (one stray
 * control character from a pasted attribute makes every XML parser refuse the whole file).
 *
 * @example
 * xmlSafe('马尾松\u0000') // = '马尾松'
 */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}
