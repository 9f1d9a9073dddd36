import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io';
import { brokenFiles, gbkShapefile4524, gpxTrack } from './fixtures/io/fixtures';

const SUPPORTED = 'GeoJSON, FlatGeobuf, Shapefile (.zip, or .shp with .dbf), KML/KMZ, GPX, CSV, XLSX';

describe('importFiles: broken files give typed errors naming the file', () => {
  it('reports each broken file with its exact message and still imports the good one', async () => {
    const broken = await brokenFiles();
    const result = await importFiles([broken.truncatedZip, broken.shpWithoutDbf, broken.invalidJson, broken.empty, broken.wrongExtension, gpxTrack()]);
    expect(result.layers.map((layer) => layer.name)).toEqual(['巡护']);
    const byFile = Object.fromEntries(result.errors.map((error) => [error.file, error]));
    expect(result.errors).toHaveLength(5);
    expect(byFile['下载中断.zip']).toMatchObject({
      code: 'truncated-zip',
      message: { en: '下载中断.zip: the zip archive is damaged or incomplete (interrupted download?)', zh: '下载中断.zip：压缩包已损坏或不完整（可能下载中断）' },
    });
    expect(byFile['小班.shp']).toMatchObject({
      code: 'shapefile-missing-dbf',
      message: {
        en: '小班.shp: the .dbf attribute file is missing: select the .shp together with its .dbf (and .shx, .prj, .cpg)',
        zh: '小班.shp：缺少.dbf属性文件：请将.shp与同名的.dbf（以及.shx、.prj、.cpg）一起选择',
      },
    });
    expect(byFile['坏的.geojson']).toMatchObject({
      code: 'invalid-json',
      line: 3,
      column: 16,
      message: { en: '坏的.geojson: invalid JSON at line 3, column 16', zh: '坏的.geojson：不是有效的JSON：第3行第16列有误' },
    });
    expect(byFile['空.kml']).toMatchObject({ code: 'empty-file', message: { en: '空.kml: the file is empty (0 bytes)', zh: '空.kml：文件为空（0字节）' } });
    expect(byFile['说明.docx']).toMatchObject({
      code: 'unsupported-format',
      message: { en: `说明.docx: unrecognised file format (.docx); supported: ${SUPPORTED}` },
    });
  });

  it('names the other common problems', async () => {
    const dbfOnly = (await gbkShapefile4524()).filter((file) => file.name.endsWith('.dbf'));
    const cases: Array<[{ name: string; bytes: Uint8Array }, string]> = [
      [dbfOnly[0]!, '小班.dbf: the .shp geometry file is missing: select it together with the .dbf'],
      [{ name: 'a.kml', bytes: strToU8('<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>x</name></Placemark></Document></kml>') }, 'a.kml: the KML contains no features with geometry'],
      [{ name: 'b.kml', bytes: strToU8('<kml><Document>\n<Placemark></Document></kml>') }, 'b.kml: invalid XML at line 2, column 1: Opening and ending tag mismatch: "Placemark" != "Document"'],
      [{ name: 'c.csv', bytes: strToU8('名称,面积\n甲,1\n') }, 'c.csv: no coordinate columns found (looked for lon/lat, 经度/纬度, X/Y, 东坐标/北坐标, WKT); columns: 名称, 面积'],
      [{ name: 'd.json', bytes: strToU8('{"a": [1, 2]}') }, 'd.json: JSON but not GeoJSON (no "type": "FeatureCollection", "Feature" or a geometry type)'],
      [{ name: 'e.geojson', bytes: strToU8('{"type": "FeatureCollection", "features": [') }, 'e.geojson: invalid JSON (unexpected end of file)'],
      [{ name: 'f.geojson', bytes: strToU8('{"type": "FeatureCollection", "features": []}') }, 'f.geojson: the GeoJSON contains no features with geometry'],
      [{ name: 'g.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) }, 'g.xls: old Excel format (.xls) is not supported: save it as .xlsx in Excel'],
      [{ name: 'h.csv', bytes: strToU8('x,y\n-500,99999\n-400,99999.5\n') }, 'h.csv: cannot tell the coordinate system from the coordinate ranges (X -500–-400, Y 99999–99999.5): choose one'],
    ];
    for (const [file, message] of cases) {
      const result = await importFiles([file]);
      expect(result.layers, file.name).toEqual([]);
      expect(result.errors.map((error) => error.message.en), file.name).toEqual([message]);
    }
  });

  it('rejects an unknown CRS or encoding choice with a clear error', async () => {
    const files = await gbkShapefile4524();
    expect((await importFiles(files, { crs: 'EPSG:9999' })).errors[0]!.message.en).toBe('小班.shp: unknown coordinate system "EPSG:9999"');
    expect((await importFiles(files, { encoding: 'klingon' })).errors[0]!.message.en).toBe('小班.shp: unsupported text encoding "klingon"');
  });

  it('stops at an aborted signal with a cancelled error', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await importFiles([gpxTrack()], { signal: controller.signal });
    expect(result.errors.map((error) => error.code)).toEqual(['cancelled']);
  });
});
