import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { importFiles } from '../../src/lib/io/import-files';
import { boundaryPointTable } from '../../src/lib/geo/boundary-points';
import { plotMetrics } from '../../src/lib/geo/plot-metrics';
import type { StoredPlot } from '../../src/lib/state/persistence/database';
import { exportPlots, plotFeatureCollection, type PlotExportFormat } from '../../src/lib/state/plots/plot-export';
import { plotsFromImport } from '../../src/lib/state/plots/plot-import';
import { importReport } from '../../src/lib/state/plots/plot-import-report';
import { boundaryOutputTable, exportBoundaryTable } from '../../src/lib/state/plots/boundary-table-export';
import { filterPlots, sortPlots } from '../../src/lib/state/plots/plot-list';
import { writeCsv } from '../../src/lib/io/write-csv';

const polygon = (coordinates: number[][]): Polygon => ({ type: 'Polygon', coordinates: [coordinates] });

function stored(id: string, name: string, plotType: string, targetYear: number, notes: string, geometry: Polygon, updatedAt: string): StoredPlot {
  return { id, name, plotType, targetYear, notes, geometry, createdAt: `2026-11-0${id}T00:00:00.000Z`, updatedAt, deleted: false, revision: 1 };
}

const PLOTS: StoredPlot[] = [
  stored('1', '楠木湾1号地块', '封山育林', 2025, '补植楠木, 避开"保护范围"', polygon([[108.38, 28.88], [108.385, 28.8801], [108.3849, 28.885], [108.3801, 28.8849], [108.38, 28.88]]), '2026-11-03T00:00:00.000Z'),
  stored('2', '储备林2号（"东片", 含沟谷）', '储备林', 2024, '', polygon([[108.39, 28.89], [108.3912345678, 28.89], [108.39, 28.8912345678], [108.39, 28.89]]), '2026-11-02T00:00:00.000Z'),
];

async function roundTrip(format: PlotExportFormat) {
  const written = exportPlots(format, plotFeatureCollection(PLOTS, (id) => (id === '1' ? ['两罾乡'] : [])), '酉阳造林地块');
  const bytes = typeof written.content === 'string' ? new TextEncoder().encode(written.content) : written.content;
  const result = await importFiles([{ name: `plots.${written.extension}`, bytes }]);
  const imported = plotsFromImport(result, 2030);
  expect(imported.layers).toHaveLength(1);
  return { written, imported: { errors: imported.errors, plots: imported.layers[0]!.plots, refused: imported.layers[0]!.refused } };
}

describe('plots out and back in (shared io writers and importers)', () => {
  for (const format of ['geojson', 'kml', 'shapefile', 'csv'] as const) {
    it(`${format}: every plot comes back with its attributes and outline`, async () => {
      const { imported } = await roundTrip(format);
      expect(imported.errors).toEqual([]);
      expect(imported.refused).toEqual([]);
      expect(imported.plots.map((plot) => plot.attributes)).toEqual(
        PLOTS.map(({ name, plotType, targetYear, notes }) => ({ name, plotType, targetYear, notes })),
      );
      imported.plots.forEach((plot, index) => {
        const expected = (PLOTS[index]!.geometry as Polygon).coordinates[0]!;
        const actual = (plot.geometry as Polygon).coordinates[0]!;
        expect(actual).toHaveLength(expected.length);
        actual.forEach((position, vertex) => {
          expect(Math.abs(position[0]! - expected[vertex]![0]!)).toBeLessThan(1e-9);
          expect(Math.abs(position[1]! - expected[vertex]![1]!)).toBeLessThan(1e-9);
        });
      });
    });
  }

  it('writes area, perimeter and townships with the attributes', async () => {
    const { written } = await roundTrip('geojson');
    const feature = JSON.parse(written.content as string).features[0];
    const metrics = plotMetrics(PLOTS[0]!.geometry);
    expect(feature.properties).toMatchObject({
      PLOT_ID: '1',
      MING_CHENG: '楠木湾1号地块',
      XIANG: '两罾乡',
      MIAN_JI_MU: Number((metrics.areaSquareMetres * 0.0015).toFixed(2)),
      ZHOU_CHANG: Number(metrics.perimeterMetres.toFixed(1)),
    });
  });

  it('explains a KML without polygons and imports nothing from it', async () => {
    const kml = '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>瞭望点</name><Point><coordinates>108.83,28.745</coordinates></Point></Placemark><Placemark><LineString><coordinates>108.8,28.7 108.81,28.71</coordinates></LineString></Placemark></Document></kml>';
    const result = await importFiles([{ name: '巡护点.kml', bytes: new TextEncoder().encode(kml) }]);
    const [layer] = plotsFromImport(result, 2030).layers;
    expect(layer!.plots).toEqual([]);
    expect(layer!.refused.map((feature) => feature.featureNumber)).toEqual([1, 2]);
    const report = importReport(layer!, 0, 0);
    expect(report.kind).toBe('error');
    expect(report.text.zh).toMatch(/^巡护点\.kml：没有面（多边形）要素，无法作为地块导入；文件中只有 2 个 (Point, LineString|LineString, Point) 要素$/);
    expect(report.text.en).toContain('no polygon features');
  });

  it('passes on the importer’s own errors (an unreadable file) with the file name', async () => {
    const result = await importFiles([{ name: 'broken.geojson', bytes: new TextEncoder().encode('{"type": "FeatureCollection", "features": [') }]);
    const imported = plotsFromImport(result, 2030);
    expect(imported.layers).toEqual([]);
    expect(imported.errors[0]!.zh).toMatch(/^broken\.geojson：/);
  });
});

