import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io';
import { expectRing } from './fixtures/io/assertions';
import { PLOT_COLLECTION, PLOTS, PROJ_4545, selfIntersectingGeoJson } from './fixtures/io/fixtures';
import proj4 from 'proj4';

describe('importFiles: GeoJSON, NDJSON, FlatGeobuf', () => {
  it('lists a self-intersecting polygon with its index, id and reason, and keeps it by default', async () => {
    const result = await importFiles([selfIntersectingGeoJson()]);
    const layer = result.layers[0]!;
    expect(layer.featureCount).toBe(3);
    expect(layer.invalidCount).toBe(1);
    const issue = layer.issues.find((candidate) => candidate.code === 'self-intersection')!;
    expect(issue).toMatchObject({ featureIndex: 1, featureId: 'bad-1', severity: 'error', action: 'kept' });
    expect(issue.message.en).toMatch(/^feature 1 \(id bad-1\), part 0, outer ring.*: ring intersects itself$/);
    expect(issue.message.zh).toMatch(/^要素1（编号bad-1）.*：环自相交$/);
  });

  it('skips or repairs invalid polygons on request', async () => {
    const skipped = (await importFiles([selfIntersectingGeoJson()], { invalid: 'skip' })).layers[0]!;
    expect(skipped.featureCount).toBe(2);
    expect(skipped.skippedCount).toBe(1);
    expect(skipped.collection.features.map((feature) => feature.properties!.XIANG)).toEqual(['龚滩镇', '两罾乡']);
    const repaired = (await importFiles([selfIntersectingGeoJson()], { invalid: 'repair' })).layers[0]!;
    expect(repaired.featureCount).toBe(3);
    expect(repaired.repairedCount).toBe(1);
    expect(repaired.collection.features[1]!.geometry!.type).toBe('MultiPolygon');
    expect(repaired.issues.find((issue) => issue.code === 'self-intersection')!.action).toBe('repaired');
  });

  it('honours the legacy "crs" member of a projected GeoJSON', async () => {
    const converter = proj4('EPSG:4326', PROJ_4545);
    const projected = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } },
      features: PLOTS.map((plot) => ({ ...plot, geometry: { type: 'Polygon', coordinates: plot.geometry.coordinates.map((ring) => ring.map((p) => converter.forward([p[0]!, p[1]!]))) } })),
    };
    const layer = (await importFiles([{ name: 'qgis.geojson', bytes: strToU8(JSON.stringify(projected)) }])).layers[0]!;
    expect(layer.crs).toMatchObject({ code: 'EPSG:4545', source: 'declared' });
    expect(layer.warnings).toEqual([]);
    expectRing(layer.collection.features[0]!.geometry, PLOTS[0]!.geometry.coordinates[0]!);
  });

  it('reads newline-delimited GeoJSON and reports the line of a broken record', async () => {
    const lines = PLOTS.map((plot) => JSON.stringify(plot)).join('\n');
    const layer = (await importFiles([{ name: 'plots.geojsonl', bytes: strToU8(lines) }])).layers[0]!;
    expect(layer.format).toBe('ndjson');
    expect(layer.featureCount).toBe(3);
    expect(layer.crs).toMatchObject({ code: 'EPSG:4326', source: 'detected' });
    const broken = await importFiles([{ name: 'plots.ndjson', bytes: strToU8(`${lines}\n{"type": "Feature",}`) }]);
    expect(broken.errors[0]!.message.en).toBe('plots.ndjson: invalid JSON at line 4, column 20');
  });

  it('reads GeoJSON saved with the wrong extension, with a warning', async () => {
    const result = await importFiles([{ name: '地块.txt', bytes: strToU8(JSON.stringify(PLOT_COLLECTION)) }]);
    expect(result.layers[0]!.format).toBe('geojson');
    expect(result.warnings[0]!.message.en).toBe('the extension is ".txt" but the content is GeoJSON: read as GeoJSON');
  });

  it('reads FlatGeobuf', async () => {
    const bytes = serialize(PLOT_COLLECTION, 4326);
    const layer = (await importFiles([{ name: '小班.fgb', bytes }])).layers[0]!;
    expect(layer.format).toBe('flatgeobuf');
    expect(layer.crs).toMatchObject({ code: 'EPSG:4326', source: 'declared' });
    expect(layer.collection.features[1]!.properties!.YOU_SHI_SZ).toBe('金丝楠木');
    expectRing(layer.collection.features[1]!.geometry, PLOTS[1]!.geometry.coordinates[0]!, 1e-6);
  });
});
