import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/lib/geo/area';
import { importFiles, suggestFieldMapping, suggestRole } from '../../src/lib/io';
import { expectRing } from './fixtures/io/assertions';
import { CSV_POINTS, gbkShapefile4524, gcj02Csv, gkXlsx, gpxTrack, kmzWithFolders, PLOTS, TRACK, utf8Shapefile4545Zip } from './fixtures/io/fixtures';

describe('importFiles: shapefiles', () => {
  it('reads a GBK shapefile without .cpg in EPSG:4524 from loose parts', async () => {
    const result = await importFiles(await gbkShapefile4524());
    expect(result.errors).toEqual([]);
    expect(result.layers).toHaveLength(1);
    const layer = result.layers[0]!;
    expect(layer.name).toBe('小班');
    expect(layer.format).toBe('shapefile');
    expect(layer.encoding?.encoding).toBe('gbk');
    expect(layer.encoding?.source).toBe('detected');
    expect(layer.encoding?.reason.en).toMatch(/^no \.cpg file; not valid UTF-8; 100% of the text reads as Chinese in GBK$/);
    expect(layer.crs).toMatchObject({ code: 'EPSG:4524', source: 'prj', confidence: 1 });
    expect(layer.featureCount).toBe(3);
    layer.collection.features.forEach((feature, index) => {
      expect(feature.properties).toEqual(PLOTS[index]!.properties);
      expectRing(feature.geometry, PLOTS[index]!.geometry.coordinates[0]!);
    });
    // The preview shows what UTF-8 would have made of the same bytes.
    const utf8 = layer.encoding?.preview.find((entry) => entry.encoding === 'utf-8');
    expect(utf8?.rows[0]?.XIANG).not.toBe('龚滩镇');
    expect(layer.encoding?.preview.find((entry) => entry.encoding === 'gbk')?.rows[0]?.XIANG).toBe('龚滩镇');
    // Its fields make it a sub-compartment layer.
    expect(suggestRole(layer)).toBe('subcompartments');
    expect(suggestFieldMapping(layer, 'subcompartments')).toMatchObject({ XIANG: 'XIANG', DI_LEI: 'DI_LEI', MIAN_JI: 'MIAN_JI', CUN: undefined });
  });

  it('re-decodes with a user-chosen encoding', async () => {
    const result = await importFiles(await gbkShapefile4524(), { encoding: 'utf-8' });
    const layer = result.layers[0]!;
    expect(layer.encoding).toMatchObject({ encoding: 'utf-8', source: 'option' });
    expect(layer.collection.features[0]!.properties!.XIANG).not.toBe('龚滩镇');
  });

  it('detects EPSG:4524 from the zone-prefixed eastings when the .prj is missing', async () => {
    const result = await importFiles(await gbkShapefile4524({ withPrj: false }));
    const layer = result.layers[0]!;
    expect(layer.crs.source).toBe('detected');
    expect(layer.crs.code).toBe('EPSG:4524');
    expect(layer.crs.candidates.length).toBeGreaterThan(1);
    expectRing(layer.collection.features[0]!.geometry, PLOTS[0]!.geometry.coordinates[0]!);
  });

  it('reads a zipped UTF-8 shapefile with .cpg in EPSG:4545', async () => {
    const result = await importFiles([await utf8Shapefile4545Zip()]);
    expect(result.errors).toEqual([]);
    const layer = result.layers[0]!;
    expect(layer.name).toBe('林班');
    expect(layer.files).toContain('林班.zip/export/林班.dbf');
    expect(layer.encoding).toMatchObject({ encoding: 'utf-8', source: 'cpg' });
    expect(layer.crs).toMatchObject({ code: 'EPSG:4545', source: 'prj' });
    expect(layer.fields.map((field) => `${field.name}:${field.type}`)).toEqual(['XIANG:string', 'XIAO_BAN:string', 'YOU_SHI_SZ:string', 'DI_LEI:string', 'MIAN_JI:number']);
    expect(layer.collection.features.map((feature) => feature.properties!.YOU_SHI_SZ)).toEqual(['马尾松', '金丝楠木', '杉木']);
    layer.collection.features.forEach((feature, index) => expectRing(feature.geometry, PLOTS[index]!.geometry.coordinates[0]!));
  });
});

