import iconv from 'iconv-lite';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectEncoding, importFiles, normaliseEncoding } from '../../src/lib/io';
import { hasXmlRoot } from '../../src/lib/io/text-sniff';
import { readDbf } from '../../src/lib/io/dbf-read';
import { gbkShapefile4524 } from './fixtures/io/fixtures';

/** A hand-made dBase III file with C, N, D and L fields (one full record, one blank). */
function handMadeDbf(): Uint8Array {
  const fields: Array<[string, string, number]> = [['NAME', 'C', 8], ['AREA', 'N', 8], ['DATE', 'D', 8], ['OK', 'L', 1]];
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, [, , length]) => sum + length, 0);
  const bytes = new Uint8Array(headerLength + 2 * recordLength + 1).fill(0x20, headerLength);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 3);
  view.setUint32(4, 2, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach(([name, type, length], index) => {
    bytes.set(strToU8(name), 32 + 32 * index);
    bytes[32 + 32 * index + 11] = type.charCodeAt(0);
    bytes[32 + 32 * index + 16] = length;
  });
  bytes[headerLength - 1] = 0x0d;
  const record = new Uint8Array(iconv.encode(' 马尾松      12.520230415T', 'gbk'));
  bytes.set(record.subarray(0, recordLength), headerLength);
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

describe('encodings', () => {
  it('normalises .cpg code pages and names', () => {
    expect(['ANSI 936', 'CP936', '936', 'GB2312', 'gbk', 'UTF8', '65001', 'utf-8', 'GB18030', ' 950 ', 'nonsense'].map(normaliseEncoding)).toEqual([
      'gbk', 'gbk', 'gbk', 'gbk', 'gbk', 'utf-8', 'utf-8', 'utf-8', 'gb18030', 'big5', undefined,
    ]);
  });

  it('tells UTF-8 from GBK by the bytes and says why', () => {
    expect(detectEncoding(strToU8('XIANG,DI_LEI')).reason.en).toBe('ASCII only: every encoding reads it the same');
    expect(detectEncoding(strToU8('龚滩镇 马尾松'))).toMatchObject({ encoding: 'utf-8', reason: { en: 'the bytes are valid UTF-8 (6 non-ASCII characters)' } });
    expect(detectEncoding(new Uint8Array(iconv.encode('龚滩镇 马尾松 乔木林地', 'gbk')))).toMatchObject({ encoding: 'gbk' });
  });

  it('honours a .cpg naming code page 936', async () => {
    const files = [...(await gbkShapefile4524()), { name: '小班.cpg', bytes: strToU8('936') }];
    const layer = (await importFiles(files)).layers[0]!;
    expect(layer.encoding).toMatchObject({ encoding: 'gbk', source: 'cpg', reason: { en: 'the .cpg file says "936"' } });
    expect(layer.collection.features[1]!.properties!.YOU_SHI_SZ).toBe('金丝楠木');
  });

  it('reads .dbf text, numbers, dates and logicals, blanks as null', () => {
    expect(readDbf(handMadeDbf(), 'gbk')).toEqual([
      { NAME: '马尾松', AREA: 12.5, DATE: '2023-04-15', OK: true },
      { NAME: '', AREA: null, DATE: null, OK: null },
    ]);
  });

  it('a byte-order mark decides: UTF-8, UTF-16LE and UTF-16BE', () => {
    const bom = (prefix: number[], body: Uint8Array) => new Uint8Array([...prefix, ...body]);
    // 'Café' alone is valid UTF-8 that also reads as two Chinese characters in GBK; the BOM settles it.
    expect(detectEncoding(bom([0xef, 0xbb, 0xbf], strToU8('Café')))).toMatchObject({ encoding: 'utf-8', reason: { en: 'the file starts with a UTF-8 byte-order mark' } });
    expect(detectEncoding(bom([0xff, 0xfe], new Uint8Array(iconv.encode('名称\t经度', 'utf-16le'))))).toMatchObject({ encoding: 'utf-16le' });
    expect(detectEncoding(bom([0xfe, 0xff], new Uint8Array(iconv.encode('名称\t经度', 'utf-16be'))))).toMatchObject({ encoding: 'utf-16be' });
  });

  it('valid UTF-8 with a few accented letters or symbols stays UTF-8', () => {
    for (const text of ['Café', '坡度 25°', 'NAME,NOTE\r\nA,Café\r\nB,30°\r\nC,±5 m²', 'Müller']) {
      expect(detectEncoding(strToU8(text)), text).toMatchObject({ encoding: 'utf-8' });
    }
    // Real GBK still reads as GBK.
    expect(detectEncoding(new Uint8Array(iconv.encode('名称,备注\r\n龚滩镇,马尾松林\r\n钟多街道,杉木', 'gbk')))).toMatchObject({ encoding: 'gbk' });
  });

  it('reads a UTF-16 tab-separated table as Excel saves "Unicode text"', async () => {
    const text = '名称\t经度\t纬度\t备注\r\n龚滩镇林场\t108.3512\t28.9134\tCafé 25°\r\n钟多瞭望塔\t108.7703\t28.8412\t\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]);
    const result = await importFiles([{ name: '点位.txt', bytes }]);
    expect(result.errors).toEqual([]);
    const layer = result.layers[0]!;
    expect(layer.encoding).toMatchObject({ encoding: 'utf-16le', source: 'detected' });
    expect(layer.collection.features.map((feature) => feature.properties!['名称'])).toEqual(['龚滩镇林场', '钟多瞭望塔']);
    expect(layer.collection.features[0]!.properties!['备注']).toBe('Café 25°');
    expect(layer.collection.features[1]!.geometry).toEqual({ type: 'Point', coordinates: [108.7703, 28.8412] });
  });

  it('reads a UTF-16 KML with a byte-order mark', async () => {
    const kml = '<?xml version="1.0" encoding="UTF-16"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>瞭望塔</name><Point><coordinates>108.77,28.84</coordinates></Point></Placemark></Document></kml>';
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(kml, 'utf-16le')]);
    expect(hasXmlRoot(bytes, /^kml$/)).toBe(true);
    const result = await importFiles([{ name: 'tower.kml', bytes }]);
    expect(result.errors).toEqual([]);
    expect(result.layers[0]!.collection.features[0]!.properties!.name).toBe('瞭望塔');
  });
});
