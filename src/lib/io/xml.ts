/**
 * XML parsing for KML and GPX with @xmldom/xmldom: Web Workers have no DOMParser, and one parser
 * everywhere (worker, main thread, Node tests) means one behaviour. Malformed XML becomes an
 * 'invalid-xml' import error with line and column.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';
import { decodeText, normaliseEncoding } from './encoding';
import { fail } from './errors';

/** Decodes XML bytes using the BOM or the encoding in the XML declaration (UTF-8 by default). */
export function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\uFEFF?\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const label = declared ? normaliseEncoding(declared) : undefined;
  return decodeText(bytes, label ?? 'utf-8').replace(/^\uFEFF/, '');
}

/** Parses XML text; throws ImportError 'invalid-xml' naming the file, line and column. */
export function parseXml(text: string, file: string): Document {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = /line:(\d+),col:(\d+)/.exec(message);
    const detail = message.split(/\[xmldom|\n/)[0]!.trim();
    if (where) fail('invalid-xml', file, { line: Number(where[1]), column: Number(where[2]), detail });
    fail('invalid-xml', file, { detail });
  }
}