describe('boundary-point table files', () => {
  const table = boundaryPointTable(PLOTS[0]!.geometry);

  it('writes the CSV with three-decimal X/Y, DMS, edges and the area line', () => {
    const csv = writeCsv(boundaryOutputTable(table, '楠木湾1号地块', 'zh', false));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('点号,X（北坐标，米）,Y（东坐标，米）,经度（度）,纬度（度）,经度（度分秒）,纬度（度分秒）,边长（米，高斯平面）');
    const first = table.rings[0]!.points[0]!;
    expect(lines[1]).toBe(
      ['J1', first.x.toFixed(3), first.y.toFixed(3), first.longitude.toFixed(8), first.latitude.toFixed(8), '108°22′48.3600″E', '28°53′05.6400″N', first.edgeMetres!.toFixed(3)].join(','),
    );
    // Four points, the closing J1, a blank row, plot, CRS and area.
    expect(lines[5]!.startsWith('J1,')).toBe(true);
    expect(lines[5]!.endsWith(',')).toBe(true);
    expect(lines[7]).toBe('地块,楠木湾1号地块,,,,,,');
    expect(lines[8]).toBe(`坐标系,${table.crs.name.zh},,,,,,`);
    expect(lines[9]).toMatch(/^"面积 [\d,.]+ 平方米 = [\d,.]+ 亩 = [\d,.]+ 公顷（椭球面积）",/);
  });

  it('writes an XLSX workbook with numbers (Excel can compute with them)', async () => {
    const numeric = boundaryOutputTable(table, '楠木湾1号地块', 'en', true);
    expect(typeof numeric.rows[0]!.x).toBe('number');
    expect(numeric.columns.find((column) => column.key === 'x')?.numberFormat).toBe('0.000');
    const file = await exportBoundaryTable('xlsx', table, '楠木湾1号地块', 'en');
    expect(file.extension).toBe('xlsx');
    const bytes = file.content as Uint8Array;
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });
});

describe('plot list filter and sort', () => {
  const measured = PLOTS.map((plot) => ({ plot, metrics: plotMetrics(plot.geometry) }));

  it('filters by text in name or notes, and by type', () => {
    expect(filterPlots(measured, '楠木', '').map((entry) => entry.plot.id)).toEqual(['1']);
    expect(filterPlots(measured, '保护范围', '').map((entry) => entry.plot.id)).toEqual(['1']);
    expect(filterPlots(measured, '', '储备林').map((entry) => entry.plot.id)).toEqual(['2']);
    expect(filterPlots(measured, '楠木', '储备林')).toEqual([]);
  });

  it('sorts by last change, area, year and name', () => {
    expect(sortPlots(measured, 'updated').map((entry) => entry.plot.id)).toEqual(['1', '2']);
    expect(sortPlots(measured, 'area').map((entry) => entry.plot.id)).toEqual(['1', '2']);
    expect(sortPlots(measured, 'year').map((entry) => entry.plot.id)).toEqual(['2', '1']);
    expect(sortPlots([...measured].reverse(), 'name').map((entry) => entry.plot.name)).toEqual(sortPlots(measured, 'name').map((entry) => entry.plot.name));
  });
});