describe('importFiles: KMZ, GPX, CSV, XLSX', () => {
  it('reads a KMZ keeping folders and styles as attributes', async () => {
    const result = await importFiles([kmzWithFolders()]);
    expect(result.errors).toEqual([]);
    const layer = result.layers[0]!;
    expect(layer.format).toBe('kmz');
    expect(layer.featureCount).toBe(2);
    const plot = layer.collection.features[0]!;
    expect(plot.properties).toMatchObject({ name: '地块一', folder: '龚滩镇/2023年', 树种: '马尾松', stroke: '#ff0000', fill: '#00ff00' });
    expectRing(plot.geometry, PLOTS[0]!.geometry.coordinates[0]!, 1e-6);
    expect(layer.collection.features[1]!.properties).toMatchObject({ name: '瞭望塔', folder: '龚滩镇' });
    expect(layer.crs).toMatchObject({ code: 'EPSG:4326', source: 'format' });
    expect(layer.crs.reason.en).toContain('GCJ-02, which cannot be detected');
  });

  it('reads a GPX track and waypoint', async () => {
    const result = await importFiles([gpxTrack()]);
    const layer = result.layers[0]!;
    const track = layer.collection.features.find((feature) => feature.properties!.gpx_type === 'track')!;
    expect(track.properties!.name).toBe('巡护路线');
    expect(track.geometry).toMatchObject({ type: 'LineString' });
    const line = (track.geometry as { coordinates: number[][] }).coordinates;
    expect(line.map((position) => position.slice(0, 2))).toEqual(TRACK);
    expect(layer.collection.features.find((feature) => feature.properties!.gpx_type === 'waypoint')!.properties!.name).toBe('起点');
  });

  it('reads a GBK CSV of GCJ-02 points when told so, back to WGS84 within 0.01 m', async () => {
    const detected = await importFiles([gcj02Csv()]);
    const guess = detected.layers[0]!;
    expect(guess.encoding).toMatchObject({ encoding: 'gbk', source: 'detected' });
    expect(guess.crs.code).toBe('EPSG:4326');
    expect(guess.crs.candidates.some((candidate) => candidate.code === 'GCJ-02')).toBe(true);
    // Taken as WGS84 the points are off by the GCJ-02 offset (hundreds of metres).
    const offset = distanceMetres((guess.collection.features[0]!.geometry as { coordinates: number[] }).coordinates, CSV_POINTS[0]!.position);
    expect(offset).toBeGreaterThan(50);

    const result = await importFiles([gcj02Csv()], { crs: 'GCJ-02' });
    const layer = result.layers[0]!;
    expect(layer.crs).toMatchObject({ code: 'GCJ-02', source: 'option' });
    layer.collection.features.forEach((feature, index) => {
      expect(feature.properties!.名称).toBe(CSV_POINTS[index]!.name);
      expect(feature.properties!.备注).toBe('高德地图, 拾取');
      expect(distanceMetres((feature.geometry as { coordinates: number[] }).coordinates, CSV_POINTS[index]!.position)).toBeLessThan(0.01);
    });
  });

  it('reads an XLSX of X/Y survey points (X = northing) and detects EPSG:4545 with swapped axes', async () => {
    const result = await importFiles([await gkXlsx()]);
    expect(result.errors).toEqual([]);
    const layer = result.layers[0]!;
    expect(layer.format).toBe('xlsx');
    expect(layer.crs).toMatchObject({ code: 'EPSG:4545', source: 'detected', swapped: true });
    expect(layer.featureCount).toBe(4);
    const corners = PLOTS[2]!.geometry.coordinates[0]!;
    layer.collection.features.forEach((feature, index) => {
      expect(feature.properties!.点号).toBe(`J${index + 1}`);
      expect(feature.properties!.地块).toBe('钟多街道造林地');
      expect(distanceMetres((feature.geometry as { coordinates: number[] }).coordinates, corners[index]!)).toBeLessThan(0.01);
    });
  });
});
