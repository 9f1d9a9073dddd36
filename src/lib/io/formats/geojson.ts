/**
 * GeoJSON (RFC 7946, plus the legacy "crs" member QGIS/ArcGIS still write) and newline-delimited
 * GeoJSON (one Feature per line). Text is UTF-8 by the RFC; a GBK file is read with a warning.
 */
import type { Feature, FeatureCollection, GeoJSON, Geometry } from 'geojson';
import { fail } from '../errors';
import { indexFeatureCollection } from '../geojson-stream';
import { locateJsonError } from '../json-error';
import { leadingText } from '../text-sniff';
import { stemOf } from '../file-names';
import type { ImportWarning } from '../types';
import type { DeclaredCrs, FileGroup, FormatModule, RawLayer, ReadContext } from './format';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Decodes JSON text: UTF-8 (BOM stripped); invalid UTF-8 is decoded as GB18030 with a warning. */
function decodeJsonText(bytes: Uint8Array, file: string, warnings: ImportWarning[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    warnings.push({ file, message: { zh: '文件不是UTF-8编码，已按GBK读取', en: 'the file is not UTF-8; read as GBK' } });
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function parseJson(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const position = locateJsonError(text);
    if (!position) fail('invalid-json', file);
    fail('invalid-json', file, { line: position.line + lineOffset, column: position.column });
  }
}

/** Normalises any GeoJSON object to a FeatureCollection; throws 'not-geojson' for other JSON. */
export function toFeatureCollection(value: unknown, file: string): FeatureCollection {
  const object = value as Partial<GeoJSON> | null;
  if (object && typeof object === 'object' && !Array.isArray(object)) {
    if (object.type === 'FeatureCollection' && Array.isArray((object as FeatureCollection).features)) return object as FeatureCollection;
    if (object.type === 'Feature') return { type: 'FeatureCollection', features: [object as Feature] };
    if (typeof object.type === 'string' && GEOMETRY_TYPES.has(object.type)) {
      return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: object as Geometry }] };
    }
  }
  fail('not-geojson', file);
}

function declaredCrsOf(value: unknown): DeclaredCrs | undefined {
  const name = (value as { crs?: { properties?: { name?: unknown } } }).crs?.properties?.name;
  if (typeof name !== 'string') return undefined;
  return {
    kind: 'code',
    code: name,
    source: 'declared',
    reason: { zh: `GeoJSON的crs成员声明为${name}`, en: `the GeoJSON "crs" member says ${name}` },
  };
}

/**
 * A FeatureCollection in UTF-8, read feature by feature (see geojson-stream.ts); null for anything
 * else (line-delimited, GBK, a bare Feature, broken JSON), which is read as one text.
 */
function streamGeoJson(group: FileGroup): RawLayer | null {
  const { bytes } = group.main;
  // One object per line: the next line starts with '{' too (then the first line is decoded to check).
  const firstBreak = bytes.indexOf(0x0a);
  let next = firstBreak + 1;
  while (firstBreak >= 0 && (bytes[next] === 0x20 || bytes[next] === 0x09 || bytes[next] === 0x0d || bytes[next] === 0x0a)) next++;
  if (firstBreak >= 0 && bytes[next] === 0x7b && looksLineDelimited(new TextDecoder().decode(bytes.subarray(0, next + 1)))) return null;
  const index = indexFeatureCollection(bytes);
  if (!index || index.members.type !== 'FeatureCollection' || !index.isUtf8()) return null;
  const declaredCrs = declaredCrsOf(index.members);
  return {
    name: stemOf(group.name),
    format: 'geojson',
    files: [group.name],
    collection: { type: 'FeatureCollection', features: [] },
    lazy: {
      count: index.count,
      take: (start, end) => {
        try {
          return index.take(start, end);
        } catch {
          // The scan only checks nesting: a feature that is not valid JSON is reported, with its
          // line and column, by parsing the whole text.
          parseJson(decodeJsonText(bytes, group.name, []), group.name);
          fail('invalid-json', group.name);
        }
      },
    },
    warnings: [],
    ...(declaredCrs ? { declaredCrs } : {}),
  };
}

/** Reads a GeoJSON file. */
async function readGeoJson(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const streamed = streamGeoJson(group);
  context.progress(0.3);
  if (streamed) return [streamed];
  const warnings: ImportWarning[] = [];
  const text = decodeJsonText(group.main.bytes, group.name, warnings);
  context.progress(0.3);
  context.checkCancelled();
  if (looksLineDelimited(text)) return readLines(text, group, context, warnings);
  const value = parseJson(text, group.name);
  context.progress(0.9);
  const collection = toFeatureCollection(value, group.name);
  const declaredCrs = declaredCrsOf(value);
  return [{ name: stemOf(group.name), format: 'geojson', files: [group.name], collection, warnings, ...(declaredCrs ? { declaredCrs } : {}) }];
}

/** Two or more lines that each start with '{' and the first of which is a whole JSON object. */
function looksLineDelimited(text: string): boolean {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return false;
  const first = text.slice(0, firstBreak).trim();
  const rest = text.slice(firstBreak + 1).trimStart();
  if (!first.startsWith('{') || !rest.startsWith('{')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/** Newline-delimited GeoJSON: one Feature (or geometry) per line; errors report the line. */
async function readLines(text: string, group: FileGroup, context: ReadContext, warnings: ImportWarning[]): Promise<RawLayer[]> {
  const features: Feature[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    lineNumber++;
    if (line !== '' && !line.startsWith('\u001e') /* RFC 8142 record separator */) {
      features.push(...toFeatureCollection(parseJson(line, group.name, lineNumber - 1), group.name).features);
    }
    start = end + 1;
    if (lineNumber % 10000 === 0) {
      context.checkCancelled();
      context.progress(0.3 + (0.6 * start) / text.length);
    }
  }
  return [{ name: stemOf(group.name), format: 'ndjson', files: [group.name], collection: { type: 'FeatureCollection', features }, warnings }];
}

/** GeoJSON: .geojson / .json. */
export const geojsonFormat: FormatModule = {
  id: 'geojson',
  name: { zh: 'GeoJSON', en: 'GeoJSON' },
  extensions: ['geojson', 'json'],
  mimeTypes: ['application/geo+json', 'application/json'],
  detect: (bytes) => /^\{[\s\S]*"type"\s*:/.test(leadingText(bytes, 4096)) || /^\{\s*"(?:type|features|crs|name|bbox)"/.test(leadingText(bytes)),
  read: readGeoJson,
};

/** Newline-delimited GeoJSON: .geojsonl / .geojsons / .ndjson / .jsonl. */
export const ndjsonFormat: FormatModule = {
  id: 'ndjson',
  name: { zh: '逐行GeoJSON', en: 'Newline-delimited GeoJSON' },
  extensions: ['geojsonl', 'geojsons', 'geojsonseq', 'ndjson', 'jsonl'],
  mimeTypes: ['application/geo+json-seq', 'application/x-ndjson'],
  detect: () => false,
  read: readGeoJson,
};
