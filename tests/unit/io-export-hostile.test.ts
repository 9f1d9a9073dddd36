/**
 * Exports fed hostile attribute text: characters XML 1.0 forbids, spreadsheet formulas, and very
 * long values that quadratic string handling would choke on (each must finish; no timings here:
 * before the fix a 20,000-character note took 7 s in the DBF writer, 200,000 would take ~12 min).
 */
import { DOMParser } from '@xmldom/xmldom';
import { strToU8, unzipSync } from 'fflate';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseDms } from '../../src/lib/geo/dms';
import { importFiles } from '../../src/lib/io';
import { parseCoordinate } from '../../src/lib/io/coordinate-columns';
import { parseCsv } from '../../src/lib/io/csv-parse';
import { encodeDbf } from '../../src/lib/io/dbf-write';
import { readDbf } from '../../src/lib/io/dbf-read';
import { parseWkt } from '../../src/lib/io/wkt-read';
import { csvCell, writeCsv } from '../../src/lib/io/write-csv';
import { writeKml } from '../../src/lib/io/write-kml';
import { writeXlsx } from '../../src/lib/io/write-xlsx';
import { xmlSafe } from '../../src/lib/io/xml-text';

/** Every kind of character XML 1.0 forbids, ending with lone surrogates (low before high, so they never pair). */
const FORBIDDEN = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001B', '\u001F', '\uFFFE', '\uFFFF', '\uDFFF', '\uD800'];

const point = (properties: Record<string, unknown>): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [108.77, 28.84] } }],
});

describe('XML exports drop characters XML 1.0 forbids', () => {
  it('xmlSafe keeps tab, line breaks, CJK and astral characters (paired surrogates) and drops the rest', () => {
    expect(xmlSafe(`a${FORBIDDEN.join('')}b\t\n\r龚滩𠀀`)).toBe('ab\t\n\r龚滩𠀀');
  });

  it('a KML whose names, keys and values held control characters re-opens in xmldom and in the KML reader', async () => {
    const hostile = `马尾松${FORBIDDEN.join('')}\u001b[31m红`;
    const kml = writeKml(point({ 名称: hostile, [`备${'\u0007'}注`]: hostile }), { name: `导出\u0000` });
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(kml, 'text/xml');
    expect(errors).toEqual([]);
    const result = await importFiles([{ name: 'hostile.kml', bytes: strToU8(kml) }]);
    expect(result.errors).toEqual([]);
    const properties = result.layers[0]!.collection.features[0]!.properties!;
    expect(properties.name).toBe('马尾松[31m红');
    expect(properties['备注']).toBe('马尾松[31m红');
  });

  it('an XLSX with control characters in cells and headers opens again', async () => {
    const bytes = await writeXlsx([{ name: '表', columns: [{ key: 'note', header: `备注\u0001` }, { key: 'lon' }, { key: 'lat' }], rows: [{ note: `a${FORBIDDEN.join('')}b`, lon: 108.77, lat: 28.84 }] }]);
    const sheetXml = new TextDecoder().decode(unzipSync(bytes)['xl/sharedStrings.xml'] ?? unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(sheetXml, 'text/xml');
    expect(errors).toEqual([]);
    const layer = (await importFiles([{ name: 'hostile.xlsx', bytes }])).layers[0]!;
    expect(layer.collection.features[0]!.properties).toMatchObject({ 备注: 'ab' });
  });
});

describe('CSV formula guard', () => {
  it('neutralises formulas but leaves text that reads as a plain number alone', () => {
    expect(['=1+1', '+cmd', '-1+2', '@SUM(A1)', '\tx', '\rx', '-', "'=x"].map(csvCell)).toEqual([
      "'=1+1", "'+cmd", "'-1+2", "'@SUM(A1)", `"'\tx"`, `"'\rx"`, "'-", "''=x",
    ]);
    expect(['-0.5', '-001', '+86', '-1', '+1.5e3', '-.5'].map(csvCell)).toEqual(['-0.5', '-001', '+86', '-1', '+1.5e3', '-.5']);
  });

  it('the CSV reader removes the guard again, so every value comes back identical', () => {
    const values = ['=HYPERLINK("http://x","y")', '+86 138 0000', '-1+2', '@SUM(A1)', '\tx', '\rx', "'=x", "''+y", "'plain", "'-5", '-0.5', '-001', '+86', '普通'];
    const csv = writeCsv({ columns: [{ key: 'v', header: '=head' }], rows: values.map((v) => ({ v })) });
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['=head']);
    expect(rows.map((row) => row[0])).toEqual(values);
  });

  it('importing the app’s own CSV gives back the formula-like attributes', async () => {
    const csv = writeCsv({ columns: [{ key: '备注' }, { key: 'lon' }, { key: 'lat' }], rows: [{ 备注: '=1+1', lon: 108.77, lat: 28.84 }, { 备注: '@home', lon: 108.78, lat: 28.85 }] });
    const layer = (await importFiles([{ name: 'own.csv', bytes: strToU8(csv) }])).layers[0]!;
    expect(layer.collection.features.map((feature) => feature.properties!['备注'])).toEqual(['=1+1', '@home']);
  });
});

