/**
 * XML parsing for KML and GPX with @xmldom/xmldom: Web Workers have no DOMParser, and one parser
 * everywhere (worker, main thread, Node tests) means one behaviour. Malformed XML becomes an
 * 'invalid-xml' import error with line and column.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';
import { bomEncoding, decodeText, normaliseEncoding } from './encoding';
import { fail } from './errors';

/** Decodes XML bytes using the BOM or the encoding in the XML declaration (UTF-8 by default). */
export function decodeXml(bytes: Uint8Array): string {
  const bom = bomEncoding(bytes);
  if (bom) return decodeText(bytes, bom).replace(/^\uFEFF/, '');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\uFEFF?\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const label = declared ? normaliseEncoding(declared) : undefined;
  return decodeText(bytes, label ?? 'utf-8').replace(/^\uFEFF/, '');
}

/** Parses XML text; throws ImportError 'invalid-xml' naming the file, line and column. */
export function parseXml(text: string, file: string): Document {
  // Recoverable errors are collected and reported as failures too: a KML with broken markup is
  // better refused than half read. Fatal errors throw a ParseError carrying the position.
  type Found = { message: string; locator?: { lineNumber?: number; columnNumber?: number } };
  let found: Found | undefined;
  let document: Document | undefined;
  try {
    document = new DOMParser({
      onError: (level, message, context) => {
        if (level !== 'warning') found ??= { message, locator: (context as { locator?: Found['locator'] } | undefined)?.locator };
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    found ??= { message: error instanceof Error ? error.message : String(error) };
  }
  if (found || !document) {
    const detail = (found?.message ?? 'unreadable').split(/\[xmldom|\n/)[0]!.trim();
    const line = found?.locator?.lineNumber;
    const column = found?.locator?.columnNumber;
    if (line !== undefined && column !== undefined) fail('invalid-xml', file, { line, column, detail });
    fail('invalid-xml', file, { detail });
  }
  return document;
}
