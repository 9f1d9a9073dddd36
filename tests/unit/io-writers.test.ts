import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/lib/geo/area';
import { importFiles } from '../../src/lib/io';
import { featuresToTable } from '../../src/lib/io/table-write';
import { csvCell, writeCsv } from '../../src/lib/io/write-csv';
import { writeGeoJson } from '../../src/lib/io/write-geojson';
import { writeKml } from '../../src/lib/io/write-kml';
import { writeShapefile } from '../../src/lib/io/write-shapefile';
import { writeXlsx } from '../../src/lib/io/write-xlsx';
import { expectRing } from './fixtures/io/assertions';
import { CSV_POINTS, PLOT_COLLECTION, PLOTS } from './fixtures/io/fixtures';

const POINTS: FeatureCollection<Point> = {
  type: 'FeatureCollection',
  features: CSV_POINTS.map((point, index) => ({ type: 'Feature', properties: { 名称: point.name, 备注: index === 0 ? '=HYPERLINK("x")' : '-1' }, geometry: { type: 'Point', coordinates: point.position } })),
};

function expectPlotsBack(collection: FeatureCollection, tolerance = 0.01): void {
  expect(collection.features).toHaveLength(PLOTS.length);
  collection.features.forEach((feature, index) => {
    expect(feature.properties).toMatchObject(PLOTS[index]!.properties!);
    expectRing(feature.geometry, PLOTS[index]!.geometry.coordinates[0]!, tolerance);
  });
}

describe('writers round-trip through importFiles', () => {
  it('zipped Shapefile in CGCS2000 with .prj and UTF-8 .cpg', async () => {
    const output = writeShapefile(PLOT_COLLECTION, { name: '造林地块' });
    expect(output.files).toEqual(['造林地块.shp', '造林地块.shx', '造林地块.dbf', '造林地块.prj', '造林地块.cpg']);
    const entries = unzipSync(output.zip);
    expect(strFromU8(entries['造林地块.prj']!)).toMatch(/^GEOGCS\["GCS_China_Geodetic_Coordinate_System_2000",DATUM\["D_China_2000"/);
    expect(strFromU8(entries['造林地块.cpg']!)).toBe('UTF-8');
    const layer = (await importFiles([{ name: 'plots.zip', bytes: output.zip }])).layers[0]!;
    expect(layer.crs).toMatchObject({ code: 'EPSG:4490', source: 'prj' });
    expect(layer.encoding).toMatchObject({ encoding: 'utf-8', source: 'cpg' });
    expectPlotsBack(layer.collection);
  });

  it('zipped Shapefile in EPSG:4545 keeps holes (outer rings clockwise, holes counter-clockwise)', async () => {
    const outer = PLOTS[0]!.geometry.coordinates[0]!;
    const hole = [[108.352, 28.913], [108.352, 28.914], [108.353, 28.914], [108.353, 28.913], [108.352, 28.913]];
    const withHole: FeatureCollection = { type: 'FeatureCollection', features: [{ ...PLOTS[0]!, geometry: { type: 'Polygon', coordinates: [outer, hole] } }, PLOTS[1]!, PLOTS[2]!] };
    const layer = (await importFiles([{ name: 'gk.zip', bytes: writeShapefile(withHole, { crs: 'EPSG:4545' }).zip }])).layers[0]!;
    expect(layer.crs.code).toBe('EPSG:4545');
    const rings = (layer.collection.features[0]!.geometry as { coordinates: number[][][] }).coordinates;
    expect(rings).toHaveLength(2);
    expect(layer.collection.features[2]!.properties!.YOU_SHI_SZ).toBe('杉木');
  });

  it('writes mixed geometry as one file set per kind and shortens long field names', async () => {
    const mixed: FeatureCollection = { type: 'FeatureCollection', features: [...PLOTS, ...POINTS.features.map((f) => ({ ...f, properties: { 很长的中文字段名称: f.properties!.名称 } }))] };
    const output = writeShapefile(mixed, { name: 'mix' });
    expect(output.files.filter((file) => file.endsWith('.shp'))).toEqual(['mix_polygons.shp', 'mix_points.shp']);
    expect(output.renamedFields).toEqual({ 很长的: '很长的中文字段名称' });
    const result = await importFiles([{ name: 'mix.zip', bytes: output.zip }]);
    expect(result.layers.map((layer) => `${layer.name}:${layer.featureCount}`)).toEqual(['mix_polygons:3', 'mix_points:3']);
  });

  it('KML with names, descriptions and ExtendedData', async () => {
    const kml = writeKml(PLOT_COLLECTION, { name: '小班', nameField: 'XIAO_BAN' });
    expect(kml).toContain('<name>0012</name>');
    expect(kml).toContain('<description><![CDATA[XIANG: 龚滩镇<br/>');
    const layer = (await importFiles([{ name: 'plots.kml', bytes: strToU8(kml) }])).layers[0]!;
    expect(layer.collection.features.map((feature) => feature.properties!.name)).toEqual(['0012', '0107', '0203']);
    // ExtendedData values come back as text.
    expect(layer.collection.features[0]!.properties).toMatchObject({ XIANG: '龚滩镇', YOU_SHI_SZ: '马尾松', MIAN_JI: '135.5' });
    layer.collection.features.forEach((feature, index) => expectRing(feature.geometry, PLOTS[index]!.geometry.coordinates[0]!, 1e-6));
  });

  it('GeoJSON', async () => {
    const text = writeGeoJson(PLOT_COLLECTION, { precision: 9 });
    expectPlotsBack((await importFiles([{ name: 'plots.geojson', bytes: strToU8(text) }])).layers[0]!.collection);
  });

  it('CSV: BOM, formula-injection guard, points as lon/lat and polygons as WKT', async () => {
    const csv = writeCsv(featuresToTable(POINTS));
    expect(csv.startsWith('\uFEFF名称,备注,lon,lat\r\n')).toBe(true);
    expect(csv).toContain(`龚滩镇林场,"'=HYPERLINK(""x"")",108.3512,28.9134\r\n`);
    // '-1' reads as a number in any spreadsheet, so it is not a formula and keeps its text.
    expect(csv).toContain(`楠木湾古树,-1,`);
    expect([csvCell('+86'), csvCell('+86 cmd'), csvCell('@sum'), csvCell(-5), csvCell('a,b')]).toEqual(['+86', `'+86 cmd`, `'@sum`, '-5', '"a,b"']);
    const points = (await importFiles([{ name: 'points.csv', bytes: strToU8(csv) }])).layers[0]!;
    points.collection.features.forEach((feature, index) => {
      expect(distanceMetres((feature.geometry as Point).coordinates, CSV_POINTS[index]!.position)).toBeLessThan(0.01);
    });
    const polygons = writeCsv(featuresToTable(PLOT_COLLECTION));
    expectPlotsBack((await importFiles([{ name: 'plots.csv', bytes: strToU8(polygons) }])).layers[0]!.collection);
  });

  it('XLSX', async () => {
    const bytes = await writeXlsx([{ name: '小班', ...featuresToTable(PLOT_COLLECTION) }]);
    expectPlotsBack((await importFiles([{ name: 'plots.xlsx', bytes }])).layers[0]!.collection);
  });
});