describe('very long values are handled in linear time (a quadratic version would not finish)', () => {
  const LONG = 200_000;

  it('DBF writer: a 200,000-character note is cut to 254 bytes on a character boundary', () => {
    const note = '林'.repeat(LONG);
    const { bytes, fields } = encodeDbf([{ note }, { note: 'a'.repeat(LONG) }]);
    expect(fields[0]).toMatchObject({ type: 'C', length: 254 });
    const records = readDbf(bytes, 'utf-8');
    expect(records[0]!.note).toBe('林'.repeat(84)); // 84 × 3 bytes = 252 ≤ 254
    expect(records[1]!.note).toBe('a'.repeat(254));
  });

  it('WKT reader: long runs of spaces, digits and brackets are refused or read, not stuck on', () => {
    expect(parseWkt(`${' '.repeat(LONG)}x`)).toBeNull();
    expect(parseWkt(`POINT${' '.repeat(LONG)}x`)).toBeNull();
    expect(parseWkt(`SRID=4326;${' '.repeat(LONG)}POINT${' '.repeat(LONG)}(1 2)`)).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(parseWkt(`POLYGON ${'('.repeat(LONG)}1 2${')'.repeat(LONG)}`)).toBeNull();
    expect(parseWkt(`MULTIPOLYGON (((1 2, 3 4, 5 6, 1 2)))`)).toEqual({ type: 'MultiPolygon', coordinates: [[[[1, 2], [3, 4], [5, 6], [1, 2]]]] });
    expect(parseWkt(' srid=4490; point z (1 2 3) ')).toEqual({ type: 'Point', coordinates: [1, 2, 3] });
    const line = parseWkt(`LINESTRING (${'1 2,'.repeat(LONG / 4)}3 4)`);
    expect(line?.type === 'LineString' && line.coordinates.length).toBe(LONG / 4 + 1);
  });

  it('DMS and decimal coordinate cells: long digit runs give NaN at once', () => {
    expect(parseCoordinate(`1°${'1'.repeat(LONG)}x`)).toBeNaN();
    expect(parseCoordinate(`${'1'.repeat(LONG)}x`)).toBeNaN();
    expect(parseCoordinate(`1°1'${'1'.repeat(LONG)}x`)).toBeNaN();
    expect(parseDms(`${'9'.repeat(LONG)}°`)).toBeNaN();
    // Ordinary cells still read.
    expect(parseCoordinate('108°46′12″E')).toBeCloseTo(108.77, 10);
    expect(parseCoordinate("28°50'24\"N")).toBeCloseTo(28.84, 10);
    expect(parseCoordinate('S 0°30′')).toBeCloseTo(-0.5, 10);
    expect(parseCoordinate('108:46:12')).toBeCloseTo(108.77, 10);
    expect(parseCoordinate('东经108度46分12秒')).toBeCloseTo(108.77, 10);
    expect(parseCoordinate('108.77')).toBe(108.77);
    expect(parseCoordinate('-1.5e2')).toBe(-150);
    expect(parseCoordinate('108°61′')).toBeNaN();
  });
});
